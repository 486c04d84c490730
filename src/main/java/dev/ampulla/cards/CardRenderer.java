package dev.ampulla.cards;

import ca.uhn.fhir.parser.IParser;
import dev.ampulla.assessment.Assessment;
import dev.ampulla.assessment.SegmentFinding;
import dev.ampulla.assessment.WorkingStage;
import dev.ampulla.cdshooks.Action;
import dev.ampulla.cdshooks.Card;
import dev.ampulla.cdshooks.CardSource;
import dev.ampulla.cdshooks.Coding;
import dev.ampulla.cdshooks.FhirJson;
import dev.ampulla.cdshooks.Indicator;
import dev.ampulla.cdshooks.SelectionBehavior;
import dev.ampulla.cdshooks.Suggestion;
import dev.ampulla.extraction.DataProblem;
import dev.ampulla.extraction.Metastasis;
import dev.ampulla.extraction.OrderTarget;
import dev.ampulla.extraction.Source;
import dev.ampulla.extraction.StagingFact;
import dev.ampulla.extraction.TreatmentFact;
import dev.ampulla.extraction.TreatmentKind;
import dev.ampulla.extraction.TreatmentOrder;
import dev.ampulla.knowledge.AjccStageTable;
import dev.ampulla.knowledge.CodeSystems;
import dev.ampulla.knowledge.FoundingDocument;
import dev.ampulla.knowledge.KnowledgeResources;
import dev.ampulla.knowledge.Resectability;
import dev.ampulla.knowledge.Rule;
import dev.ampulla.knowledge.SegmentThresholds;
import dev.ampulla.knowledge.StageGroup;
import dev.ampulla.knowledge.StageIvOption;
import dev.ampulla.knowledge.TumourSegment;
import dev.ampulla.pathway.Recommendation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.Reference;

/**
 * Turns recommendations into CDS Hooks cards. Every card's detail says what was concluded, from which data (resource,
 * coding, date) and by which rule, quoting the founding-document statements it rests on.
 */
public final class CardRenderer {
    public static final String SOURCE_LABEL = "Ampulla rectal cancer pathways";

    private final KnowledgeResources knowledge;
    private final SegmentThresholds thresholds;
    private final Supplier<IParser> fhirParser;
    private final Map<String, Coding> overrideReasons = new java.util.HashMap<>();

    public CardRenderer(KnowledgeResources knowledge, SegmentThresholds thresholds, Supplier<IParser> fhirParser) {
        this.knowledge = knowledge;
        this.thresholds = thresholds;
        this.fhirParser = fhirParser;
        knowledge.overrideReasons().forEach(c -> overrideReasons.put(c.code(),
                new Coding(c.system(), c.code(), c.display())));
    }

    /** Card extension naming the decision-table rules a card applies, e.g. {@code ["R10", "R11"]}. */
    public static final String RULES_EXTENSION = "dev.ampulla.rules";

    public Card render(Assessment a, Recommendation r, String patientId) {
        Rule rule = r.rule();
        String summary = summary(a, r);
        String detail = detail(a, r);
        Indicator indicator = r.warning() ? Indicator.WARNING : Indicator.INFO;
        CardSource source = new CardSource(SOURCE_LABEL, null,
                new Coding(CodeSystems.AMPULLA_CARD_TOPIC, rule.topic(), knowledge.topicDisplay(rule.topic())));
        List<Suggestion> suggestions = switch (rule) {
            case STAGE_IV_RESECTABLE -> stageIvSuggestions(a, r, patientId);
            case RADIOTHERAPY_NOT_INDICATED_LOCATION -> removeOrders(r);
            default -> null;
        };
        List<String> reasonCodes = new ArrayList<>(rule.overrideReasonCodes());
        if (namesNoTarget(r)) {
            reasonCodes.addAll(UNSPECIFIED_ORDER_REASONS);
        }
        List<Coding> reasons = reasonCodes.stream().map(overrideReasons::get).toList();
        return new Card(Uuids.timeOrdered(), summary, detail, indicator, source, suggestions,
                suggestions == null ? null : SelectionBehavior.AT_MOST_ONE, reasons,
                extensions(a, r));
    }

    /** Override reasons added when a checked order names no target: it may not treat the rectal tumour at all. */
    private static final List<String> UNSPECIFIED_ORDER_REASONS = List.of("targets-metastasis-or-palliative",
            "treats-recurrence", "already-treated-restaging");

    /** An order check (R12–R15) about orders of which one names no reason, site or intent. */
    private static boolean namesNoTarget(Recommendation r) {
        return isRadiotherapyCheck(r.rule()) && r.orders().stream().anyMatch(o -> o.target().isHedged());
    }

    private static boolean isRadiotherapyCheck(Rule rule) {
        return rule == Rule.RADIOTHERAPY_NOT_INDICATED_LOCATION || rule == Rule.RADIOTHERAPY_LOCATION_UNKNOWN
                || rule == Rule.RADIOTHERAPY_WITHOUT_INDICATION || rule == Rule.RADIOTHERAPY_POSTOPERATIVE;
    }

    private static Map<String, Object> extensions(Assessment a, Recommendation r) {
        Map<String, Object> out = new java.util.LinkedHashMap<>(4);
        out.put(StageExtension.KEY, extension(a));
        out.put(RULES_EXTENSION, r.rules().stream().map(Rule::id).toList());
        return out;
    }

    // ---- Summaries (< 140 characters) --------------------------------------------------------------------------

    private String summary(Assessment a, Recommendation r) {
        WorkingStage s = a.stage();
        TumourSegment segment = a.segment().segment();
        return switch (r.rule()) {
            case STAGE_SUMMARY -> "Rectal cancer stage " + groupText(s) + " (" + s.basis().label() + ", AJCC 8th)"
                    + (s.reportedGroup() == null ? ": " + tnmShort(s) : ", as reported");
            case STAGING_INCOMPLETE -> switch (s.outcome()) {
                case INVALID_COMBINATION -> "Rectal cancer not staged: " + tnmShort(s) + " is not a valid combination";
                case NO_GROUP_FOR_T0 -> "Rectal cancer: no residual primary tumour (" + tnmShort(s)
                        + "); AJCC gives no stage group";
                default -> "Rectal cancer staging incomplete: " + String.join(", ", missing(s)) + " missing";
            };
            case STAGE_IV_RESECTABLE -> "Stage " + s.group().roman() + ", resectable: " + r.options().size()
                    + " founding-document treatment options";
            case STAGE_IV_UNRESECTABLE -> "Stage " + s.group().roman() + ", unresectable: chemotherapy is the main"
                    + " treatment";
            case RESECTABILITY_ASSESSMENT_NEEDED -> "Stage " + s.group().roman() + ": ask the MDT whether tumour and"
                    + " metastases can be removed completely";
            case NEOADJUVANT_RADIOTHERAPY -> "Locally advanced, " + segmentWords(segment)
                    + ": preoperative radiotherapy, then surgery";
            case SURGERY_WITHOUT_RADIOTHERAPY -> "Locally advanced, " + segmentWords(segment)
                    + ": surgery without preoperative radiotherapy";
            case TUMOUR_LOCATION_NEEDED -> "Document the tumour's distance from the anal verge: it decides on"
                    + " radiotherapy";
            case SURGERY_PRIMARY -> "Stage " + s.group().roman() + ": surgery is the main treatment";
            case ADJUVANT_CHEMOTHERAPY_NODES -> "After resection with node metastases (" + s.n().prefixed()
                    + "): postoperative chemotherapy";
            case ADJUVANT_CHEMOTHERAPY_METASTASES -> "After resection, distant metastases: postoperative"
                    + " chemotherapy";
            case DATA_CONFLICT -> r.warning() ? "Conflicting rectal cancer data: check before acting on these cards"
                    : "Rectal cancer data to review: " + r.problems().size() + " inconsistenc"
                            + (r.problems().size() == 1 ? "y" : "ies");
            case DATA_ATTRIBUTION -> "Some staging data name no tumour and were not used (more than one primary"
                    + " cancer)";
            case DIAGNOSIS_NOT_RECOGNISED -> throw new IllegalStateException("rendered by NotRecognisedCard");
            case ORDER_NOT_READ -> throw new IllegalStateException("rendered by UnreadableOrdersCard");
            case ORDER_OUTSIDE_PATHWAY -> switch (r.orders().get(0).target()) {
                case PALLIATIVE -> "Palliative radiotherapy";
                case RECURRENCE -> "Radiotherapy of a recurrence";
                default -> "Radiotherapy of a metastasis";
            } + ": outside the founding-document pathway for the primary, not checked";
            case RADIOTHERAPY_NOT_INDICATED_LOCATION -> namesNoTarget(r)
                    ? "If it treats the rectal tumour: radiotherapy ordered for the " + segmentWords(segment)
                            + ", where the founding document gives none"
                    : "Radiotherapy ordered for a tumour of the " + segmentWords(segment)
                            + ": the founding document gives none there";
            case RADIOTHERAPY_LOCATION_UNKNOWN -> "Radiotherapy ordered, but the tumour's location in the rectum is"
                    + " not documented";
            case RADIOTHERAPY_WITHOUT_INDICATION -> "Radiotherapy ordered without significant locoregional spread"
                    + (s.isStaged() ? " (stage " + s.group().roman() + ")" : "");
            case RADIOTHERAPY_POSTOPERATIVE -> "Radiotherapy ordered after resection: the founding document gives it"
                    + " mainly before surgery";
        };
    }

    private static String segmentWords(TumourSegment segment) {
        return switch (segment) {
            case LOWER_RECTUM -> "lower rectum";
            case MIDDLE_RECTUM -> "middle rectum";
            case UPPER_RECTUM -> "upper rectum";
            case RECTOSIGMOID -> "rectosigmoid";
            case UNKNOWN -> "location unknown";
        };
    }

    private static String groupText(WorkingStage s) {
        if (s.isStaged() && s.candidates().size() > 1) {
            return s.group().roman() + " (" + String.join(" or ", s.candidates().stream()
                    .map(StageGroup::roman).toList()) + ")";
        }
        return s.group().roman();
    }

    private static String tnmShort(WorkingStage s) {
        List<String> parts = new ArrayList<>(3);
        parts.add(s.t() == null ? "T?" : s.t().prefixed());
        parts.add(s.n() == null ? "N?" : s.n().prefixed());
        if (s.derivedM() != null) {
            parts.add(s.derivedM().label() + " (from metastases)");
        } else {
            parts.add(s.m() == null ? "M?" : s.m().prefixed());
        }
        return String.join(" ", parts);
    }

    private static List<String> missing(WorkingStage s) {
        List<String> missing = new ArrayList<>(3);
        if (s.t() == null || !s.tCategory().isAssessed()) {
            missing.add("T");
        }
        if (s.n() == null || !s.nCategory().isAssessed()) {
            missing.add("N");
        }
        if (s.mCategory() == null) {
            missing.add("M");
        }
        return missing;
    }

    // ---- Details -----------------------------------------------------------------------------------------------

    private String detail(Assessment a, Recommendation r) {
        StringBuilder d = new StringBuilder(1024);
        WorkingStage s = a.stage();
        if (namesNoTarget(r)) {
            d.append("**If this order treats the rectal tumour** — ");
            List<TreatmentOrder> mixed = r.orders().stream().filter(o -> o.target() == OrderTarget.MIXED).toList();
            if (mixed.isEmpty()) {
                d.append("it names no reason, body site or intent that says so:\n\n");
            } else {
                for (TreatmentOrder o : mixed) {
                    d.append(Markdown.escape(o.reference())).append(" names both the rectal primary and a metastasis"
                            + " or recurrence (").append(Markdown.escape(o.targetEvidence())).append("). ");
                }
                d.append("Nothing is suggested for an order that names a metastasis or recurrence:\n\n");
            }
        }
        switch (r.rule()) {
            case ORDER_OUTSIDE_PATHWAY -> {
                d.append("The founding document's radiotherapy is of the rectal tumour, mainly before surgery. ");
                for (TreatmentOrder o : r.orders()) {
                    d.append(Markdown.escape(o.reference())).append(" is aimed at ").append(o.target().label())
                            .append(": ").append(Markdown.escape(o.targetEvidence())).append(". ");
                }
                d.append("The founding document's radiotherapy checks do not apply, and nothing is suggested.\n\n");
                orderTable(d, a, r);
            }
            case STAGE_SUMMARY -> {
                d.append("**Stage ").append(groupText(s)).append("** (").append(s.basis().label())
                        .append(" staging, AJCC 8th edition)");
                if (s.candidates().size() > 1) {
                    d.append(". The sub-group cannot be decided from the data (").append(undecidedReason(s))
                            .append(").");
                } else if (s.reportedGroup() != null) {
                    d.append(", taken from the reported stage group because T, N or M is not recorded.");
                } else {
                    d.append(", from the AJCC 8th-edition table for colon and rectum.");
                }
                d.append("\n\n");
                table(d, a, true, true, false, false);
            }
            case STAGING_INCOMPLETE -> {
                if (s.outcome() == AjccStageTable.Outcome.NO_GROUP_FOR_T0) {
                    d.append("No primary tumour is found (").append(s.t().prefixed()).append(s.t().basis()
                            .isFromSpecimen() ? ", in the resection specimen" : "").append("): a complete response"
                            + " when it follows neoadjuvant therapy. AJCC gives no colorectal stage group for T0, so"
                            + " Ampulla proposes no pathway from this stage.\n\n");
                } else {
                    if (s.outcome() == AjccStageTable.Outcome.INVALID_COMBINATION) {
                        d.append("No stage group: the recorded T and N are not a valid AJCC combination.");
                    } else {
                        d.append("No stage group: ").append(String.join(", ", missing(s)))
                                .append(" not recorded for this tumour (or recorded as not assessable).");
                    }
                    d.append(" Usual work-up: rectal MRI (T, N, mesorectal fascia, EMVI, distance from the anal"
                            + " verge), CT of chest, abdomen and pelvis (M), CEA, and MMR/MSI status.\n\n");
                }
                table(d, a, true, true, false, false);
            }
            case STAGE_IV_RESECTABLE -> {
                d.append("Stage ").append(s.group().roman()).append(" with a resectable assessment: the founding"
                        + " document offers these options; choose at most one.\n\n");
                int i = 1;
                for (StageIvOption option : r.options()) {
                    d.append(i++).append(". **").append(knowledge.planDefinition(option).getTitle()).append("** (")
                            .append(option.statement().id()).append(")");
                    if (option.includesRadiotherapy() && r.optionsCaveat()) {
                        d.append(" — *only if the tumour lies in the middle or lower rectum*: its location is not"
                                + " documented");
                    }
                    d.append('\n');
                }
                if (a.segment().segment().radiotherapyExcluded()) {
                    d.append("\nOption 3 (preoperative chemoradiation) is not offered: the tumour lies in the ")
                            .append(a.segment().segment().description())
                            .append(", where the founding document gives no radiotherapy (FD-RT).\n");
                }
                d.append('\n');
                table(d, a, true, true, true, false);
            }
            case STAGE_IV_UNRESECTABLE -> {
                d.append("Stage ").append(s.group().roman()).append(" and the primary tumour with its metastases"
                        + " cannot be removed surgically: chemotherapy is the main treatment.\n\n");
                table(d, a, true, false, true, false);
            }
            case RESECTABILITY_ASSESSMENT_NEEDED -> {
                Resectability value = a.resectability().value();
                d.append("Stage ").append(s.group().roman()).append(". The founding document's treatment depends on"
                        + " whether the primary tumour and all metastases can be removed completely: if so, combined"
                        + " surgery with chemotherapy (three options); if not, chemotherapy. ");
                String reservation = a.resectability().reservation();
                if (value == Resectability.POTENTIALLY_RESECTABLE) {
                    d.append("The tumour is documented as potentially resectable: reassess after conversion therapy.");
                } else if (reservation != null) {
                    d.append("No usable resectability assessment: ").append(Markdown.escape(reservation))
                            .append(". Ask the multidisciplinary team to assess the primary tumour and every"
                                    + " metastasis, and record the answer as an Observation coded resectability.");
                } else {
                    d.append("No resectability assessment is documented: ask the multidisciplinary team, and record"
                            + " its answer as an Observation coded resectability.");
                }
                if (metastasesLimitedToLiverOrLung(a)) {
                    d.append(" The metastases are limited to the liver and/or lungs, the founding document's example"
                            + " of potentially removable disease.");
                }
                d.append("\n\n");
                table(d, a, true, false, true, false);
            }
            case NEOADJUVANT_RADIOTHERAPY -> {
                d.append("Significant locoregional spread (T3–T4 or node-positive, no distant metastases) in the ")
                        .append(a.segment().segment().description()).append(": preoperative radiotherapy or"
                        + " chemoradiation to shrink the tumour, then surgery, the main stage of treatment.");
                priorTreatment(d, a);
                d.append("\n\n");
                table(d, a, true, true, false, true);
            }
            case SURGERY_WITHOUT_RADIOTHERAPY -> {
                d.append("Significant locoregional spread in the ").append(a.segment().segment().description())
                        .append(": the founding document gives no radiotherapy here. Surgery is the main stage of"
                        + " treatment; chemotherapy follows if the specimen shows node metastases.");
                priorTreatment(d, a);
                d.append("\n\n");
                table(d, a, true, true, false, true);
            }
            case TUMOUR_LOCATION_NEEDED -> {
                d.append("Significant locoregional spread, but the tumour's location in the rectum is not documented."
                        + " The founding document gives preoperative radiotherapy for tumours of the middle and lower"
                        + " rectum only. Record the distance of the lower tumour edge from the anal verge (an"
                        + " Observation coded DICOM 112233, in cm; segments at ")
                        .append(num(thresholds.lowerMaxCm())).append(" / ").append(num(thresholds.middleMaxCm()))
                        .append(" / ").append(num(thresholds.upperMaxCm())).append(" cm) or a lower/middle/upper"
                        + " qualifier on the diagnosis' body site.\n\n");
                table(d, a, true, true, false, true);
            }
            case SURGERY_PRIMARY -> {
                d.append("No significant locoregional spread (Tis–T2, node-negative, no distant metastases): surgery is"
                        + " the main treatment; the founding document gives no preoperative radiotherapy without"
                        + " significant locoregional spread.\n\n");
                table(d, a, true, true, false, false);
            }
            case ADJUVANT_CHEMOTHERAPY_NODES, ADJUVANT_CHEMOTHERAPY_METASTASES -> {
                d.append("The primary tumour has been resected (").append(Markdown.escape(a.resectionEvidence()))
                        .append("). Postoperative chemotherapy is indicated: ");
                List<String> reasons = new ArrayList<>(2);
                if (r.rules().contains(Rule.ADJUVANT_CHEMOTHERAPY_NODES)) {
                    reasons.add("the specimen shows regional lymph node metastases (" + s.n().prefixed() + ")");
                }
                if (r.rules().contains(Rule.ADJUVANT_CHEMOTHERAPY_METASTASES)) {
                    reasons.add("distant metastases are present (stage " + s.group().roman() + ")");
                }
                d.append(String.join(" and ", reasons)).append(".\n\n");
                table(d, a, true, false, false, false);
            }
            case RADIOTHERAPY_NOT_INDICATED_LOCATION -> {
                d.append("The tumour lies in the ").append(a.segment().segment().description()).append(". The founding"
                        + " document gives radiotherapy only for tumours of the middle and lower rectum, not of the"
                        + " upper rectum or the rectosigmoid; surgery is the main treatment. Remove the order, or"
                        + " keep it and give the reason.\n\n");
                orderTable(d, a, r);
            }
            case RADIOTHERAPY_LOCATION_UNKNOWN -> {
                d.append("Whether radiotherapy is given depends on where the tumour lies: the founding document gives"
                        + " it for the middle and lower rectum only. The record has no tumour location. Record the"
                        + " distance of the lower tumour edge from the anal verge (an Observation coded DICOM 112233,"
                        + " in cm; segments at ").append(num(thresholds.lowerMaxCm())).append(" / ")
                        .append(num(thresholds.middleMaxCm())).append(" / ").append(num(thresholds.upperMaxCm()))
                        .append(" cm) or a lower/middle/upper qualifier on the diagnosis' body site, then reconsider"
                        + " the order.\n\n");
                orderTable(d, a, r);
            }
            case RADIOTHERAPY_WITHOUT_INDICATION -> {
                d.append("The founding document gives preoperative radiotherapy for significant locoregional spread"
                        + " (T3–T4 or node-positive). This tumour is Tis–T2, node-negative, without distant"
                        + " metastases: surgery is the main treatment.\n\n");
                orderTable(d, a, r);
            }
            case RADIOTHERAPY_POSTOPERATIVE -> {
                d.append("The primary tumour has already been resected (").append(Markdown.escape(
                        a.resectionEvidence())).append("). The founding document gives radiotherapy mainly before"
                        + " surgery, to shrink the tumour; check the indication for postoperative radiotherapy.\n\n");
                orderTable(d, a, r);
            }
            case DATA_CONFLICT, DATA_ATTRIBUTION -> {
                d.append(r.rule() == Rule.DATA_CONFLICT
                        ? "These data contradict each other or the AJCC rules. Ampulla's other cards say which value"
                                + " was used; check the record before acting on them.\n\n"
                        : "These data could not be attributed to the rectal tumour, so no card uses them. Add a"
                                + " focus (Observation) or a condition-related extension (secondary cancer) naming"
                                + " the tumour.\n\n");
                for (DataProblem p : r.problems()) {
                    d.append("- ").append(p.warning() ? "**Warning:** " : "").append(Markdown.escape(p.text()))
                            .append('\n');
                }
                d.append('\n');
            }
            default -> throw new IllegalStateException("no card text for " + r.rule());
        }
        if (!r.orders().isEmpty() && !isRadiotherapyCheck(r.rule()) && r.rule() != Rule.ORDER_OUTSIDE_PATHWAY) {
            d.append("Given for the orders:\n\n");
            orderRows(d, r);
        }
        if (!r.rule().overrideReasonCodes().isEmpty() && !a.rectalCase().proceduresKnown()) {
            d.append("*The EHR did not provide the patient's Procedures: earlier surgery or radiotherapy was judged"
                    + " from pathological staging only.*\n\n");
        }
        ruleFooter(d, r);
        return d.toString();
    }

    private static String undecidedReason(WorkingStage s) {
        List<String> reasons = new ArrayList<>(2);
        if (s.t() != null && "T4".equals(s.t().category())) {
            reasons.add("T4 is not recorded as T4a or T4b");
        }
        if (s.n() != null && "N2".equals(s.n().category())) {
            reasons.add("N2 is not recorded as N2a or N2b");
        }
        return String.join("; ", reasons);
    }

    private static boolean metastasesLimitedToLiverOrLung(Assessment a) {
        List<Metastasis> metastases = a.rectalCase().metastases();
        return !metastases.isEmpty() && metastases.stream().allMatch(x ->
                x.site() == dev.ampulla.extraction.MetastasisSite.LIVER
                        || x.site() == dev.ampulla.extraction.MetastasisSite.LUNG);
    }

    private static void priorTreatment(StringBuilder d, Assessment a) {
        List<TreatmentFact> given = a.treatments(TreatmentKind.RADIOTHERAPY, TreatmentKind.CHEMORADIATION,
                TreatmentKind.CHEMOTHERAPY);
        if (!given.isEmpty()) {
            TreatmentFact last = given.get(given.size() - 1);
            d.append(" Already recorded: ").append(last.kind().label()).append(" (")
                    .append(Markdown.escape(last.source().cite())).append(").");
        }
    }

    /** The data table: each row a finding, its value and the resource it came from. */
    private void table(StringBuilder d, Assessment a, boolean stageRows, boolean segmentRow,
            boolean resectabilityRow, boolean treatmentRow) {
        WorkingStage s = a.stage();
        d.append("| Finding | Value | From |\n|---|---|---|\n");
        row(d, "Diagnosis", "rectal" + (a.rectalCase().primary().codedSegment() == TumourSegment.RECTOSIGMOID
                ? "/rectosigmoid" : "") + " cancer", a.rectalCase().primary().diagnosis());
        if (stageRows) {
            stagingRow(d, "T", s.t());
            stagingRow(d, "N", s.n());
            if (s.derivedM() != null) {
                row(d, "M", s.derivedM().label() + ", derived from " + s.metastases().size() + " secondary cancer"
                        + (s.metastases().size() == 1 ? "" : "s"), null);
            } else {
                stagingRow(d, "M", s.m());
            }
            if (s.reportedGroup() != null) {
                row(d, "Reported stage group", s.reportedGroup().category(), s.reportedGroup().source());
            }
            for (Metastasis x : a.rectalCase().metastases()) {
                row(d, "Metastasis", x.site().label(), x.source());
            }
        }
        if (segmentRow) {
            SegmentFinding seg = a.segment();
            if (seg.explicitSource() != null) {
                row(d, "Tumour location", seg.segment().description(), seg.explicitSource());
            } else if (seg.distance() != null) {
                row(d, "Tumour location", seg.segment().description() + " (" + num(seg.distance().centimetres())
                        + " cm from the anal verge; segments at " + num(thresholds.lowerMaxCm()) + " / "
                        + num(thresholds.middleMaxCm()) + " / " + num(thresholds.upperMaxCm()) + " cm"
                        + (seg.borderline() ? "; within 0.5 cm of a boundary: confirm on MRI" : "") + ")",
                        seg.distance().source());
            } else {
                row(d, "Tumour location", "not documented", null);
            }
        }
        if (resectabilityRow) {
            var res = a.resectability();
            row(d, "Resectability", res.value() != null ? res.value().display()
                    : res.fact() != null ? res.fact().value().display() + " (not used: see above)" : "not documented",
                    res.fact() == null ? null : res.fact().source());
        }
        if (treatmentRow) {
            for (TreatmentFact t : a.treatments(TreatmentKind.RADIOTHERAPY, TreatmentKind.CHEMORADIATION,
                    TreatmentKind.CHEMOTHERAPY)) {
                row(d, "Treatment given", t.kind().label(), t.source());
            }
        }
        d.append('\n');
    }

    /** The orders a check is about, then the data it rests on. */
    private void orderTable(StringBuilder d, Assessment a, Recommendation r) {
        orderRows(d, r);
        table(d, a, true, true, false, true);
    }

    /** The orders as a table: reference, what is ordered, and the code (or name) that recognised it. */
    private static void orderRows(StringBuilder d, Recommendation r) {
        d.append("| Order | What | From |\n|---|---|---|\n");
        for (TreatmentOrder o : r.orders()) {
            d.append("| ").append(Markdown.escape(o.reference())).append(" | ").append(o.kind().label());
            if (o.text() != null) {
                d.append(": ").append(Markdown.escape(o.text()));
            }
            d.append(" | ").append(Markdown.escape(o.coding())).append(" |\n");
        }
        d.append('\n');
    }

    /**
     * R12's one-click fix: delete the draft radiotherapy order(s); none when no order has an id to name, and never an
     * order that names a metastasis or recurrence besides the primary.
     */
    private static List<Suggestion> removeOrders(Recommendation r) {
        List<Action> deletes = r.orders().stream()
                .filter(o -> !o.reference().endsWith("/null") && o.target() != OrderTarget.MIXED)
                .map(o -> Action.delete("Remove the draft order " + o.reference(), o.reference()))
                .toList();
        if (deletes.isEmpty()) {
            return null;
        }
        String label = deletes.size() == 1 ? "Remove the radiotherapy order"
                : "Remove the " + deletes.size() + " radiotherapy orders";
        return List.of(new Suggestion(label, Uuids.timeOrdered(), null, deletes));
    }

    private static void stagingRow(StringBuilder d, String label, StagingFact f) {
        if (f == null) {
            row(d, label, "not recorded", null);
        } else {
            row(d, label, f.prefixed(), f.source());
        }
    }

    private static void row(StringBuilder d, String finding, String value, Source source) {
        d.append("| ").append(finding).append(" | ").append(Markdown.escape(value)).append(" | ");
        if (source == null) {
            d.append("—");
        } else {
            d.append(Markdown.escape(source.reference())).append(" · ").append(Markdown.escape(source.coding()));
            if (source.date() != null) {
                d.append(" · ").append(Markdown.escape(source.date()));
            }
            if (source.attributedWithoutFocus()) {
                d.append(" · no focus: attributed to the only rectal primary");
            }
        }
        d.append(" |\n");
    }

    private static void ruleFooter(StringBuilder d, Recommendation r) {
        List<String> ids = new ArrayList<>(2);
        Set<FoundingDocument> statements = new LinkedHashSet<>();
        for (Rule rule : r.rules()) {
            ids.add(rule.id());
            statements.addAll(rule.statements());
        }
        d.append("Rule ").append(String.join(" + ", ids)).append(" (").append(r.rule().source().name());
        if (!statements.isEmpty()) {
            d.append(": ").append(String.join(", ", statements.stream().map(FoundingDocument::id).toList()));
        }
        d.append(").");
        for (FoundingDocument fd : statements) {
            d.append("\n\n> **").append(fd.id()).append("** ").append(fd.statement());
        }
    }

    // ---- Stage IV options as CarePlan proposals ----------------------------------------------------------------

    private List<Suggestion> stageIvSuggestions(Assessment a, Recommendation r, String patientId) {
        IParser parser = fhirParser.get();
        List<Suggestion> suggestions = new ArrayList<>(r.options().size());
        for (StageIvOption option : r.options()) {
            PlanDefinition pd = knowledge.planDefinition(option);
            CarePlan plan = new CarePlan()
                    .setStatus(CarePlan.CarePlanStatus.DRAFT)
                    .setIntent(CarePlan.CarePlanIntent.PROPOSAL)
                    .setTitle(pd.getTitle())
                    .setDescription(pd.getDescription())
                    .setSubject(new Reference("Patient/" + patientId));
            plan.addInstantiatesCanonical(option.canonicalUrl());
            plan.addAddresses(new Reference(a.rectalCase().primary().reference()));
            String label = pd.getTitle();
            if (option.includesRadiotherapy() && r.optionsCaveat()) {
                label += " (middle/lower rectum only)";
            }
            suggestions.add(new Suggestion(label, Uuids.timeOrdered(), null, List.of(Action.create(
                    "Propose care plan: " + pd.getTitle(), new FhirJson(parser.encodeResourceToString(plan))))));
        }
        return suggestions;
    }

    // ---- Extension ---------------------------------------------------------------------------------------------

    private static StageExtension extension(Assessment a) {
        WorkingStage s = a.stage();
        Resectability res = a.resectability().value();
        return new StageExtension(
                s.isStaged() ? s.group().roman() : null,
                s.isStaged() ? s.basis().label() : null,
                s.t() == null ? null : s.t().prefixed(),
                s.n() == null ? null : s.n().prefixed(),
                s.derivedM() != null ? s.derivedM().label() : (s.m() == null ? null : s.m().prefixed()),
                a.segment().segment().code(),
                res == null ? null : res.code());
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
