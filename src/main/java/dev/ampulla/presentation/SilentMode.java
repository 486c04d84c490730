package dev.ampulla.presentation;

import java.util.Set;

/**
 * Where cards are computed, recorded and counted but not returned: everywhere, or for some services, topics or
 * trusted clients ({@code iss}). For piloting Ampulla before clinicians see it.
 */
public record SilentMode(boolean everywhere, Set<String> services, Set<String> topics, Set<String> clients) {

    public static final SilentMode OFF = new SilentMode(false, Set.of(), Set.of(), Set.of());

    public SilentMode {
        services = Set.copyOf(services);
        topics = Set.copyOf(topics);
        clients = Set.copyOf(clients);
    }

    /** @param issuer the calling client's {@code iss}, or null in open mode */
    public boolean silences(String serviceId, String topic, String issuer) {
        return everywhere
                || services.contains(serviceId)
                || topics.contains(topic)
                || (issuer != null && clients.contains(issuer));
    }
}
