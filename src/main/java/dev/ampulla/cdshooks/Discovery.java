package dev.ampulla.cdshooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The discovery document: {@code {"services": [...]}}. */
public record Discovery(
        @JsonInclude(JsonInclude.Include.ALWAYS) List<ServiceDescriptor> services) {}
