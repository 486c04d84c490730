package dev.ampulla.pathway;

import dev.ampulla.extraction.DataProblem;
import dev.ampulla.knowledge.pack.Finding;
import dev.ampulla.knowledge.pack.RuleDefinition;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A fingerprint of what a piece of advice was decided on: each of its rules' ids with the values of the findings the
 * rule's {@code when} tests, the stage group (a stage card's condition tests only that the tumour is staged, yet a
 * restaging changes its advice), and, for a data-quality card, the problems it lists. Advice with the same fingerprint
 * rests on the same facts; its card text does not enter, so a reworded pack does not change it. SHA-256, hex.
 */
public final class DecisiveFacts {

    private DecisiveFacts() {}

    public static String of(Advice advice, Recommendation r) {
        StringBuilder facts = new StringBuilder(256);
        facts.append("stage-group=").append(advice.assessment().stage().group()).append(';');
        for (RuleDefinition rule : r.rules()) {
            facts.append(rule.id()).append('{');
            if (rule.when() != null) {
                // the condition's findings are an EnumMap: always in the same order
                for (Finding f : rule.when().allowed().keySet()) {
                    facts.append(f.key())
                            .append('=')
                            .append(advice.findings().get(f))
                            .append(';');
                }
            }
            facts.append('}');
        }
        if (r instanceof Recommendation.DataQuality q) {
            for (DataProblem p : q.problems()) {
                facts.append(p.code().key())
                        .append(new java.util.TreeMap<>(p.arguments()))
                        .append(';');
            }
        }
        return sha256(facts.toString());
    }

    /** For a card decided while reading the record (R28): its rule alone. */
    public static String ofRule(String ruleId) {
        return sha256(ruleId + "{}");
    }

    /** One digest per thread: looking SHA-256 up among the security providers costs more than hashing the facts. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    });

    private static String sha256(String text) {
        return HexFormat.of().formatHex(SHA_256.get().digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
