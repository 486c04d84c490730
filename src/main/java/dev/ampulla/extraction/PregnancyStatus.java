package dev.ampulla.extraction;

/** A recorded pregnancy status (an Observation, or a pregnancy Condition). */
public record PregnancyStatus(State state, FactTime time, Source source) {

    public enum State {
        PREGNANT,
        POSSIBLY_PREGNANT,
        NOT_PREGNANT
    }
}
