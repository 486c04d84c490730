package dev.ampulla.knowledge;

import java.util.regex.Pattern;

/**
 * Whether a diagnosis text (a display, {@code code.text}, a body-site text) names a rectal cancer, in English or
 * German: a word for the rectum and a word for a malignancy. Used only to notice a rectal cancer that no known code
 * says, so that it gets a "not recognised" card instead of silence; it never makes a Condition count as one.
 */
public final class RectalCancerText {
    private static final Pattern RECTUM = Pattern.compile("(?iu)\\b(?:colo|sigmoido)?re[ck]t(?:um|al|o|i|e)");
    private static final Pattern MALIGNANCY = Pattern.compile(
            "(?iu)(?:cancer|carcinom|karzinom|malign|neoplas|tumou?r|adenocarc|bösartig|krebs|\\bca\\b)");

    private RectalCancerText() {
    }

    public static boolean namesRectalCancer(String text) {
        return text != null && !text.isBlank() && RECTUM.matcher(text).find() && MALIGNANCY.matcher(text).find();
    }

    public static boolean namesRectum(String text) {
        return text != null && !text.isBlank() && RECTUM.matcher(text).find();
    }
}
