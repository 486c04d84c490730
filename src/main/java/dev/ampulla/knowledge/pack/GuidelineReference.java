package dev.ampulla.knowledge.pack;

/**
 * A published source the guideline layer cites: a guideline (with its edition and when the pack last reviewed it
 * against it), a trial, or a regulatory decision. {@code mark}: how far the citation was checked (verified,
 * secondary, unverified), as the pack's other data mark their codes.
 */
public record GuidelineReference(
        String id, Kind kind, String label, String citation, String edition, String url, String reviewed, String mark) {

    public enum Kind implements Keyed {
        GUIDELINE("guideline"),
        TRIAL("trial"),
        REGULATORY("regulatory");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        @Override
        public String key() {
            return key;
        }
    }
}
