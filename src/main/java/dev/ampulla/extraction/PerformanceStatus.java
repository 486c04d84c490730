package dev.ampulla.extraction;

/** A performance status score as recorded: ECOG 0-5 or Karnofsky 0-100. */
public record PerformanceStatus(Scale scale, int score, FactTime time, Source source) {

    public enum Scale {
        ECOG,
        KARNOFSKY
    }

    /** {@code ECOG 3} or {@code Karnofsky 40}. */
    public String shown() {
        return (scale == Scale.ECOG ? "ECOG " : "Karnofsky ") + score;
    }
}
