-- The treatment orders signed at order-sign, for the pathway agreement report: one row per order, patient and day
-- (the same order signed twice the same day counts once). No patient or order identifiers: order_key is a keyed hash
-- (HMAC-SHA256 with the patient hash key) of the draft order's reference, or its SHA-256 without a key; patient_key
-- is the keyed patient hash, or '' without a key. Times are milliseconds since the epoch (UTC); signed_day and
-- signed_month are the UTC day and month of the first signing.

CREATE TABLE signed_order (
    order_key     VARCHAR(64)  NOT NULL,
    patient_key   VARCHAR(64)  NOT NULL,
    signed_day    VARCHAR(10)  NOT NULL,
    signed_month  VARCHAR(7)   NOT NULL,
    signed_at     BIGINT       NOT NULL,
    issuer        VARCHAR(300),
    modality      VARCHAR(32)  NOT NULL,
    drug_class    VARCHAR(64),
    agreement     VARCHAR(16)  NOT NULL,
    pathway_topic VARCHAR(100),
    pathway_rule  VARCHAR(32),
    pack_version  VARCHAR(32)  NOT NULL,
    stage_group   VARCHAR(32),
    segment       VARCHAR(32),
    phase         VARCHAR(64),
    warning_rule  VARCHAR(32),
    PRIMARY KEY (order_key, patient_key, signed_day)
);
CREATE INDEX signed_order_signed_at ON signed_order (signed_at);

-- The order-check warning cards that named a signed order, each time it was signed: feedback overriding one of them
-- gives the reason an off-pathway order was signed.
CREATE TABLE signed_order_warning (
    order_key   VARCHAR(64) NOT NULL,
    patient_key VARCHAR(64) NOT NULL,
    signed_day  VARCHAR(10) NOT NULL,
    card_uuid   VARCHAR(64) NOT NULL,
    PRIMARY KEY (order_key, patient_key, signed_day, card_uuid)
);
