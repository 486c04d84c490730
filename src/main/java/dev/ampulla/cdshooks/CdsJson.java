package dev.ampulla.cdshooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON codec for CDS Hooks documents. Reading rejects duplicate keys and bounds nesting depth and string length;
 * writing leaves out null and empty optional members, as the specification requires.
 */
public final class CdsJson {
    /** Deeper than any FHIR resource a CDS client sends, shallow enough that a hostile body cannot exhaust the stack. */
    public static final int MAX_NESTING_DEPTH = 100;
    /** No single JSON string in a hook request needs more (attachments are not read). */
    public static final int MAX_STRING_LENGTH = 1_000_000;

    private static final ObjectMapper MAPPER = create();

    private CdsJson() {
    }

    private static ObjectMapper create() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxStringLength(MAX_STRING_LENGTH)
                        .build())
                .build();
        factory.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        ObjectMapper mapper = new ObjectMapper(factory);
        mapper.setDefaultPropertyInclusion(JsonInclude.Include.NON_EMPTY);
        return mapper;
    }

    /** Thread-safe; share it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
