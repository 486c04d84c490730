package dev.ampulla.cards;

import dev.ampulla.assessment.Assessment;
import dev.ampulla.assessment.BiomarkerStatus;
import dev.ampulla.assessment.PatientProfile;
import dev.ampulla.extraction.BiomarkerResult;
import dev.ampulla.extraction.TreatmentOrder;
import dev.ampulla.knowledge.pack.Finding;
import dev.ampulla.knowledge.pack.GuidelineBasis;
import dev.ampulla.knowledge.pack.GuidelineInput;
import dev.ampulla.knowledge.pack.GuidelineReference;
import dev.ampulla.knowledge.pack.KnowledgePack;
import dev.ampulla.knowledge.pack.Placeholder;
import dev.ampulla.knowledge.pack.RuleDefinition;
import dev.ampulla.knowledge.pack.TemplateValues;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Fills the guideline layer's placeholders: a GL card's source, edition and grade, what data it read (each result with
 * its record) and what was not recorded; the biomarker, performance and pregnancy values any card may name.
 */
final class GuidelineValues {

    private GuidelineValues() {}

    static void fill(
            TemplateValues v, KnowledgePack pack, Assessment a, RuleDefinition rule, List<TreatmentOrder> orders) {
        PatientProfile p = a.profile();
        GuidelineBasis g = rule.guideline();
        if (g != null) {
            v.text(Placeholder.GUIDELINE_SOURCE, g.sourceLabel())
                    .text(Placeholder.GUIDELINE_GRADE, g.grade())
                    .text(Placeholder.GUIDELINE_REVIEWED, g.guideline().reviewed());
            List<String> cites = new ArrayList<>();
            for (GuidelineReference ref :
                    g.references().subList(1, g.references().size())) {
                cites.add(ref.label());
            }
            if (!cites.isEmpty()) {
                v.text(Placeholder.GUIDELINE_CITES, String.join("; ", cites));
            }
            dataUsed(v, pack, p, g.inputs());
        }
        if (rule.uses(Placeholder.MMR_RESULT) && !p.mmr().used().isEmpty()) {
            v.recordText(Placeholder.MMR_RESULT, results(p.mmr()));
        }
        if (rule.uses(Placeholder.MMR_DISCORDANT)) {
            v.flag(Placeholder.MMR_DISCORDANT, !p.mmr().discordant().isEmpty());
        }
        if (rule.uses(Placeholder.RAS_RESULT) && !p.ras().used().isEmpty()) {
            v.recordText(Placeholder.RAS_RESULT, results(p.ras()));
        }
        if (rule.uses(Placeholder.BRAF_RESULT) && !p.braf().used().isEmpty()) {
            v.recordText(Placeholder.BRAF_RESULT, results(p.braf()));
        }
        // the values below are worked out only for the cards whose texts use them
        if (p.performance() != null && rule.uses(Placeholder.PERFORMANCE)) {
            v.recordText(
                    Placeholder.PERFORMANCE,
                    p.performance().shown() + " (" + p.performance().source().cite() + ")");
        }
        if (p.age() != null && rule.uses(Placeholder.AGE)) {
            v.text(Placeholder.AGE, Integer.toString(p.age()));
        }
        if (p.fitnessConcern() && rule.uses(Placeholder.FITNESS_REASONS)) {
            v.recordText(Placeholder.FITNESS_REASONS, String.join(", ", p.fitnessReasons()));
        }
        if (p.pregnancy() != null && rule.uses(Placeholder.PREGNANCY_STATUS)) {
            v.recordText(
                    Placeholder.PREGNANCY_STATUS,
                    pregnancy(p) + " (" + p.pregnancy().source().cite() + ")");
        }
        if (rule.uses(Placeholder.DRUGS_ORDERED)) {
            Set<String> drugs = new LinkedHashSet<>();
            orders.forEach(o -> drugs.addAll(o.drugs()));
            if (!drugs.isEmpty()) {
                v.text(Placeholder.DRUGS_ORDERED, String.join(", ", drugs));
            }
        }
    }

    private static void dataUsed(TemplateValues v, KnowledgePack pack, PatientProfile p, List<GuidelineInput> inputs) {
        List<String> used = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (GuidelineInput input : inputs) {
            String words = pack.guidelines().inputWords().get(input);
            switch (input) {
                case MMR -> status(pack, Finding.MMR_STATUS, words, p.mmr(), used, missing, p.biomarkersKnown());
                case RAS -> status(pack, Finding.RAS_STATUS, words, p.ras(), used, missing, p.biomarkersKnown());
                case BRAF -> status(pack, Finding.BRAF_STATUS, words, p.braf(), used, missing, p.biomarkersKnown());
                case HER2 -> status(pack, Finding.HER2_STATUS, words, p.her2(), used, missing, p.biomarkersKnown());
                case CEA -> {
                    if (p.cea() != null) {
                        used.add(words + " " + p.cea().shown() + " ("
                                + p.cea().source().cite() + ")");
                    } else {
                        missing.add(words + (p.biomarkersKnown() ? "" : " (the EHR did not send biomarker results)"));
                    }
                }
                case PERFORMANCE -> {
                    if (p.performance() != null) {
                        used.add(p.performance().shown() + " ("
                                + p.performance().source().cite() + ")");
                    } else {
                        missing.add(words + (p.statusKnown() ? "" : " (the EHR did not send it)"));
                    }
                }
                case AGE -> {
                    if (p.age() != null) {
                        used.add(words + " " + p.age());
                    } else {
                        missing.add(words
                                + (p.patientKnown() ? " (no birth date)" : " (the EHR did not send the" + " Patient)"));
                    }
                }
                case PREGNANCY -> {
                    if (p.pregnancy() != null) {
                        used.add(words + ": " + pregnancy(p) + " ("
                                + p.pregnancy().source().cite() + ")");
                    } else {
                        missing.add(words + (p.statusKnown() ? "" : " (the EHR did not send it)"));
                    }
                }
            }
        }
        if (!used.isEmpty()) {
            v.recordText(Placeholder.DATA_USED, String.join("; ", used));
        }
        if (!missing.isEmpty()) {
            v.text(Placeholder.DATA_NOT_RECORDED, String.join("; ", missing));
        }
    }

    private static void status(
            KnowledgePack pack,
            Finding finding,
            String words,
            BiomarkerStatus s,
            List<String> used,
            List<String> missing,
            boolean known) {
        if (s.isRecorded()) {
            used.add(words + " " + pack.words(finding, s.value()).words() + ": " + results(s));
        } else {
            missing.add(words + " (" + s.gap() + (known ? "" : "; the EHR did not send biomarker results") + ")");
        }
    }

    /**
     * The results a status rests on, as a card names them (what each says, with its record and date): those that
     * decide it — the altered ones for a deficient, mutant, V600E or positive status, else the others; all of them
     * when no status could be given.
     */
    static String results(BiomarkerStatus status) {
        boolean altered = status.used().stream().anyMatch(r -> r.reading() == BiomarkerResult.Reading.ALTERED);
        List<String> out = new ArrayList<>(status.used().size());
        for (BiomarkerResult r : status.used()) {
            boolean decides = !status.isRecorded() || (r.reading() == BiomarkerResult.Reading.ALTERED) == altered;
            if (decides) {
                out.add(shown(r) + " (" + r.source().cite() + ")");
            }
        }
        List<String> discordant = new ArrayList<>();
        status.discordant()
                .forEach(r -> discordant.add(shown(r) + " (" + r.source().cite() + ")"));
        // a result of the other method that disagrees: shown, so that the discordance can be checked
        return String.join(", ", out) + (discordant.isEmpty() ? "" : "; disagreeing: " + String.join(", ", discordant));
    }

    /** "MLH1 lost", "MSI-H", "KRAS NP_004976.2:p.Gly12Asp": the marker named unless the result names it. */
    private static String shown(BiomarkerResult r) {
        return switch (r.marker()) {
            case MMR, MSI -> r.shown();
            default ->
                r.shown().startsWith(r.marker().label())
                        ? r.shown()
                        : r.marker().label() + " " + r.shown();
        };
    }

    private static String pregnancy(PatientProfile p) {
        return switch (p.pregnancy().state()) {
            case PREGNANT -> "pregnant";
            case POSSIBLY_PREGNANT -> "possibly pregnant";
            case NOT_PREGNANT -> "not pregnant";
        };
    }
}
