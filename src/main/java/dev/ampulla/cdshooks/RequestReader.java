package dev.ampulla.cdshooks;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Reads a hook request body into a Jackson tree as {@link CdsJson#readBody} does, except that the top-level elements
 * of prefetched resources that the clinical core never reads (a Condition's narrative, an Observation's subject or
 * reference range…) are passed over by the parser without being built: most of a prefetched record's bytes.
 *
 * <p>What is passed over is still read as JSON and refused as {@link CdsJson#readBody} refuses it: malformed text, a
 * key twice in one object, nesting too deep, a string too long. Elements are passed over only where their meaning is
 * certain: in a resource that is a prefetch value or a Bundle entry's resource (at any Bundle depth), whose {@code
 * resourceType} is its first member, for the resource types the filter selects elements of. Everything else — the
 * request's own members, {@code context}, Bundles' other members, resources written in another order — is built
 * whole. {@code RequestReaderTest} compares the two readers element for element on every example, corpus record and
 * fuzz input.
 */
public final class RequestReader {
    /** Bundles inside Bundles deeper than this are built whole: the pruning walk is recursive, and never needs more. */
    private static final int MAX_BUNDLE_NESTING = 4;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectMapper mapper;
    private final BiPredicate<String, String> readsElement;
    private final int maxStringLength;

    /**
     * @param mapper a {@link CdsJson#reader} mapper: its limits and its refusal of duplicate keys apply to both ways
     * @param readsElement whether the clinical core reads a top-level element (a key without its {@code _}) of a
     *     resource type; true for every element of a type it does not select elements of
     */
    public RequestReader(ObjectMapper mapper, BiPredicate<String, String> readsElement, int maxStringLength) {
        this.mapper = mapper;
        this.readsElement = readsElement;
        this.maxStringLength = maxStringLength;
    }

    /** The body as a tree, or a 400 exactly as {@link CdsJson#readBody} words it. */
    public JsonNode read(byte[] body) {
        if (!CdsJson.looksLikeUtf8(body)) {
            return CdsJson.readBody(mapper, body);
        }
        try (JsonParser parser = mapper.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return CdsJson.readBody(mapper, body);
            }
            // a string passed over is not decoded, so its length is not checked: when no string can exceed the limit
            // (a character takes at least one byte) there is nothing to check
            Walk walk = new Walk(parser, body.length > maxStringLength);
            ObjectNode root = walk.request();
            if (parser.nextToken() != null) {
                throw CdsProtocolException.badRequest(
                        "structure",
                        "The request body is not valid JSON" + CdsJson.at(parser.currentTokenLocation())
                                + ": malformed JSON.");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw CdsJson.notJson(e);
        } catch (IOException e) {
            throw CdsProtocolException.badRequest("structure", "The request body is not JSON text in UTF-8.");
        }
    }

    /** One body's reading: the parser and the names seen in the objects being passed over. */
    private final class Walk {
        private final JsonParser parser;
        private final boolean checkStringLengths;
        private final List<Names> names = new ArrayList<>();
        private final List<ContainerNode<?>> containers = new ArrayList<>();

        Walk(JsonParser parser, boolean checkStringLengths) {
            this.parser = parser;
            this.checkStringLengths = checkStringLengths;
        }

        /** The request object, the parser on its START_OBJECT. */
        ObjectNode request() throws IOException {
            ObjectNode request = NODES.objectNode();
            for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                parser.nextToken();
                JsonNode value = name.equals("prefetch") && parser.currentToken() == JsonToken.START_OBJECT
                        ? prefetch()
                        : tree();
                put(request, name, value);
            }
            return request;
        }

        private ObjectNode prefetch() throws IOException {
            ObjectNode prefetch = NODES.objectNode();
            for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                parser.nextToken();
                put(prefetch, name, parser.currentToken() == JsonToken.START_OBJECT ? resource(0) : tree());
            }
            return prefetch;
        }

        /**
         * A resource, a Bundle or any other object, the parser on its START_OBJECT. Only a {@code resourceType} read
         * first says what the object is before its other members are met.
         */
        private ObjectNode resource(int bundleNesting) throws IOException {
            ObjectNode resource = NODES.objectNode();
            String name = parser.nextFieldName();
            if (name == null) {
                return resource;
            }
            parser.nextToken();
            if (!name.equals("resourceType") || parser.currentToken() != JsonToken.VALUE_STRING) {
                put(resource, name, tree());
                return rest(resource);
            }
            String type = parser.getText();
            put(resource, name, NODES.textNode(type));
            if (type.equals("Bundle")) {
                return bundleNesting < MAX_BUNDLE_NESTING ? bundle(resource, bundleNesting) : rest(resource);
            }
            // A key is always built or always passed over (the filter decides by name): a duplicate of a built key is
            // found where it is put, one of a passed-over key in this set of the resource's passed-over keys.
            Names passedOver = names(0);
            passedOver.clear();
            for (name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                parser.nextToken();
                if (readsElement.test(type, name.startsWith("_") ? name.substring(1) : name)) {
                    put(resource, name, tree());
                } else if (passedOver.add(name)) {
                    passOver();
                } else {
                    throw duplicate();
                }
            }
            return resource;
        }

        /** The rest of an object, built whole. */
        private ObjectNode rest(ObjectNode object) throws IOException {
            for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                parser.nextToken();
                put(object, name, tree());
            }
            return object;
        }

        private ObjectNode bundle(ObjectNode bundle, int nesting) throws IOException {
            for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                parser.nextToken();
                put(
                        bundle,
                        name,
                        name.equals("entry") && parser.currentToken() == JsonToken.START_ARRAY
                                ? entries(nesting)
                                : tree());
            }
            return bundle;
        }

        private ArrayNode entries(int nesting) throws IOException {
            ArrayNode entries = NODES.arrayNode();
            for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                entries.add(t == JsonToken.START_OBJECT ? entry(nesting) : tree());
            }
            return entries;
        }

        private ObjectNode entry(int nesting) throws IOException {
            ObjectNode entry = NODES.objectNode();
            for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                parser.nextToken();
                put(
                        entry,
                        name,
                        name.equals("resource") && parser.currentToken() == JsonToken.START_OBJECT
                                ? resource(nesting + 1)
                                : tree());
            }
            return entry;
        }

        /**
         * The value the parser is on, built whole, node for node as Jackson's tree reader builds it (without its
         * set-up cost per value). Iterative: the parser bounds its nesting depth, not the thread's stack.
         */
        private JsonNode tree() throws IOException {
            JsonToken token = parser.currentToken();
            if (!token.isStructStart()) {
                return scalar(token);
            }
            ContainerNode<?> root = container(token);
            containers.clear();
            containers.add(root);
            while (!containers.isEmpty()) {
                ContainerNode<?> top = containers.get(containers.size() - 1);
                JsonNode value;
                if (top instanceof ObjectNode object) {
                    String name = parser.nextFieldName();
                    if (name == null) {
                        containers.remove(containers.size() - 1);
                        continue;
                    }
                    value = value(parser.nextToken());
                    put(object, name, value);
                } else {
                    JsonToken next = parser.nextToken();
                    if (next == JsonToken.END_ARRAY) {
                        containers.remove(containers.size() - 1);
                        continue;
                    }
                    value = value(next);
                    ((ArrayNode) top).add(value);
                }
                if (value instanceof ContainerNode<?> opened) {
                    containers.add(opened);
                }
            }
            return root;
        }

        private JsonNode value(JsonToken token) throws IOException {
            return token.isStructStart() ? container(token) : scalar(token);
        }

        private ContainerNode<?> container(JsonToken token) {
            return token == JsonToken.START_OBJECT ? NODES.objectNode() : NODES.arrayNode();
        }

        private JsonNode scalar(JsonToken token) throws IOException {
            return switch (token) {
                case VALUE_STRING -> NODES.textNode(parser.getText());
                case VALUE_TRUE -> NODES.booleanNode(true);
                case VALUE_FALSE -> NODES.booleanNode(false);
                case VALUE_NULL -> NODES.nullNode();
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> number();
                default -> throw new com.fasterxml.jackson.core.JsonParseException(parser, "Unexpected token " + token);
            };
        }

        private JsonNode number() throws IOException {
            return switch (parser.getNumberType()) {
                case INT -> NODES.numberNode(parser.getIntValue());
                case LONG -> NODES.numberNode(parser.getLongValue());
                case BIG_INTEGER -> NODES.numberNode(parser.getBigIntegerValue());
                case BIG_DECIMAL -> NODES.numberNode(parser.getDecimalValue());
                case FLOAT, DOUBLE -> NODES.numberNode(parser.getDoubleValue());
            };
        }

        private void put(ObjectNode object, String name, JsonNode value) throws JsonProcessingException {
            if (object.replace(name, value) != null) {
                throw duplicate();
            }
        }

        /**
         * Passes over the value the parser is on without building it, refusing what reading it would refuse: a key
         * twice in one of its objects, a string too long. Iterative: the parser bounds its nesting depth.
         */
        private void passOver() throws IOException {
            JsonToken token = parser.currentToken();
            if (!token.isStructStart()) {
                checkString(token);
                return;
            }
            int depth = 1;
            if (token == JsonToken.START_OBJECT) {
                names(depth).clear();
            }
            while (depth > 0) {
                token = parser.nextToken();
                switch (token) {
                    case FIELD_NAME -> {
                        if (!names(depth).add(parser.currentName())) {
                            throw duplicate();
                        }
                    }
                    case START_OBJECT, START_ARRAY -> {
                        depth++;
                        if (token == JsonToken.START_OBJECT) {
                            names(depth).clear();
                        }
                    }
                    case END_OBJECT, END_ARRAY -> depth--;
                    default -> checkString(token);
                }
            }
        }

        private void checkString(JsonToken token) throws IOException {
            if (checkStringLengths && token == JsonToken.VALUE_STRING && parser.getTextLength() > maxStringLength) {
                // worded as the parser's own limit is, when it builds a string
                throw new com.fasterxml.jackson.core.JsonParseException(
                        parser,
                        "String value length (" + parser.getTextLength() + ") exceeds the maximum allowed ("
                                + maxStringLength + ")");
            }
        }

        private Names names(int depth) {
            while (names.size() <= depth) {
                names.add(new Names());
            }
            return names.get(depth);
        }

        private JsonProcessingException duplicate() {
            return new com.fasterxml.jackson.core.JsonParseException(parser, "Duplicate field");
        }
    }

    /** The keys of one object being passed over: a short list, a set once the object has many. */
    private static final class Names {
        private static final int LIST_SIZE = 16;
        private final List<String> list = new ArrayList<>(LIST_SIZE);
        private Set<String> set;

        boolean add(String name) {
            if (set != null) {
                return set.add(name);
            }
            for (String seen : list) {
                if (seen.equals(name)) {
                    return false;
                }
            }
            list.add(name);
            if (list.size() > LIST_SIZE) {
                set = new HashSet<>(list);
            }
            return true;
        }

        void clear() {
            list.clear();
            set = null;
        }
    }
}
