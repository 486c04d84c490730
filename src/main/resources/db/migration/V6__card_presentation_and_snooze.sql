-- What became of each recorded card: shown, or kept back — hidden by the deployment's card controls ('hidden') or by
-- the calling EHR's per-call options ('hidden-by-option'), computed but not returned ('silent'), or not shown again
-- after a clinician overrode the same advice ('snoozed'). Cards recorded before this column were all shown.
ALTER TABLE issued_card ADD COLUMN presentation VARCHAR(32) NOT NULL DEFAULT 'shown';
-- The SHA-256 fingerprint of the facts a patient-view card was decided on (its rules and the finding values they
-- tested); null for order-time cards, which are never snoozed.
ALTER TABLE issued_card ADD COLUMN decisive_facts VARCHAR(64);
-- Advice a clinician overrode at patient-view, not shown again for that patient until snoozed_until while it rests
-- on the same facts. Only the keyed hash of the patient id is stored, never the id.
CREATE TABLE card_snooze (
    patient_hash   VARCHAR(64)  NOT NULL,
    topic          VARCHAR(100) NOT NULL,
    decisive_facts VARCHAR(64)  NOT NULL,
    snoozed_until  BIGINT       NOT NULL,
    PRIMARY KEY (patient_hash, topic, decisive_facts)
);
CREATE INDEX card_snooze_until ON card_snooze (snoozed_until);
