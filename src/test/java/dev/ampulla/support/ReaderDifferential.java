package dev.ampulla.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ampulla.cdshooks.CdsJson;
import dev.ampulla.cdshooks.CdsProtocolException;
import dev.ampulla.cdshooks.RequestReader;
import dev.ampulla.extraction.RuleElements;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The request reader against the whole-tree reader it replaces: for one body, both refuse it alike (status, issue
 * code, reason) or the reader's tree is, element for element, the whole tree with the elements of prefetched resources
 * the clinical core does not read left out — computed here from the whole tree, independently of the reader's walk.
 */
public final class ReaderDifferential {
    /** Bundles nested deeper are read whole by the reader (its documented bound). */
    private static final int MAX_BUNDLE_NESTING = 4;

    private final ObjectMapper mapper;
    private final RequestReader reader;

    public ReaderDifferential(int maxDepth, int maxStringLength) {
        this.mapper = CdsJson.reader(maxDepth, maxStringLength);
        this.reader = new RequestReader(mapper, RuleElements::isRead, maxStringLength);
    }

    public RequestReader reader() {
        return reader;
    }

    /** Asserts the two readings agree; returns the reader's tree, or null when both refused the body. */
    public JsonNode assertSameReading(byte[] body) {
        JsonNode whole;
        try {
            whole = CdsJson.readBody(mapper, body);
        } catch (CdsProtocolException refused) {
            try {
                JsonNode read = reader.read(body);
                throw new AssertionError("the whole-tree reader refused (" + refused.getMessage()
                        + ") what the request reader read: " + read);
            } catch (CdsProtocolException alsoRefused) {
                assertEquals(refused.status(), alsoRefused.status(), refused.getMessage());
                assertEquals(refused.issueCode(), alsoRefused.issueCode(), refused.getMessage());
                assertEquals(withoutPlace(refused.getMessage()), withoutPlace(alsoRefused.getMessage()));
                return null;
            }
        }
        JsonNode read;
        try {
            read = reader.read(body);
        } catch (CdsProtocolException e) {
            throw new AssertionError(
                    "the request reader refused (" + e.getMessage() + ") what the whole-tree reader" + " read", e);
        }
        assertEquals(withoutUnreadElements(whole.deepCopy()), read);
        return read;
    }

    /**
     * Which problem a reader meets first in a body with several can differ (one finds a duplicate key at its name, the
     * other once its value is read), never the kind of answer: the place and the reason are left out here, and
     * {@code RequestReaderTest} checks the reason of bodies with one problem.
     */
    private static String withoutPlace(String message) {
        return message.replaceAll(" \\(line \\d+, column \\d+\\)", "").replaceAll(":.*", ":");
    }

    /** The whole tree with what the reader documents it passes over removed. */
    public static JsonNode withoutUnreadElements(JsonNode request) {
        if (request instanceof ObjectNode root && root.get("prefetch") instanceof ObjectNode prefetch) {
            for (JsonNode value : prefetch) {
                if (value instanceof ObjectNode resource) {
                    prune(resource, 0);
                }
            }
        }
        return request;
    }

    private static void prune(ObjectNode resource, int bundleNesting) {
        Iterator<String> names = resource.fieldNames();
        if (!names.hasNext()
                || !names.next().equals("resourceType")
                || !resource.get("resourceType").isTextual()) {
            return;
        }
        String type = resource.get("resourceType").asText();
        if (type.equals("Bundle")) {
            if (bundleNesting < MAX_BUNDLE_NESTING
                    && resource.get("entry") != null
                    && resource.get("entry").isArray()) {
                for (JsonNode entry : resource.get("entry")) {
                    if (entry.get("resource") instanceof ObjectNode inner) {
                        prune(inner, bundleNesting + 1);
                    }
                }
            }
            return;
        }
        List<String> unread = new ArrayList<>();
        resource.fieldNames().forEachRemaining(name -> {
            if (!RuleElements.isRead(type, name.startsWith("_") ? name.substring(1) : name)) {
                unread.add(name);
            }
        });
        resource.remove(unread);
    }
}
