package dev.ampulla.knowledge.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The documentation's decision table, findings, placeholders and parameters are the pack's: each block between
 * {@code <!-- pack:NAME -->} and {@code <!-- /pack:NAME -->} must equal what {@link PackDocs} writes from the shipped
 * pack. After a deliberate change, rewrite them with {@code -Dampulla.docs=update} and review the diff.
 */
class KnowledgeDocsTest {
    private static final boolean UPDATE = "update".equals(System.getProperty("ampulla.docs"));
    private static final KnowledgePack PACK = KnowledgePack.shipped();

    static Stream<Arguments> blocks() {
        return Stream.of(
                Arguments.of("docs/clinical-logic.md", "rules", (Supplier<String>) () -> PackDocs.rules(PACK)),
                Arguments.of(
                        "docs/clinical-logic.md", "parameters", (Supplier<String>) () -> PackDocs.parameters(PACK)),
                Arguments.of("docs/clinical-logic.md", "phases", (Supplier<String>) () -> PackDocs.phases(PACK)),
                Arguments.of("docs/clinical-logic.md", "guideline-rules", (Supplier<String>)
                        () -> PackDocs.guidelineRules(PACK)),
                Arguments.of("docs/clinical-logic.md", "guideline-inputs", (Supplier<String>)
                        () -> PackDocs.guidelineInputs(PACK)),
                Arguments.of("docs/clinical-logic.md", "guideline-references", (Supplier<String>)
                        () -> PackDocs.guidelineReferences(PACK)),
                Arguments.of("docs/knowledge-pack.md", "findings", (Supplier<String>) () -> PackDocs.findings(PACK)),
                Arguments.of("docs/knowledge-pack.md", "placeholders", (Supplier<String>) PackDocs::placeholders));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("blocks")
    void theDocumentationShowsThePack(String file, String block, Supplier<String> generated) throws IOException {
        Path path = Path.of(file);
        String text = Files.readString(path);
        String open = "<!-- pack:" + block;
        String close = "<!-- /pack:" + block + " -->";
        int start = text.indexOf(open);
        int end = text.indexOf(close);
        assertTrue(start >= 0 && end > start, file + " has the block " + block);
        int body = text.indexOf("-->", start) + 4;
        String expected = "\n" + generated.get();
        if (UPDATE) {
            Files.writeString(path, text.substring(0, body - 1) + expected + text.substring(end));
            return;
        }
        assertEquals(
                expected,
                text.substring(body - 1, end),
                file + " block " + block + " differs from the pack;" + " rewrite with -Dampulla.docs=update");
    }
}
