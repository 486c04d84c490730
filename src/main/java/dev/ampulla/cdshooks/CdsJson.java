package dev.ampulla.cdshooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

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

    private CdsJson() {}

    private static ObjectMapper create() {
        ObjectMapper mapper = reader(MAX_NESTING_DEPTH, MAX_STRING_LENGTH);
        mapper.setDefaultPropertyInclusion(JsonInclude.Include.NON_EMPTY);
        return mapper;
    }

    /** Thread-safe; share it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Parses a request body with a {@link #reader} mapper. Every way bytes can fail to be JSON — malformed text,
     * an undecodable encoding, a duplicate key, too deep, too long — is a 400 whose message never quotes the body.
     */
    public static JsonNode readBody(ObjectMapper reader, byte[] body) {
        if (!looksLikeUtf8(body)) {
            throw CdsProtocolException.badRequest("structure", "The request body is not JSON text in UTF-8.");
        }
        try {
            JsonNode tree = reader.readTree(body);
            if (tree == null || tree.isMissingNode()) {
                throw CdsProtocolException.badRequest("required", "The request body is empty.");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw notJson(e);
        } catch (IOException e) {
            // e.g. CharConversionException: bytes in no encoding JSON allows
            throw CdsProtocolException.badRequest("structure", "The request body is not JSON text in UTF-8.");
        }
    }

    /**
     * JSON exchanged between systems must be UTF-8 (RFC 8259 §8.1). The parser would otherwise detect UTF-16 and
     * UTF-32 by their zero bytes and byte-order marks and read them, where a gateway in front may not: one body, two
     * readings.
     */
    static boolean looksLikeUtf8(byte[] body) {
        int n = Math.min(body.length, 4);
        for (int i = 0; i < n; i++) {
            if (body[i] == 0) {
                return false;
            }
        }
        return !(body.length >= 2
                && ((body[0] == (byte) 0xFE && body[1] == (byte) 0xFF)
                        || (body[0] == (byte) 0xFF && body[1] == (byte) 0xFE)));
    }

    /** The 400 for bytes that are not one JSON document within the limits, saying where and why. */
    static CdsProtocolException notJson(JsonProcessingException e) {
        return CdsProtocolException.badRequest(
                "structure", "The request body is not valid JSON" + at(e.getLocation()) + ": " + reasonOf(e));
    }

    static String at(com.fasterxml.jackson.core.JsonLocation location) {
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String reasonOf(JsonProcessingException e) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (m.contains("Duplicate field")) {
            return "a key appears twice in one object.";
        }
        if (m.contains("nesting depth")) {
            return "nested too deeply (" + firstNumber(m) + " levels at most).";
        }
        if (m.contains("String value length")) {
            return "a string is too long (" + firstNumber(m) + " characters at most).";
        }
        return "malformed JSON.";
    }

    /** The limit Jackson names in its message ("... exceeds the maximum allowed (40, from ...)"). */
    private static String firstNumber(String message) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("maximum (?:allowed )?\\((\\d+)")
                .matcher(message);
        return m.find() ? m.group(1) : "a limit";
    }

    /** A mapper for reading untrusted request bodies within the given bounds. */
    public static ObjectMapper reader(int maxNestingDepth, int maxStringLength) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(maxNestingDepth)
                        .maxStringLength(maxStringLength)
                        .build())
                .build();
        // Duplicate keys are refused by the tree builder, which sees them for free when it stores a member; the
        // parser-level STRICT_DUPLICATE_DETECTION would keep an extra HashSet for every JSON object read.
        ObjectMapper mapper = new ObjectMapper(factory);
        mapper.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        // exactly one JSON document: anything after it (garbage, a second document) is refused, not ignored
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        return mapper;
    }
}
