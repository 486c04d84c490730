package dev.ampulla.cdshooks;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A suggested change: {@code create} carries a new {@code resource}; {@code delete} names the resource by
 * {@code resourceId} (relative reference, e.g. {@code ServiceRequest/abc}).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Action(String type, String description, FhirJson resource, String resourceId) {

    public static Action create(String description, FhirJson resource) {
        return new Action("create", description, resource, null);
    }

    public static Action delete(String description, String resourceId) {
        return new Action("delete", description, null, resourceId);
    }
}
