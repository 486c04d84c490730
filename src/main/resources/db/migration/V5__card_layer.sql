-- Which layer of the knowledge pack issued a card: the founding document's pathway (with Ampulla's own data cards),
-- the guideline layer, or the comparison of the two. The concordance report counts each apart.
ALTER TABLE issued_card ADD COLUMN layer VARCHAR(32) NOT NULL DEFAULT 'founding-document';
