-- The clinician's free-text override comment, kept only when the operator opts in
-- (AMPULLA_STORE_OVERRIDE_COMMENTS=true): free text may name the patient. Null otherwise.
ALTER TABLE feedback ADD COLUMN user_comment VARCHAR(1000);
