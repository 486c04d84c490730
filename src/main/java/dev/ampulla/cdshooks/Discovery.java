package dev.ampulla.cdshooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The discovery document: {@code {"services": [...]}}, and an {@code extension} saying which knowledge version the
 * services run and the decision-support attributes a CDS governance committee asks for (clients that do not know it
 * ignore it, as CDS Hooks extensions are meant to be).
 */
public record Discovery(@JsonInclude(JsonInclude.Include.ALWAYS) List<ServiceDescriptor> services,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> extension) {
}
