package dev.ampulla.presentation;

import java.util.Set;

/** Which card topics a deployment shows: all, only those listed, or all but those listed. */
public sealed interface TopicFilter {

    boolean shows(String topic);

    /** Every topic. */
    record AllTopics() implements TopicFilter {
        @Override
        public boolean shows(String topic) {
            return true;
        }
    }

    /** Only these topics (an allow list). */
    record ShowOnly(Set<String> topics) implements TopicFilter {
        public ShowOnly {
            topics = Set.copyOf(topics);
        }

        @Override
        public boolean shows(String topic) {
            return topics.contains(topic);
        }
    }

    /** Every topic but these (a deny list). */
    record HideThese(Set<String> topics) implements TopicFilter {
        public HideThese {
            topics = Set.copyOf(topics);
        }

        @Override
        public boolean shows(String topic) {
            return !topics.contains(topic);
        }
    }
}
