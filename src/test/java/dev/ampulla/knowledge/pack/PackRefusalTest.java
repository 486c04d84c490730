package dev.ampulla.knowledge.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampulla.support.AmpullaProcess;
import dev.ampulla.support.Packs;
import dev.ampulla.support.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A broken pack never starts: each refusal names the file and the line to fix. The edits are the mistakes a
 * committee member makes: a misspelt finding, a text left out, a rule widened until it overlaps another, a
 * placeholder that does not exist, a rule deleted that a situation needs.
 */
class PackRefusalTest {

    private static String refusal(Path pack) {
        return assertThrows(PackException.class, () -> KnowledgePack.load(PackSource.directory(pack)))
                .getMessage();
    }

    @Test
    void theExportedPackLoadsAsShipped() {
        KnowledgePack pack = KnowledgePack.load(PackSource.directory(Packs.exported()));
        assertEquals(KnowledgePack.shipped().version(), pack.version());
        assertEquals(KnowledgePack.shipped().rules().size(), pack.rules().size());
    }

    @Test
    void anUnknownFindingIsRefusedWithItsLine() {
        Path pack = Packs.exported();
        Packs.edit(
                pack,
                "rules/R6.yaml",
                "  segment: [lower-rectum, middle-rectum]\n",
                "  segment: [lower-rectum, middle-rectum]\n  tumour-size: large\n");
        String message = refusal(pack);
        assertTrue(message.startsWith("rules/R6.yaml line 15: unknown finding 'tumour-size'"), message);
    }

    @Test
    void anUnknownValueIsRefusedWithItsLine() {
        Path pack = Packs.exported();
        Packs.edit(pack, "rules/R6.yaml", "[lower-rectum, middle-rectum]", "[low-rectum, middle-rectum]");
        String message = refusal(pack);
        assertTrue(message.startsWith("rules/R6.yaml line 14: segment has no value 'low-rectum'"), message);
    }

    @Test
    void aRuleWithoutItsDetailTextIsRefused() {
        Path pack = Packs.exported();
        Packs.edit(pack, "rules/R9.yaml", "detail: |-\n", "explanation: |-\n");
        String message = refusal(pack);
        assertTrue(message.startsWith("rules/R9.yaml line 21: unknown key 'explanation'"), message);
    }

    @Test
    void aFoundingDocumentRuleWithoutOverrideReasonsIsRefused() {
        Path pack = Packs.exported();
        Packs.edit(
                pack,
                "rules/R6.yaml",
                "override-reasons: [mdt-decision, patient-preference, clinical-trial, data-incorrect, contraindication]",
                "override-reasons: []");
        String message = refusal(pack);
        assertTrue(message.startsWith("rules/R6.yaml line 17: a FD rule must offer override reasons"), message);
    }

    @Test
    void anUnknownPlaceholderIsRefusedWithItsLine() {
        Path pack = Packs.exported();
        Packs.edit(pack, "rules/R6.yaml", "in the {segment-description}:", "in the {tumour-site}:");
        String message = refusal(pack);
        assertTrue(message.startsWith("rules/R6.yaml line 23: unknown placeholder {tumour-site}"), message);
    }

    @Test
    void aSectionLeftOpenIsRefused() {
        Path pack = Packs.exported();
        Packs.edit(
                pack,
                "rules/R14.yaml",
                "{?stage=staged} (stage {stage-group}){/stage}",
                "{?stage=staged} (stage {stage-group})");
        assertTrue(refusal(pack).startsWith("rules/R14.yaml line 20: {stage} is never closed"), refusal(pack));
    }

    @Test
    void twoPathwayRulesThatApplyAtOnceAreRefused() {
        Path pack = Packs.exported();
        Packs.edit(
                pack,
                "rules/R9.yaml",
                "  locoregional-spread: limited\n",
                "  locoregional-spread: [limited, significant]\n");
        String message = refusal(pack);
        assertTrue(
                message.startsWith("rules/R9.yaml line 1: rule R9 and rule R6 (rules/R6.yaml line 1) both apply"
                        + " in group pathway"),
                message);
        assertTrue(message.contains("segment: lower-rectum"), "names a situation where both apply: " + message);
    }

    @Test
    void aSituationLeftWithoutItsPathwayIsRefused() {
        Path pack = Packs.exported();
        Packs.edit(pack, "manifest.yaml", "R8.yaml, R9.yaml", "R8.yaml");
        String message = refusal(pack);
        assertTrue(message.startsWith("rule-groups.yaml: no rule of group pathway applies"), message);
        assertTrue(message.contains("locoregional-spread: limited"), message);
    }

    @Test
    void aTopicMissingFromTheCardTopicCodeSystemIsRefused() {
        Path pack = Packs.exported();
        Packs.edit(pack, "rules/R9.yaml", "topic: surgery-primary", "topic: surgery-first");
        assertTrue(
                refusal(pack)
                        .startsWith("rules/R9.yaml line 2: topic 'surgery-first' is not in"
                                + " CodeSystem-card-topic.json"),
                refusal(pack));
    }

    @Test
    void aDataProblemSentenceMayPrintOnlyItsOwnArguments() {
        Path pack = Packs.exported();
        Packs.edit(pack, "data-problems.yaml", "check the diagnosis date.\"", "check {observation}.\"");
        assertTrue(
                refusal(pack)
                        .startsWith("data-problems.yaml line 5: {observation} is not an argument of this"
                                + " sentence (arguments: diagnosis, date)"),
                refusal(pack));
    }

    @Test
    void aDataProblemWithoutItsSentenceIsRefused() {
        Path pack = Packs.exported();
        Packs.edit(pack, "data-problems.yaml", "diagnosis-date-in-future:", "# diagnosis-date-in-future:");
        assertTrue(
                refusal(pack)
                        .startsWith("data-problems.yaml: has no sentence for the data problem"
                                + " 'diagnosis-date-in-future'"),
                refusal(pack));
    }

    @Test
    void aBrokenThresholdIsRefused() {
        Path pack = Packs.exported();
        Packs.edit(pack, "parameters.yaml", "middle-max-cm: 10", "middle-max-cm: 4");
        assertTrue(refusal(pack).startsWith("parameters.yaml line"), refusal(pack));
    }

    @Test
    void aRuleThatFoldsItselfOrAnotherGroupIsRefused() {
        Path self = Packs.exported();
        Packs.edit(self, "rules/R9.yaml", "suggests: nothing", "folds: [R9]\nsuggests: nothing");
        assertTrue(
                refusal(self)
                        .startsWith("rules/R9.yaml line 1: folds R9: a rule folds only other advice rules of"
                                + " its own group"),
                refusal(self));
        Path across = Packs.exported();
        Packs.edit(across, "rules/R1.yaml", "suggests: nothing", "folds: [R9]\nsuggests: nothing");
        assertTrue(refusal(across).startsWith("rules/R1.yaml line 1: folds R9:"), refusal(across));
    }

    @Test
    void aSuggestionTheKindOfCardCannotMakeIsRefused() {
        Path removal = Packs.exported();
        Packs.edit(removal, "rules/R3.yaml", "suggests: stage-iv-options", "suggests: remove-orders");
        assertTrue(
                refusal(removal)
                        .startsWith("rules/R3.yaml line 15: only an order check can suggest removing its" + " orders"),
                refusal(removal));
        Path options = Packs.exported();
        Packs.edit(options, "rules/R9.yaml", "suggests: nothing", "suggests: stage-iv-options");
        assertTrue(
                refusal(options).startsWith("rules/R9.yaml line 17: only advice for distant metastases"),
                refusal(options));
    }

    @Test
    void aPlaceholderTheKindOfCardNeverFillsIsRefused() {
        Path pack = Packs.exported();
        Packs.edit(pack, "rules/R6.yaml", "then surgery.**", "then surgery.** {*orders}{order}{/orders}");
        assertTrue(refusal(pack).contains("{orders} is not filled on a advice card (rule R6)"), refusal(pack));
        Path notRead = Packs.exported();
        Packs.edit(
                notRead,
                "rules/R30.yaml",
                "The other orders were checked as usual.",
                "The other orders were checked as usual.{?stage=staged} Staged.{/stage}");
        assertTrue(refusal(notRead).contains("a not-read card has no findings to test"), refusal(notRead));
    }

    @Test
    void anOrderCheckMustNameItsOrders() {
        Path pack = Packs.exported();
        Packs.edit(pack, "rules/R13.yaml", "  radiotherapy-ordered-for-primary: \"yes\"\n", "");
        assertTrue(
                refusal(pack).startsWith("rules/R13.yaml line 8: an order check names the orders it is about"),
                refusal(pack));
    }

    @Test
    void theRulesAndFragmentsAmpullaIssuesByNameMustBeThere() {
        Path noR28 = Packs.exported();
        Packs.edit(noR28, "manifest.yaml", "R26.yaml, R28.yaml", "R26.yaml");
        assertTrue(
                refusal(noR28).startsWith("manifest.yaml: the pack needs rule R28 in a not-read group"),
                refusal(noR28));
        Path noFragment = Packs.exported();
        Packs.edit(noFragment, "texts.yaml", "given-for-orders:", "orders-answered:");
        assertTrue(
                refusal(noFragment).startsWith("texts.yaml: has no fragment 'given-for-orders'"), refusal(noFragment));
    }

    /** A broken code-set file stops start-up too, with its file and line, before any request needs it. */
    @Test
    void theServerRefusesABrokenDataFile() throws Exception {
        Path pack = Packs.exported();
        Packs.edit(
                pack,
                "antineoplastic-drugs.csv",
                "capecitabine,capecitabine|Xeloda",
                "capecitabine,\"capecitabine|Xeloda");
        AmpullaProcess serve = AmpullaProcess.start(
                "serve",
                "--development-mode",
                "true",
                "--port",
                "0",
                "--data-dir",
                TestServer.temporaryDataDir(),
                "--knowledge-dir",
                pack.toString());
        assertEquals(2, serve.waitForExit(), serve.output());
        assertTrue(
                serve.output().contains("ampulla: the knowledge pack was refused:")
                        && serve.output().contains("antineoplastic-drugs.csv line"),
                serve.output());
    }

    @Test
    void aFragmentMayIncludeOneBelowItButNeverItself() {
        Path below = Packs.exported();
        Packs.edit(below, "texts.yaml", "work-up: >-\n", "work-up: >-\n  {>see-mri} ");
        Packs.edit(below, "texts.yaml", "given-for-orders:", "see-mri: (see MRI)\ngiven-for-orders:");
        KnowledgePack.load(PackSource.directory(below));
        Path loop = Packs.exported();
        Packs.edit(loop, "texts.yaml", "work-up: >-\n", "work-up: >-\n  {>record-location} ");
        Packs.edit(loop, "texts.yaml", "record-location: >-\n", "record-location: >-\n  {>work-up} ");
        assertTrue(
                refusal(loop)
                        .contains("the fragment 'work-up' includes itself (work-up > record-location >" + " work-up)"),
                refusal(loop));
    }

    /** Start-up with such a pack ends at once with one line naming the file and line, and exit code 2. */
    @Test
    void theServerRefusesToStartWithABrokenPack() throws Exception {
        Path pack = Packs.exported();
        Packs.edit(pack, "rules/R6.yaml", "in the {segment-description}:", "in the {tumour-site}:");
        AmpullaProcess serve = AmpullaProcess.start(
                "serve",
                "--development-mode",
                "true",
                "--port",
                "0",
                "--data-dir",
                TestServer.temporaryDataDir(),
                "--knowledge-dir",
                pack.toString());
        int exit = serve.waitForExit();
        assertEquals(2, exit, serve.output());
        assertTrue(
                serve.output()
                        .contains("ampulla: the knowledge pack was refused: rules/R6.yaml line 23: unknown"
                                + " placeholder {tumour-site}"),
                serve.output());
    }

    @Test
    void aGuidelineLayerNarrowedToATopicNoGuidelineRuleHasIsRefused() {
        Path pack = Packs.exported();
        Packs.edit(
                pack,
                "guidelines.yaml",
                "  topics: all\n",
                "  topics: [dmmr-immunotherapy, neoadjuvant-radiotherapy]\n");
        String message = refusal(pack);
        assertTrue(
                message.startsWith("guidelines.yaml: the guideline layer has no topic 'neoadjuvant-radiotherapy'"),
                message);
    }

    @Test
    void aGuidelineRuleWithoutItsGuidelineIsRefused() {
        Path pack = Packs.exported();
        Packs.edit(
                pack,
                "rules/R43.yaml",
                "  references: [ESMO-MCRC-2023, ASCO-MCRC-2023, PRIME]\n",
                "  references: [PRIME, ESMO-MCRC-2023]\n");
        String message = refusal(pack);
        assertTrue(message.contains("a GL rule's first reference is the guideline it applies"), message);
    }
}
