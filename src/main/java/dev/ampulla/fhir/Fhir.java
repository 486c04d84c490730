package dev.ampulla.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IJsonLikeParser;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.json.jackson.JacksonStructure;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.BodyStructure;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;

/**
 * The one FHIR R4 context of the process, and parsing of resources that are already a Jackson tree (so a request
 * body is read once). Patient data is parsed under {@link StructuralErrorHandler}; nothing is logged.
 */
public final class Fhir {
    private static final FhirContext CONTEXT = FhirContext.forR4Cached();

    private Fhir() {}

    public static FhirContext context() {
        return CONTEXT;
    }

    /** A JSON parser for encoding, and for parsing Ampulla's own resources. */
    public static IParser jsonParser() {
        return CONTEXT.newJsonParser();
    }

    /**
     * Turns a resource held as a Jackson object into a HAPI R4 model object without re-serialising it.
     *
     * @throws UnreadableResourceException when the JSON does not have the shape of the resource type
     */
    public static <T extends IBaseResource> T parse(ObjectNode json, Class<T> type) {
        return parse(patientDataParser(), json, type);
    }

    /** A parser for patient data; not thread-safe, so one per request (creating one per resource costs more). */
    public static IJsonLikeParser patientDataParser() {
        return (IJsonLikeParser) CONTEXT.newJsonParser().setParserErrorHandler(new StructuralErrorHandler());
    }

    /** {@link #parse(ObjectNode, Class)} with a parser from {@link #patientDataParser()}. */
    public static <T extends IBaseResource> T parse(IJsonLikeParser parser, ObjectNode json, Class<T> type) {
        JacksonStructure structure = new JacksonStructure();
        structure.setNativeObject(json);
        try {
            return parser.parseResource(type, structure);
        } catch (RuntimeException e) {
            // HAPI's parser is the boundary for untrusted JSON: whatever it fails with (including the occasional
            // NullPointerException on malformed extensions, found by fuzzing), the resource is unreadable.
            throw new UnreadableResourceException(describe(json), e);
        }
    }

    /**
     * The draft orders Ampulla understands (R4 ServiceRequest and MedicationRequest; other resource types, such as
     * DSTU2 MedicationOrder from older clients, are left out), read leniently: only the elements the order checks
     * read are given to HAPI's parser, so a malformed element they never read (the CDS Hooks sandbox writes
     * {@code MedicationRequest.category} as an object) cannot spoil the call. When even those do not parse, the order
     * is read again with only what names it (status, code or medication, reasons); failing that, it is listed as
     * unreadable, with the reason, and the call goes on without it.
     */
    public static ReadOrders readOrders(List<ObjectNode> orders) {
        return readOrders(orders, List.of());
    }

    /**
     * The orders, with the resources they refer to that were sent beside them or read from the FHIR server
     * (Medications, radiotherapy volume BodyStructures); those that cannot be read are left out: unread, not used.
     */
    public static ReadOrders readOrders(List<ObjectNode> orders, List<ObjectNode> beside) {
        List<Resource> out = new ArrayList<>(orders.size() + beside.size());
        IJsonLikeParser referencedParser = patientDataParser();
        for (ObjectNode resource : beside) {
            Class<? extends Resource> type =
                    switch (resource.path("resourceType").asText("")) {
                        case "Medication" -> Medication.class;
                        case "BodyStructure" -> BodyStructure.class;
                        default -> null;
                    };
            if (type == null) {
                continue;
            }
            try {
                out.add(parse(referencedParser, only(resource, REFERENCED_ELEMENTS.get(type)), type));
            } catch (UnreadableResourceException e) {
                // a Medication that cannot be read names no drug (its order stays unrecognised); a volume that
                // cannot be read says nothing of the order's aim
            }
        }
        List<String> unreadable = new ArrayList<>();
        IJsonLikeParser parser = patientDataParser();
        for (ObjectNode order : orders) {
            Class<? extends Resource> type = switch (order.path("resourceType").asText("")) {
                case "ServiceRequest" -> ServiceRequest.class;
                case "MedicationRequest" -> MedicationRequest.class;
                default -> null; // not an order type the rules read
            };
            if (type == null) {
                continue;
            }
            Resource read = null;
            for (Set<String> elements : ORDER_ELEMENTS.get(type)) {
                try {
                    read = parse(parser, only(order, elements), type);
                    break;
                } catch (UnreadableResourceException e) {
                    // try again with fewer elements
                }
            }
            if (read != null) {
                out.add(read);
            } else {
                unreadable.add(describe(order));
            }
        }
        return new ReadOrders(out, unreadable);
    }

    /** The orders read, and the ones that could not be ({@code Type/id}). */
    public record ReadOrders(List<Resource> orders, List<String> unreadable) {}

    /** The elements of each order type the order checks read: all of them first, then only what names the order. */
    private static final Map<Class<? extends Resource>, List<Set<String>>> ORDER_ELEMENTS = Map.of(
            ServiceRequest.class,
                    List.of(
                            Set.of(
                                    "resourceType",
                                    "id",
                                    "status",
                                    "code",
                                    "category",
                                    "reasonCode",
                                    "reasonReference",
                                    "bodySite",
                                    "extension",
                                    "subject",
                                    "contained"),
                            Set.of("resourceType", "id", "status", "code", "reasonReference")),
            MedicationRequest.class,
                    List.of(
                            Set.of(
                                    "resourceType",
                                    "id",
                                    "status",
                                    "medicationCodeableConcept",
                                    "medicationReference",
                                    "reasonCode",
                                    "reasonReference",
                                    "extension",
                                    "subject",
                                    "contained",
                                    "dosageInstruction"),
                            Set.of("resourceType", "id", "status", "medicationCodeableConcept", "reasonReference")));

    private static final Map<Class<? extends Resource>, Set<String>> REFERENCED_ELEMENTS = Map.of(
            Medication.class, Set.of("resourceType", "id", "code", "ingredient"),
            BodyStructure.class, Set.of("resourceType", "id", "location", "locationQualifier"));

    private static ObjectNode only(ObjectNode json, Set<String> elements) {
        ObjectNode kept = json.objectNode();
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (elements.contains(name.startsWith("_") ? name.substring(1) : name)) {
                kept.set(name, json.get(name));
            }
        }
        return kept;
    }

    /** Whether {@code name} is a resource type of FHIR R4. */
    static boolean isResourceType(String name) {
        try {
            return CONTEXT.getResourceDefinition(name) != null;
        } catch (DataFormatException e) { // not a resource type
            return false;
        }
    }

    /** {@code Type/id} of a resource held as JSON, for messages (never its content). */
    static String describe(ObjectNode json) {
        String type = json.path("resourceType").asText("resource");
        String id = json.path("id").asText("");
        return id.isEmpty() ? type + " (no id)" : type + "/" + id;
    }
}
