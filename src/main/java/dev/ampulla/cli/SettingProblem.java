package dev.ampulla.cli;

import dev.ampulla.config.AmpullaConfig;

/**
 * A refused setting, told with where to change it. {@link AmpullaConfig} starts each refusal with the setting's name
 * ("port must be a whole number, got 'abc'"); the value may have come from the option or from the environment, so
 * both are named.
 */
public final class SettingProblem {
    private SettingProblem() {}

    /** The refusal, naming the option and the environment variable of the setting it is about. */
    public static IllegalArgumentException named(IllegalArgumentException refusal) {
        String message = String.valueOf(refusal.getMessage());
        for (AmpullaConfig.Option o : AmpullaConfig.OPTIONS) {
            if (message.startsWith(o.name() + " ")) {
                return new IllegalArgumentException(
                        message + "; set it with --" + o.name() + " or " + o.env(), refusal);
            }
        }
        return refusal;
    }
}
