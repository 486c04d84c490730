package dev.ampulla.presentation;

import dev.ampulla.cdshooks.Indicator;
import java.util.Map;

/**
 * A deployment's decision (its CDS committee's) about which cards clinicians see and how: the topics shown, the least
 * urgent indicator shown per hook, and where cards are silent.
 */
public record CardControls(TopicFilter topics, Map<String, Indicator> minimumIndicator, SilentMode silent) {

    /** No controls: every card is shown. */
    public static final CardControls NONE = new CardControls(new TopicFilter.AllTopics(), Map.of(), SilentMode.OFF);

    public CardControls {
        minimumIndicator = Map.copyOf(minimumIndicator);
    }

    /** Whether a card of this topic and indicator may be shown at {@code hook}, silent mode aside. */
    public boolean shows(String hook, String topic, Indicator indicator) {
        Indicator minimum = minimumIndicator.get(hook);
        return topics.shows(topic) && (minimum == null || indicator.compareTo(minimum) >= 0);
    }
}
