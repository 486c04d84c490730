package dev.ampulla.extraction;

import dev.ampulla.fhir.PatientRecord;
import dev.ampulla.knowledge.CodeSet;
import dev.ampulla.knowledge.CodeSets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

/**
 * Reads what the record says of the patient rather than of a tumour: biomarker results in the shapes of HL7 Genomics
 * Reporting, mCODE and the German MII (and the plain one-code results EHRs send), ECOG or Karnofsky performance
 * status, and pregnancy (an Observation, or a pregnancy Condition). Results that are not final, or dated in the
 * future, are not read; nor is a biomarker result whose {@code focus} names only Conditions other than the rectal
 * primaries (another cancer's).
 */
final class PatientFactsReader {
    private final PatientRecord record;
    private final long futureFrom;
    private final java.util.Set<String> primaryIds;
    private final List<BiomarkerResult> biomarkers = new ArrayList<>();
    private final List<PerformanceStatus> performance = new ArrayList<>();
    private final List<PregnancyStatus> pregnancy = new ArrayList<>();

    private PatientFactsReader(PatientRecord record, long futureFrom, java.util.Set<String> primaryIds) {
        this.record = record;
        this.futureFrom = futureFrom;
        this.primaryIds = primaryIds;
    }

    /**
     * @param futureFrom facts at or after this instant (epoch milliseconds) are in the future and not read
     * @param primaryIds the ids of the rectal primaries' Conditions
     */
    static PatientFacts read(PatientRecord record, long futureFrom, java.util.Set<String> primaryIds) {
        return new PatientFactsReader(record, futureFrom, primaryIds).run();
    }

    /** Whether the Observation's focus names Conditions, none of them a rectal primary. */
    private boolean aboutAnotherCondition(Observation o) {
        boolean namesCondition = false;
        for (org.hl7.fhir.r4.model.Reference focus : o.getFocus()) {
            String ref = focus.getReference();
            if (ref != null && ref.startsWith("Condition/")) {
                namesCondition = true;
                if (primaryIds.contains(ref.substring("Condition/".length()))) {
                    return false;
                }
            }
        }
        return namesCondition;
    }

    private PatientFacts run() {
        for (Observation o : record.observations()) {
            Observation.ObservationStatus s = o.getStatus();
            boolean usable = s == Observation.ObservationStatus.FINAL
                    || s == Observation.ObservationStatus.AMENDED
                    || s == Observation.ObservationStatus.CORRECTED;
            if (usable && !inFuture(FactTimes.of(o)) && !aboutAnotherCondition(o)) {
                read(o);
            }
        }
        for (Condition c : record.conditions()) {
            readPregnancyCondition(c);
        }
        Comparator<FactTime> byTime = Comparator.naturalOrder();
        biomarkers.sort(Comparator.comparing(BiomarkerResult::time, byTime)
                .thenComparing(b -> b.source().reference()));
        performance.sort(Comparator.comparing(PerformanceStatus::time, byTime)
                .thenComparing(b -> b.source().reference()));
        pregnancy.sort(Comparator.comparing(PregnancyStatus::time, byTime)
                .thenComparing(b -> b.source().reference()));
        PatientRecord.Demographics d = record.demographics();
        return new PatientFacts(
                biomarkers,
                performance,
                pregnancy,
                d.birthDate(),
                record.biomarkersKnown(),
                record.statusKnown(),
                d.known());
    }

    private boolean inFuture(FactTime t) {
        long when = t.effective() != FactTime.ABSENT ? t.effective() : t.issued();
        return when != FactTime.ABSENT && when >= futureFrom;
    }

    /** Every Observation code read here: one look-up rules out the staging and other Observations of the record. */
    private static final CodeSet READ =
            CodeSet.union("Patient facts", CodeSets.BIOMARKERS_USED, CodeSets.PATIENT_STATUS_USED);

    private void read(Observation o) {
        CodeableConcept code = o.getCode();
        if (Codings.firstIn(code, READ) == null) {
            return;
        }
        Coding c;
        if ((c = Codings.firstIn(code, CodeSets.MSI_STATUS)) != null) {
            msi(o, c);
        } else if ((c = Codings.firstIn(code, CodeSets.MMR_PROTEIN_IHC)) != null) {
            BiomarkerResult.Reading r = protein(o.getValue());
            if (r != null) {
                add(
                        Biomarker.MMR,
                        r,
                        protein(c.getCode())
                                + (r == BiomarkerResult.Reading.ALTERED
                                        ? " lost"
                                        : r == BiomarkerResult.Reading.NOT_ALTERED ? " intact" : " undetermined"),
                        BiomarkerResult.Hotspot.NONE,
                        o,
                        c);
            }
        } else if ((c = Codings.firstIn(code, CodeSets.MMR_IHC_PANEL)) != null) {
            mmrPanel(o, c);
        } else if ((c = Codings.firstIn(code, CodeSets.GENETIC_VARIANT)) != null) {
            variant(o, c);
        } else if ((c = Codings.firstIn(code, CodeSets.KRAS_MUTATION_RESULT)) != null) {
            geneResult(Biomarker.KRAS, o, c);
        } else if ((c = Codings.firstIn(code, CodeSets.RAS_MUTATION_RESULT)) != null) {
            geneResult(Biomarker.RAS, o, c);
        } else if ((c = Codings.firstIn(code, CodeSets.BRAF_V600E_IHC)) != null) {
            BiomarkerResult.Reading r = positiveOrNegative(o.getValue());
            if (r != null) {
                add(
                        Biomarker.BRAF,
                        r,
                        r == BiomarkerResult.Reading.ALTERED
                                ? "V600E mutant protein present"
                                : "V600E mutant protein absent",
                        r == BiomarkerResult.Reading.ALTERED
                                ? BiomarkerResult.Hotspot.BRAF_V600E
                                : BiomarkerResult.Hotspot.NONE,
                        o,
                        c);
            }
        } else if ((c = Codings.firstIn(code, CodeSets.HER2_STATUS)) != null) {
            her2(o, c);
        } else if ((c = Codings.firstIn(code, CodeSets.CEA)) != null) {
            if (o.getValue() instanceof Quantity q && q.hasValue()) {
                add(
                        Biomarker.CEA,
                        BiomarkerResult.Reading.MEASURED,
                        q.getValue().stripTrailingZeros().toPlainString()
                                + (q.hasUnit() ? " " + q.getUnit() : q.hasCode() ? " " + q.getCode() : ""),
                        BiomarkerResult.Hotspot.NONE,
                        o,
                        c);
            }
        } else if ((c = Codings.firstIn(code, CodeSets.ECOG_PERFORMANCE_STATUS)) != null) {
            Integer grade = integer(o.getValue());
            if (grade == null && o.getValue() instanceof CodeableConcept value) {
                for (int g = 0; g < CodeSets.ECOG_GRADES.size() && grade == null; g++) {
                    if (Codings.firstIn(value, CodeSets.ECOG_GRADES.get(g)) != null) {
                        grade = g;
                    }
                }
            }
            if (grade != null && grade >= 0 && grade <= 5) {
                performance.add(
                        new PerformanceStatus(PerformanceStatus.Scale.ECOG, grade, FactTimes.of(o), source(o, c)));
            }
        } else if ((c = Codings.firstIn(code, CodeSets.KARNOFSKY_PERFORMANCE_STATUS)) != null) {
            Integer score = integer(o.getValue());
            if (score != null && score >= 0 && score <= 100) {
                performance.add(
                        new PerformanceStatus(PerformanceStatus.Scale.KARNOFSKY, score, FactTimes.of(o), source(o, c)));
            }
        } else if ((c = Codings.firstIn(code, CodeSets.PREGNANCY_STATUS)) != null
                && o.getValue() instanceof CodeableConcept value) {
            PregnancyStatus.State state = Codings.firstIn(value, CodeSets.PREGNANT) != null
                    ? PregnancyStatus.State.PREGNANT
                    : Codings.firstIn(value, CodeSets.POSSIBLY_PREGNANT) != null
                            ? PregnancyStatus.State.POSSIBLY_PREGNANT
                            : Codings.firstIn(value, CodeSets.NOT_PREGNANT) != null
                                    ? PregnancyStatus.State.NOT_PREGNANT
                                    : null;
            if (state != null) {
                pregnancy.add(new PregnancyStatus(state, FactTimes.of(o), source(o, c)));
            }
        }
    }

    private void msi(Observation o, Coding code) {
        BiomarkerResult.Reading r = null;
        String shown = null;
        if (o.getValue() instanceof CodeableConcept value) {
            Coding v;
            if ((v = Codings.firstIn(value, CodeSets.MSI_HIGH)) != null) {
                r = BiomarkerResult.Reading.ALTERED;
                shown = "MSI-H";
            } else if ((v = Codings.firstIn(value, CodeSets.MSI_STABLE)) != null) {
                r = BiomarkerResult.Reading.NOT_ALTERED;
                shown = v.hasDisplay() ? v.getDisplay() : "stable";
            } else if (Codings.firstIn(value, CodeSets.MSI_INDETERMINATE) != null) {
                r = BiomarkerResult.Reading.INDETERMINATE;
                shown = "indeterminate";
            } else {
                r = positiveOrNegative(value);
                shown = r == BiomarkerResult.Reading.ALTERED ? "MSI present" : "MSI absent";
            }
        }
        if (r == null) {
            String text = text(o.getValue());
            if (text != null) {
                r = msiText(text);
                shown = text;
            }
        }
        if (r != null) {
            add(Biomarker.MSI, r, shown, BiomarkerResult.Hotspot.NONE, o, code);
        }
    }

    /**
     * An MSI result written in words. A negation wins ("MSI-high not detected"), then instability ("unstable", which
     * contains "stable", "MSI-H", "high"), then stability ("MSS", "stable", "MSI-L", "low"); anything else is not read.
     */
    static BiomarkerResult.Reading msiText(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.contains("not detected") || t.contains("negative") || t.contains("absent") || t.contains("no evidence")) {
            return BiomarkerResult.Reading.NOT_ALTERED;
        }
        if (t.contains("unstable")
                || t.contains("instab")
                || t.contains("msi-h")
                || t.contains("msi h")
                || t.contains("msi high")
                || t.contains("high")) {
            return BiomarkerResult.Reading.ALTERED;
        }
        if (t.contains("mss")
                || t.contains("stable")
                || t.contains("msi-l")
                || t.contains("msi low")
                || t.contains("low")) {
            return BiomarkerResult.Reading.NOT_ALTERED;
        }
        return null;
    }

    private void mmrPanel(Observation o, Coding code) {
        BiomarkerResult.Reading r = null;
        String shown = null;
        if (o.getValue() instanceof CodeableConcept value) {
            if (Codings.firstIn(value, CodeSets.MMR_DEFICIENT) != null) {
                r = BiomarkerResult.Reading.ALTERED;
                shown = "dMMR";
            } else if (Codings.firstIn(value, CodeSets.MMR_PROFICIENT) != null) {
                r = BiomarkerResult.Reading.NOT_ALTERED;
                shown = "pMMR";
            }
        }
        List<String> lost = new ArrayList<>();
        List<String> intact = new ArrayList<>();
        for (Observation.ObservationComponentComponent component : o.getComponent()) {
            Coding protein = Codings.firstIn(component.getCode(), CodeSets.MMR_PROTEIN_IHC);
            BiomarkerResult.Reading p = protein == null ? null : protein(component.getValue());
            if (p == BiomarkerResult.Reading.ALTERED) {
                lost.add(protein(protein.getCode()));
            } else if (p == BiomarkerResult.Reading.NOT_ALTERED) {
                intact.add(protein(protein.getCode()));
            }
        }
        if (!lost.isEmpty()) {
            r = BiomarkerResult.Reading.ALTERED;
            shown = (shown == null ? "" : shown + ": ") + String.join(", ", lost) + " lost";
        } else if (r == null && intact.size() >= 4) {
            r = BiomarkerResult.Reading.NOT_ALTERED;
            shown = String.join(", ", intact) + " intact";
        }
        if (r != null) {
            add(Biomarker.MMR, r, shown, BiomarkerResult.Hotspot.NONE, o, code);
        }
    }

    private void variant(Observation o, Coding code) {
        BiomarkerResult.Reading r = null;
        if (o.getValue() instanceof CodeableConcept value) {
            r = Codings.firstIn(value, CodeSets.VARIANT_PRESENT) != null
                    ? BiomarkerResult.Reading.ALTERED
                    : Codings.firstIn(value, CodeSets.VARIANT_ABSENT) != null
                            ? BiomarkerResult.Reading.NOT_ALTERED
                            : null;
        }
        if (r == null) {
            return;
        }
        List<Biomarker> genes = new ArrayList<>();
        List<String> changes = new ArrayList<>();
        for (Observation.ObservationComponentComponent component : o.getComponent()) {
            if (Codings.firstIn(component.getCode(), CodeSets.GENE_STUDIED) != null
                    && component.getValue() instanceof CodeableConcept gene) {
                Biomarker marker = Codings.firstIn(gene, CodeSets.GENE_KRAS) != null
                        ? Biomarker.KRAS
                        : Codings.firstIn(gene, CodeSets.GENE_NRAS) != null
                                ? Biomarker.NRAS
                                : Codings.firstIn(gene, CodeSets.GENE_BRAF) != null ? Biomarker.BRAF : null;
                if (marker != null && !genes.contains(marker)) {
                    genes.add(marker);
                }
            } else if (Codings.firstIn(component.getCode(), CodeSets.VARIANT_CHANGE) != null) {
                String change = component.getValue() instanceof CodeableConcept v
                        ? (v.getCodingFirstRep().hasCode()
                                ? v.getCodingFirstRep().getCode()
                                : v.getText())
                        : text(component.getValue());
                if (change != null) {
                    changes.add(change);
                }
            }
        }
        // a variant found names one gene; a negative result may list several genes (pertinent negatives)
        if (r == BiomarkerResult.Reading.ALTERED && genes.size() != 1) {
            return;
        }
        String shown = r == BiomarkerResult.Reading.ALTERED
                ? (changes.isEmpty() ? "variant present" : String.join(", ", changes))
                : "no variant found";
        for (Biomarker gene : genes) {
            add(
                    gene,
                    r,
                    shown,
                    r == BiomarkerResult.Reading.ALTERED ? hotspot(gene, changes) : BiomarkerResult.Hotspot.NONE,
                    o,
                    code);
        }
    }

    /**
     * BRAF V600E by its protein change (p.Val600Glu, p.V600E, "V600E") or coding change c.1799T>A, or ClinVar 13961;
     * KRAS G12C by p.Gly12Cys, p.G12C or c.34G>T. Never by a dbSNP id, which may cover another allele too.
     */
    static BiomarkerResult.Hotspot hotspot(Biomarker gene, List<String> changes) {
        for (String change : changes) {
            String c = change.replace("(", "").replace(")", "");
            if (gene == Biomarker.BRAF
                    && (c.contains("Val600Glu")
                            || c.contains("V600E")
                            || c.contains("c.1799T>A")
                            || c.equals("13961"))) {
                return BiomarkerResult.Hotspot.BRAF_V600E;
            }
            if (gene == Biomarker.KRAS && (c.contains("Gly12Cys") || c.contains("G12C") || c.contains("c.34G>T"))) {
                return BiomarkerResult.Hotspot.KRAS_G12C;
            }
        }
        return BiomarkerResult.Hotspot.NONE;
    }

    private void geneResult(Biomarker marker, Observation o, Coding code) {
        Worded result = worded(o.getValue(), PatientFactsReader::mutationText);
        if (result != null) {
            String said = result.shown() != null
                    ? result.shown()
                    : result.reading() == BiomarkerResult.Reading.ALTERED ? "mutation found" : "no mutation found";
            add(
                    marker,
                    result.reading(),
                    said,
                    result.reading() == BiomarkerResult.Reading.ALTERED && marker == Biomarker.KRAS
                            ? hotspot(Biomarker.KRAS, List.of(said))
                            : BiomarkerResult.Hotspot.NONE,
                    o,
                    code);
        }
    }

    /** A reading and the words it was read from (the value's text or display; null when it has none). */
    private record Worded(BiomarkerResult.Reading reading, String shown) {}

    /**
     * A coded value (positive / negative, or a variant present / absent), else the value's words read by
     * {@code words}; null when neither says.
     */
    private static Worded worded(Type value, java.util.function.Function<String, BiomarkerResult.Reading> words) {
        if (value instanceof CodeableConcept concept) {
            BiomarkerResult.Reading r = positiveOrNegative(concept);
            if (r == null) {
                r = in(concept, CodeSets.VARIANT_PRESENT)
                        ? BiomarkerResult.Reading.ALTERED
                        : in(concept, CodeSets.VARIANT_ABSENT) ? BiomarkerResult.Reading.NOT_ALTERED : null;
            }
            if (r != null) {
                return new Worded(
                        r,
                        concept.hasText()
                                ? concept.getText()
                                : concept.getCodingFirstRep().getDisplay());
            }
        }
        String text = text(value);
        BiomarkerResult.Reading r = text == null ? null : words.apply(text);
        return r == null ? null : new Worded(r, text);
    }

    /** A result written in words: "no mutation detected", "wild type" or "KRAS c.35G>A (p.G12D) detected". */
    static BiomarkerResult.Reading mutationText(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.contains("not detected")
                || t.contains("no mutation")
                || t.contains("wild type")
                || t.contains("wild-type")
                || t.contains("wildtype")
                || t.contains("negative")
                || t.contains("not found")) {
            return BiomarkerResult.Reading.NOT_ALTERED;
        }
        if (t.contains("detected")
                || t.contains("mutat")
                || t.contains("p.")
                || t.contains("c.")
                || t.contains("positive")) {
            return BiomarkerResult.Reading.ALTERED;
        }
        return null;
    }

    private void her2(Observation o, Coding code) {
        Worded result = worded(o.getValue(), PatientFactsReader::her2Text);
        if (result != null) {
            add(
                    Biomarker.HER2,
                    result.reading(),
                    result.shown() != null
                            ? result.shown()
                            : result.reading() == BiomarkerResult.Reading.ALTERED ? "positive" : "negative",
                    BiomarkerResult.Hotspot.NONE,
                    o,
                    code);
        }
    }

    /** An immunohistochemistry score (3+ positive, 2+ equivocal, 0 or 1+ negative), else a result in words. */
    static BiomarkerResult.Reading her2Text(String text) {
        String t = text.replace(" ", "");
        return t.startsWith("3+")
                ? BiomarkerResult.Reading.ALTERED
                : t.startsWith("2+")
                        ? BiomarkerResult.Reading.INDETERMINATE
                        : t.startsWith("0") || t.startsWith("1+")
                                ? BiomarkerResult.Reading.NOT_ALTERED
                                : mutationText(text);
    }

    private void readPregnancyCondition(Condition c) {
        Coding code = Codings.firstIn(c.getCode(), CodeSets.PREGNANT);
        Coding possible = code != null ? null : Codings.firstIn(c.getCode(), CodeSets.POSSIBLY_PREGNANT);
        if (code == null && possible == null) {
            return;
        }
        String clinical = c.getClinicalStatus().getCodingFirstRep().getCode();
        String verification = c.getVerificationStatus().getCodingFirstRep().getCode();
        if ((clinical != null && !clinical.equals("active"))
                || "refuted".equals(verification)
                || "entered-in-error".equals(verification)) {
            return;
        }
        FactTime time = FactTimes.of(c);
        if (inFuture(time)) {
            return;
        }
        Coding shown = code != null ? code : possible;
        pregnancy.add(new PregnancyStatus(
                code != null ? PregnancyStatus.State.PREGNANT : PregnancyStatus.State.POSSIBLY_PREGNANT,
                time,
                Source.of("Condition/" + c.getIdElement().getIdPart(), Codings.describe(shown), FactTimes.display(c))));
    }

    private void add(
            Biomarker marker,
            BiomarkerResult.Reading reading,
            String shown,
            BiomarkerResult.Hotspot hotspot,
            Observation o,
            Coding code) {
        biomarkers.add(new BiomarkerResult(marker, reading, shown, hotspot, FactTimes.of(o), source(o, code)));
    }

    private static Source source(Observation o, Coding code) {
        return Source.of("Observation/" + o.getIdElement().getIdPart(), Codings.describe(code), FactTimes.display(o));
    }

    private static BiomarkerResult.Reading protein(Type value) {
        if (!(value instanceof CodeableConcept concept)) {
            return null;
        }
        return in(concept, CodeSets.MMR_PROTEIN_LOST)
                ? BiomarkerResult.Reading.ALTERED
                : in(concept, CodeSets.MMR_PROTEIN_INTACT)
                        ? BiomarkerResult.Reading.NOT_ALTERED
                        : concept.hasCoding() ? BiomarkerResult.Reading.INDETERMINATE : null;
    }

    private static String protein(String loinc) {
        return switch (loinc) {
            case "81691-8" -> "MLH1";
            case "81692-6" -> "MSH2";
            case "81693-4" -> "MSH6";
            case "81694-2" -> "PMS2";
            default -> "LOINC " + loinc;
        };
    }

    private static BiomarkerResult.Reading positiveOrNegative(Type value) {
        if (!(value instanceof CodeableConcept concept)) {
            return null;
        }
        return in(concept, CodeSets.RESULT_POSITIVE)
                ? BiomarkerResult.Reading.ALTERED
                : in(concept, CodeSets.RESULT_NEGATIVE) ? BiomarkerResult.Reading.NOT_ALTERED : null;
    }

    private static boolean in(CodeableConcept concept, CodeSet set) {
        return Codings.firstIn(concept, set) != null;
    }

    private static Integer integer(Type value) {
        if (value instanceof IntegerType i && i.hasValue()) {
            return i.getValue();
        }
        if (value instanceof Quantity q
                && q.hasValue()
                && q.getValue().stripTrailingZeros().scale() <= 0) {
            return q.getValue().intValue();
        }
        return null;
    }

    private static String text(Type value) {
        if (value instanceof StringType s && s.hasValue() && !s.getValue().isBlank()) {
            return s.getValue();
        }
        if (value instanceof CodeableConcept c && c.hasText()) {
            return c.getText();
        }
        return null;
    }
}
