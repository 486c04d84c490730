package dev.ampulla.presentation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ampulla.cdshooks.CdsProtocolException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options one call sets, read from the request's {@code extension["davinci-crd.configuration"]}: an object of
 * option code to value (Da Vinci CRD STU 2, CDSHookServiceRequestExtensionRequestConfig). Codes Ampulla does not
 * offer are ignored, as CRD asks; a value of the wrong type is refused with 400.
 */
public record CallOptions(Set<CallOption> off) {
    /** The discovery extension's key. */
    public static final String DISCOVERY_EXTENSION = "davinci-crd.configuration-options";
    /** The request extension's key. */
    public static final String REQUEST_EXTENSION = "davinci-crd.configuration";

    public static final CallOptions DEFAULTS = new CallOptions(EnumSet.noneOf(CallOption.class));

    public CallOptions {
        off = off.isEmpty() ? Set.of() : Set.copyOf(off);
    }

    /** The discovery extension: every option Ampulla offers. */
    public static Map<String, Object> discoveryExtension() {
        List<Map<String, Object>> options = java.util.Arrays.stream(CallOption.values())
                .map(CallOption::discoveryEntry)
                .toList();
        return Map.of(DISCOVERY_EXTENSION, options);
    }

    /**
     * @throws CdsProtocolException 400 when the configuration is not an object or a known option's value is not a
     *     boolean
     */
    public static CallOptions read(JsonNode body) {
        JsonNode config = body == null ? null : body.path("extension").path(REQUEST_EXTENSION);
        if (config == null || config.isMissingNode() || config.isNull()) {
            return DEFAULTS;
        }
        if (!config.isObject()) {
            throw CdsProtocolException.badRequest(
                    "invalid", "extension." + REQUEST_EXTENSION + " must be an object of option codes to values.");
        }
        EnumSet<CallOption> off = EnumSet.noneOf(CallOption.class);
        for (var e : config.properties()) {
            CallOption option = CallOption.byCode(e.getKey());
            if (option == null) {
                continue;
            }
            if (!e.getValue().isBoolean()) {
                throw CdsProtocolException.badRequest(
                        "invalid",
                        "extension." + REQUEST_EXTENSION + "." + option.code() + " must be a boolean (true or false).");
            }
            if (!e.getValue().booleanValue()) {
                off.add(option);
            }
        }
        return off.isEmpty() ? DEFAULTS : new CallOptions(off);
    }

    public boolean isOff(CallOption option) {
        return off.contains(option);
    }
}
