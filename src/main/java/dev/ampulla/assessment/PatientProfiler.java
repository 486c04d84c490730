package dev.ampulla.assessment;

import dev.ampulla.extraction.Biomarker;
import dev.ampulla.extraction.BiomarkerResult;
import dev.ampulla.extraction.BiomarkerResult.Reading;
import dev.ampulla.extraction.FactTime;
import dev.ampulla.extraction.PatientFacts;
import dev.ampulla.extraction.PerformanceStatus;
import dev.ampulla.extraction.PregnancyStatus;
import dev.ampulla.knowledge.pack.PackParameters;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Works out the {@link PatientProfile} from the patient's facts. A deficient mismatch-repair result wins over a
 * proficient one (dMMR by immunohistochemistry or MSI-H is acted on; a discordant pair is shown on the card); RAS is
 * wild-type only when KRAS and NRAS were both tested (extended RAS testing), mutant when either is.
 */
final class PatientProfiler {
    private final PackParameters.Fitness fitness;
    private final int pregnancyCurrentDays;

    PatientProfiler(PackParameters parameters) {
        this.fitness = parameters.fitness();
        this.pregnancyCurrentDays = parameters.pregnancyStatusCurrentDays();
    }

    PatientProfile profile(PatientFacts facts, LocalDate today) {
        List<BiomarkerResult> all = facts.biomarkers();
        PerformanceStatus performance = facts.performance().isEmpty()
                ? null
                : facts.performance().get(facts.performance().size() - 1);
        Integer age = facts.birthDate() == null || facts.birthDate().isAfter(today)
                ? null
                : Period.between(facts.birthDate(), today).getYears();
        boolean poorPerformance = performance != null
                && (performance.scale() == PerformanceStatus.Scale.ECOG
                        ? performance.score() >= fitness.ecogAtLeast()
                        : performance.score() <= fitness.karnofskyAtMost());
        boolean old = age != null && age >= fitness.ageAtLeast();
        List<String> fitnessReasons = new ArrayList<>(2);
        if (poorPerformance) {
            fitnessReasons.add(performance.shown());
        }
        if (old) {
            fitnessReasons.add("age " + age);
        }
        boolean g12c = all.stream().anyMatch(r -> r.hotspot() == BiomarkerResult.Hotspot.KRAS_G12C);
        return new PatientProfile(
                mmr(all),
                ras(all),
                braf(all),
                her2(all),
                newest(all, Biomarker.CEA),
                performance,
                age,
                pregnancy(facts, today),
                fitnessReasons,
                g12c,
                facts.biomarkersKnown(),
                facts.statusKnown(),
                facts.patientKnown());
    }

    private static BiomarkerStatus mmr(List<BiomarkerResult> all) {
        List<BiomarkerResult> results = of(all, Biomarker.MSI, Biomarker.MMR);
        // proficient: MSS or MSI-L, a proficient summary, or all four proteins intact (one intact protein is not)
        java.util.Set<String> intact = new java.util.HashSet<>();
        boolean msiStable = false;
        boolean mmrSummaryProficient = false;
        for (BiomarkerResult r : results) {
            if (r.reading() != Reading.NOT_ALTERED) {
                continue;
            }
            if (r.marker() == Biomarker.MSI) {
                msiStable = true;
            } else if (r.shown().startsWith("pMMR") || r.shown().contains(", ")) {
                mmrSummaryProficient = true;
            } else {
                intact.add(r.shown().split(" ")[0]);
            }
        }
        boolean mmrProficient = mmrSummaryProficient || intact.size() >= 4;
        boolean msiHigh = results.stream().anyMatch(r -> r.marker() == Biomarker.MSI && r.reading() == Reading.ALTERED);
        boolean proteinLost =
                results.stream().anyMatch(r -> r.marker() == Biomarker.MMR && r.reading() == Reading.ALTERED);
        if (msiHigh || proteinLost) {
            // a deficient result is acted on; a disagreeing result of the other method is named for confirmation
            List<BiomarkerResult> discordant = new ArrayList<>();
            for (BiomarkerResult r : results) {
                if (r.reading() == Reading.NOT_ALTERED
                        && ((msiHigh && mmrProficient && r.marker() == Biomarker.MMR)
                                || (proteinLost && r.marker() == Biomarker.MSI))) {
                    discordant.add(r);
                }
            }
            return new BiomarkerStatus("deficient", results, null, discordant);
        }
        if (msiStable || mmrProficient) {
            return new BiomarkerStatus("proficient", results, null);
        }
        return new BiomarkerStatus(
                BiomarkerStatus.NOT_RECORDED,
                results,
                results.isEmpty()
                        ? "no MMR or MSI result"
                        : !intact.isEmpty()
                                ? "not all four mismatch-repair proteins recorded"
                                : "MMR/MSI result indeterminate");
    }

    private static BiomarkerStatus ras(List<BiomarkerResult> all) {
        List<BiomarkerResult> results = of(all, Biomarker.KRAS, Biomarker.NRAS, Biomarker.RAS);
        if (results.stream().anyMatch(r -> r.reading() == Reading.ALTERED)) {
            return new BiomarkerStatus("mutant", results, null);
        }
        boolean kras = tested(results, Biomarker.KRAS) || tested(results, Biomarker.RAS);
        boolean nras = tested(results, Biomarker.NRAS) || tested(results, Biomarker.RAS);
        if (kras && nras) {
            return new BiomarkerStatus("wild-type", results, null);
        }
        return new BiomarkerStatus(
                BiomarkerStatus.NOT_RECORDED,
                results,
                kras ? "NRAS not recorded" : nras ? "KRAS not recorded" : "no RAS result");
    }

    private static BiomarkerStatus braf(List<BiomarkerResult> all) {
        List<BiomarkerResult> results = of(all, Biomarker.BRAF);
        if (results.stream().anyMatch(BiomarkerResult::v600e)) {
            return new BiomarkerStatus("v600e", results, null);
        }
        if (results.stream().anyMatch(r -> r.reading() == Reading.ALTERED || r.reading() == Reading.NOT_ALTERED)) {
            return new BiomarkerStatus("not-v600e", results, null);
        }
        return new BiomarkerStatus(BiomarkerStatus.NOT_RECORDED, results, "no BRAF result");
    }

    private static BiomarkerStatus her2(List<BiomarkerResult> all) {
        List<BiomarkerResult> results = of(all, Biomarker.HER2);
        BiomarkerResult newest = null;
        for (BiomarkerResult r : results) {
            if (r.reading() == Reading.ALTERED || r.reading() == Reading.NOT_ALTERED) {
                newest = r;
            }
        }
        if (newest == null) {
            return new BiomarkerStatus(
                    BiomarkerStatus.NOT_RECORDED,
                    results,
                    results.isEmpty() ? "no HER2 result" : "HER2 result equivocal");
        }
        return new BiomarkerStatus(newest.reading() == Reading.ALTERED ? "positive" : "negative", results, null);
    }

    private static boolean tested(List<BiomarkerResult> results, Biomarker marker) {
        return results.stream().anyMatch(r -> r.marker() == marker && r.reading() == Reading.NOT_ALTERED);
    }

    private static List<BiomarkerResult> of(List<BiomarkerResult> all, Biomarker... markers) {
        List<Biomarker> wanted = List.of(markers);
        List<BiomarkerResult> out = new ArrayList<>();
        for (BiomarkerResult r : all) {
            if (wanted.contains(r.marker())) {
                out.add(r);
            }
        }
        return out;
    }

    private static BiomarkerResult newest(List<BiomarkerResult> all, Biomarker marker) {
        BiomarkerResult newest = null;
        for (BiomarkerResult r : all) {
            if (r.marker() == marker) {
                newest = r;
            }
        }
        return newest;
    }

    /** The newest pregnancy status, when it is recent enough to still hold (an undated one always is). */
    private PregnancyStatus pregnancy(PatientFacts facts, LocalDate today) {
        if (facts.pregnancy().isEmpty()) {
            return null;
        }
        PregnancyStatus newest = facts.pregnancy().get(facts.pregnancy().size() - 1);
        long when = newest.time().effective() != FactTime.ABSENT
                ? newest.time().effective()
                : newest.time().issued() != FactTime.ABSENT
                        ? newest.time().issued()
                        : newest.time().lastUpdated();
        if (when != FactTime.ABSENT) {
            LocalDate day =
                    java.time.Instant.ofEpochMilli(when).atZone(ZoneOffset.UTC).toLocalDate();
            if (day.plusDays(pregnancyCurrentDays).isBefore(today)) {
                return null;
            }
        }
        return newest;
    }
}
