-- What feedback is checked against: the client a card was issued to (its JWT iss; null in open mode) and the
-- override reason codes the card offered (space-separated). Feedback is accepted only for recorded cards, from
-- their client, naming their suggestions and reasons.
ALTER TABLE issued_card ADD COLUMN issuer VARCHAR(300);
ALTER TABLE issued_card ADD COLUMN override_reasons VARCHAR(1000);
