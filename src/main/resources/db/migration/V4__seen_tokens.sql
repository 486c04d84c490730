-- JWT ids accepted, shared by every replica using this store and kept across restarts, so a captured token is
-- accepted once, anywhere, until it expires. Rows past expires_at are purged with the other old rows.
CREATE TABLE seen_token (
    issuer     VARCHAR(300) NOT NULL,
    jti        VARCHAR(300) NOT NULL,
    expires_at BIGINT       NOT NULL,
    PRIMARY KEY (issuer, jti)
);
CREATE INDEX seen_token_expires_at ON seen_token (expires_at);
