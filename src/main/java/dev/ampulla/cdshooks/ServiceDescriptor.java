package dev.ampulla.cdshooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One entry of the discovery document. {@code extension} (CDS Hooks 2.0 allows one on each service) carries what
 * the service runs: the knowledge pack's id, version and source attributes.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ServiceDescriptor(
        String hook,
        String title,
        String description,
        String id,
        Map<String, String> prefetch,
        String usageRequirements,
        Map<String, Object> extension) {

    public ServiceDescriptor(
            String hook,
            String title,
            String description,
            String id,
            Map<String, String> prefetch,
            String usageRequirements) {
        this(hook, title, description, id, prefetch, usageRequirements, null);
    }

    public ServiceDescriptor withExtension(Map<String, Object> extension) {
        return new ServiceDescriptor(hook, title, description, id, prefetch, usageRequirements, extension);
    }
}
