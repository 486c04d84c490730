package dev.ampulla.knowledge.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampulla.cards.MarkdownForTests;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The card-text language, case by case: what each construct writes, and what it refuses. */
class TemplateTest {

    private static Template parse(String text) {
        return Template.parse(
                text, "rules/T.yaml", 5, Map.of("aim", Template.parse("to shrink it", "texts.yaml", 1, Map.of())));
    }

    private static Findings upperRectum() {
        return Findings.start().set(Finding.SEGMENT, "upper-rectum").set(Finding.STAGE, "staged");
    }

    @Test
    void placeholdersSectionsChoicesListsAndFragments() {
        TemplateValues values = new TemplateValues(upperRectum())
                .text(Placeholder.STAGE_GROUP, "IIIB")
                .flag(Placeholder.FROM_REPORTED_GROUP, true)
                .list(
                        Placeholder.PROBLEMS,
                        List.of(
                                new TemplateValues.Item()
                                        .recordText("text", "one")
                                        .flag("warning", true),
                                new TemplateValues.Item().recordText("text", "two")));
        Template t = parse("Stage {stage-group}{?from-reported-group}, as reported{/from-reported-group}"
                + "{!sub-group-undecided}, decided{/sub-group-undecided}; {?segment=upper-rectum|rectosigmoid}no"
                + " radiotherapy{/segment}{?segment=lower-rectum}radiotherapy{/segment}; {>aim};"
                + "{*problems} [{?warning}!{/warning}{text}]{/problems}");
        assertEquals(
                "Stage IIIB, as reported, decided; no radiotherapy; to shrink it; [!one] [two]",
                t.render(values, s -> s));
    }

    @Test
    void valuesFromTheRecordAreEscapedAndTheTextsOwnWordsAreNot() {
        TemplateValues values = new TemplateValues(upperRectum())
                .recordText(Placeholder.RESECTION_EVIDENCE, "**bold** [link](https://example.org)")
                .text(Placeholder.STAGE_GROUP, "*IV*");
        String rendered = parse("{stage-group} {resection-evidence}").render(values, MarkdownForTests::escape);
        assertTrue(rendered.startsWith("*IV* "), rendered);
        assertEquals(MarkdownForTests.escape("**bold** [link](https://example.org)"), rendered.substring(5));
    }

    @Test
    void aDoubledBraceWritesABrace() {
        assertEquals(
                "{stage-group} is IIIB",
                parse("{{stage-group} is {stage-group}")
                        .render(new TemplateValues(upperRectum()).text(Placeholder.STAGE_GROUP, "IIIB"), s -> s));
    }

    @Test
    void mistakesAreRefusedWithTheirLine() {
        assertEquals(
                "rules/T.yaml line 6: unknown placeholder {tumour}",
                assertThrows(PackException.class, () -> parse("first line\n{tumour}"))
                        .getMessage());
        assertEquals(
                "rules/T.yaml line 5: {segment} is never closed with {/segment}",
                assertThrows(PackException.class, () -> parse("{?segment=upper-rectum}x"))
                        .getMessage());
        assertEquals(
                "rules/T.yaml line 5: segment has no value 'upper' (values: lower-rectum, middle-rectum,"
                        + " upper-rectum, rectosigmoid, unknown)",
                assertThrows(PackException.class, () -> parse("{?segment=upper}x{/segment}"))
                        .getMessage());
        assertTrue(assertThrows(PackException.class, () -> parse("{problems}"))
                .getMessage()
                .contains("{problems} is a list, not a text: repeat it with {*problems}"));
        assertTrue(assertThrows(PackException.class, () -> parse("{>missing}"))
                .getMessage()
                .contains("{>missing}: no such fragment"));
    }
}
