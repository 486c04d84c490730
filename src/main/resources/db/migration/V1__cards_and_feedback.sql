-- Ampulla's feedback store. Portable SQL: the same migration runs on SQLite and PostgreSQL.
-- No patient names or identifiers are stored; patient_hash is a keyed hash (HMAC-SHA256), or null.
-- Times are milliseconds since the epoch (UTC).

CREATE TABLE issued_card (
    card_uuid     VARCHAR(64)  NOT NULL PRIMARY KEY,
    service_id    VARCHAR(100) NOT NULL,
    topic         VARCHAR(100) NOT NULL,
    indicator     VARCHAR(16)  NOT NULL,
    rule_ids      VARCHAR(100) NOT NULL,
    patient_hash  VARCHAR(64),
    issued_at     BIGINT       NOT NULL
);
CREATE INDEX issued_card_issued_at ON issued_card (issued_at);

CREATE TABLE issued_suggestion (
    suggestion_uuid VARCHAR(64)  NOT NULL PRIMARY KEY,
    card_uuid       VARCHAR(64)  NOT NULL,
    label           VARCHAR(300) NOT NULL,
    pathway_option  VARCHAR(100) NOT NULL
);
CREATE INDEX issued_suggestion_card ON issued_suggestion (card_uuid);

-- One row per card, outcome and accepted suggestion ('' when none): a repeated feedback item is stored once.
-- Free-text override comments are not stored (they may name the patient); only whether one was given.
CREATE TABLE feedback (
    card_uuid       VARCHAR(128) NOT NULL,
    outcome         VARCHAR(16)  NOT NULL,
    suggestion_uuid VARCHAR(128) NOT NULL,
    service_id      VARCHAR(100) NOT NULL,
    reason_system   VARCHAR(300),
    reason_code     VARCHAR(100),
    reason_display  VARCHAR(300),
    has_comment     SMALLINT     NOT NULL,
    outcome_at      BIGINT       NOT NULL,
    received_at     BIGINT       NOT NULL,
    PRIMARY KEY (card_uuid, outcome, suggestion_uuid)
);
CREATE INDEX feedback_received_at ON feedback (received_at);
