package dev.ampulla.cli;

import dev.ampulla.cdshooks.Card;
import dev.ampulla.cdshooks.CdsResponse;
import dev.ampulla.cdshooks.Suggestion;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Cards as a clinician reads them in a terminal: per card its indicator and summary, the detail as plain text, the
 * suggestions' labels and the source.
 */
final class TextCards {
    private TextCards() {}

    static void print(String heading, CdsResponse response, PrintStream out) {
        out.println("== " + PlainText.printable(heading) + " ==");
        out.println();
        if (response.cards().isEmpty()) {
            out.println("No cards.");
            out.println();
            return;
        }
        for (Card card : response.cards()) {
            String indicator =
                    card.indicator() == null ? "info" : card.indicator().json();
            out.println("[" + indicator.toUpperCase(Locale.ROOT) + "] " + PlainText.inline(card.summary()));
            if (card.detail() != null && !card.detail().isBlank()) {
                out.println();
                for (String line : PlainText.lines(card.detail().strip())) {
                    out.println(line.isEmpty() ? "" : "    " + line);
                }
            }
            if (card.suggestions() != null && !card.suggestions().isEmpty()) {
                out.println();
                out.println("  Suggestions:");
                for (Suggestion s : card.suggestions()) {
                    out.println("    - " + (s.label() == null ? "(no label)" : PlainText.inline(s.label()))
                            + (Boolean.TRUE.equals(s.isRecommended()) ? "  (recommended)" : ""));
                }
            }
            if (card.source() != null && card.source().label() != null) {
                out.println();
                out.println("  Source: " + PlainText.inline(card.source().label()));
            }
            out.println();
        }
    }
}
