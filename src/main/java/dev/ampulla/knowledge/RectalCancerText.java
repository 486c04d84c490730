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

    private RectalCancerText() {}

    public static boolean namesRectalCancer(String text) {
        return mayNameRectum(text)
                && RECTUM.matcher(text).find()
                && MALIGNANCY.matcher(text).find();
    }

    public static boolean namesRectum(String text) {
        return mayNameRectum(text) && RECTUM.matcher(text).find();
    }

    /** A cheap first look (most diagnoses are unrelated): does "rect" or "rekt" occur at all, in any case? */
    private static boolean mayNameRectum(String text) {
        if (text == null) {
            return false;
        }
        for (int i = 0, n = text.length() - 3; i < n; i++) {
            char r = text.charAt(i);
            if ((r == 'r' || r == 'R') && (text.charAt(i + 1) | 0x20) == 'e') {
                char c = (char) (text.charAt(i + 2) | 0x20);
                if ((c == 'c' || c == 'k') && (text.charAt(i + 3) | 0x20) == 't') {
                    return true;
                }
            }
        }
        return false;
    }
}
