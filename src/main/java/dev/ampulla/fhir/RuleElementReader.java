package dev.ampulla.fhir;

import ca.uhn.fhir.parser.DataFormatException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.hl7.fhir.exceptions.FHIRException;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

/**
 * Reads the elements the clinical rules use from a Condition or an Observation held as a Jackson tree, straight into
 * a HAPI R4 object: several times cheaper than HAPI's generic parser, which looks up a definition and creates an
 * object by reflection for every element of the resource.
 *
 * <p>Which top-level elements it reads is not its own decision: it reads those the {@link ResourceSelection} says the
 * rules read ({@code RuleElements}), and no other. It reads only the plain shapes these elements take in practice.
 * When one of them holds anything else — a primitive extension ({@code "_status"}), an element id, a JSON value of
 * the wrong type, an empty string, a date or status that does not parse, a choice type or an element this reader
 * does not know, an unknown key — it returns {@code null} and the caller hands the resource to HAPI's parser, which
 * reads it exactly or refuses it. What it returns is element for element what HAPI's parser makes of these elements
 * ({@code RuleElementReaderTest} compares the two on every example resource and on variations of them).
 *
 * <p>The shapes it reads:
 * <ul>
 * <li>both: {@code id}, {@code meta} (profile, lastUpdated, tag; versionId, source and security checked),
 * {@code extension}, {@code category}, {@code code}, {@code bodySite}</li>
 * <li>Condition: {@code clinicalStatus}, {@code verificationStatus}, {@code onsetDateTime}, {@code onsetPeriod},
 * {@code recordedDate}, {@code stage} (summary, assessment, type)</li>
 * <li>Observation: {@code status}, {@code focus}, {@code effectiveDateTime}, {@code effectivePeriod},
 * {@code issued}, {@code performer}, {@code hasMember}, {@code valueCodeableConcept}, {@code valueQuantity},
 * {@code valueString}, {@code valueBoolean}, {@code valueInteger}, {@code component} (code, valueCodeableConcept,
 * valueString, extension)</li>
 * </ul>
 * Extensions (of the resource, of a concept, of a component) are read when they have a url and one value among
 * valueCodeableConcept, valueCoding, valueCode, valueString, valueReference and valueDateTime (mCODE's asserted
 * date). The elements the rules do not read
 * (text, subject, note, referenceRange…) are not looked at, with either reader: see {@link #ruleElements(ObjectNode)}.
 */
final class RuleElementReader {
    private static final Set<String> META_KEYS =
            Set.of("profile", "lastUpdated", "versionId", "source", "tag", "security");
    /** A CodeableConcept, with extensions of its own (a body site's qualifier, a TNM category's prefix). */
    private static final Set<String> CONCEPT_KEYS = Set.of("coding", "text", "extension");

    private static final Set<String> CODING_KEYS = Set.of("system", "version", "code", "display", "userSelected");
    private static final Set<String> REFERENCE_KEYS = Set.of("reference", "type", "display");
    private static final Set<String> PERIOD_KEYS = Set.of("start", "end");
    private static final Set<String> QUANTITY_KEYS = Set.of("value", "comparator", "unit", "system", "code");
    private static final Set<String> EXTENSION_KEYS = Set.of(
            "url",
            "valueCodeableConcept",
            "valueCoding",
            "valueCode",
            "valueString",
            "valueReference",
            "valueDateTime");
    private static final Set<String> STAGE_KEYS = Set.of("summary", "assessment", "type");
    private static final Set<String> COMPONENT_KEYS =
            Set.of("code", "valueCodeableConcept", "valueString", "extension");

    private final ResourceSelection selection;

    RuleElementReader(ResourceSelection selection) {
        this.selection = selection;
    }

    /** The Condition's rule elements, or null when they are not all plain. */
    Condition condition(ObjectNode json) {
        return readOrDecline(() -> {
            Condition c = new Condition();
            JsonNode id = null;
            JsonNode meta = null;
            boolean onset = false;
            for (Map.Entry<String, JsonNode> field : json.properties()) {
                String name = field.getKey();
                if (!isRuleElement("Condition", name)) {
                    continue;
                }
                JsonNode value = field.getValue();
                switch (name) {
                    case "resourceType" -> {
                        // known: the caller chose this reader by it
                    }
                    case "id" -> id = value;
                    case "meta" -> meta = value;
                    case "extension" -> c.setExtension(extensions(value));
                    case "clinicalStatus" -> c.setClinicalStatus(concept(value, CONCEPT_KEYS));
                    case "verificationStatus" -> c.setVerificationStatus(concept(value, CONCEPT_KEYS));
                    case "code" -> c.setCode(concept(value, CONCEPT_KEYS));
                    case "bodySite" -> {
                        for (JsonNode site : array(value)) {
                            c.addBodySite(concept(site, CONCEPT_KEYS));
                        }
                    }
                    case "onsetDateTime", "onsetPeriod" -> {
                        onset = once(onset);
                        c.setOnset(dateTimeOrPeriod(name.equals("onsetPeriod"), value));
                    }
                    case "recordedDate" -> c.setRecordedDateElement(new DateTimeType(string(value)));
                    case "stage" -> {
                        for (JsonNode stage : array(value)) {
                            c.addStage(stage(stage));
                        }
                    }
                    default -> throw NotPlain.INSTANCE; // "_code", another choice type, an element not read here
                }
            }
            readCommon(json, id, meta, c);
            return c;
        });
    }

    /** The Observation's rule elements, or null when they are not all plain. */
    Observation observation(ObjectNode json) {
        return readOrDecline(() -> {
            Observation o = new Observation();
            JsonNode id = null;
            JsonNode meta = null;
            boolean effective = false;
            boolean valued = false;
            for (Map.Entry<String, JsonNode> field : json.properties()) {
                String name = field.getKey();
                if (!isRuleElement("Observation", name)) {
                    continue;
                }
                JsonNode value = field.getValue();
                switch (name) {
                    case "resourceType" -> {
                        // known: the caller chose this reader by it
                    }
                    case "id" -> id = value;
                    case "meta" -> meta = value;
                    case "status" -> o.setStatus(Observation.ObservationStatus.fromCode(string(value)));
                    case "code" -> o.setCode(concept(value, CONCEPT_KEYS));
                    case "focus" -> {
                        for (JsonNode reference : array(value)) {
                            o.addFocus(reference(reference));
                        }
                    }
                    case "effectiveDateTime", "effectivePeriod" -> {
                        effective = once(effective);
                        o.setEffective(dateTimeOrPeriod(name.equals("effectivePeriod"), value));
                    }
                    case "issued" -> o.setIssuedElement(new InstantType(string(value)));
                    case "performer" -> {
                        for (JsonNode reference : array(value)) {
                            o.addPerformer(reference(reference));
                        }
                    }
                    case "valueCodeableConcept" -> {
                        valued = once(valued);
                        o.setValue(concept(value, CONCEPT_KEYS));
                    }
                    case "valueQuantity" -> {
                        valued = once(valued);
                        o.setValue(quantity(value));
                    }
                    case "valueString" -> {
                        valued = once(valued);
                        o.setValue(new StringType(string(value)));
                    }
                    case "valueInteger" -> {
                        valued = once(valued);
                        if (!value.isInt()) {
                            throw NotPlain.INSTANCE;
                        }
                        o.setValue(new org.hl7.fhir.r4.model.IntegerType(value.intValue()));
                    }
                    case "valueBoolean" -> {
                        valued = once(valued);
                        if (!value.isBoolean()) {
                            throw NotPlain.INSTANCE;
                        }
                        o.setValue(new org.hl7.fhir.r4.model.BooleanType(value.booleanValue()));
                    }
                    case "bodySite" -> o.setBodySite(concept(value, CONCEPT_KEYS));
                    case "hasMember" -> {
                        for (JsonNode reference : array(value)) {
                            o.addHasMember(reference(reference));
                        }
                    }
                    case "component" -> {
                        for (JsonNode component : array(value)) {
                            o.addComponent(component(component));
                        }
                    }
                    default -> throw NotPlain.INSTANCE; // "_status", another choice type, an element not read here
                }
            }
            readCommon(json, id, meta, o);
            return o;
        });
    }

    /** Marks a choice element as read; declines a second one ({@code onsetDateTime} and {@code onsetPeriod}). */
    private static boolean once(boolean alreadyRead) {
        if (alreadyRead) {
            throw NotPlain.INSTANCE;
        }
        return true;
    }

    /**
     * Runs a reading; null when it declined the resource, or when a value did not parse (an invalid date or code),
     * which HAPI's parser then reports.
     */
    private static <T> T readOrDecline(Supplier<T> reading) {
        try {
            return reading.get();
        } catch (NotPlain | FHIRException | DataFormatException | IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The resource with only its rule elements (and their primitive extensions), for HAPI's parser when
     * {@link #condition}/{@link #observation} declined it: so that, whichever reader reads a resource, an element the
     * rules never read cannot make it unreadable. Other resource types are returned as they are.
     */
    ObjectNode ruleElements(ObjectNode json) {
        String type = json.path("resourceType").asText("");
        if (!type.equals("Condition") && !type.equals("Observation") && !type.equals("Procedure")) {
            return json;
        }
        ObjectNode kept = json.objectNode();
        for (Map.Entry<String, JsonNode> field : json.properties()) {
            if (isRuleElement(type, field.getKey())) {
                kept.set(field.getKey(), field.getValue());
            }
        }
        return kept;
    }

    /** Whether a top-level key ({@code code}, {@code _code}, {@code valueQuantity}) is of an element the rules read. */
    private boolean isRuleElement(String resourceType, String key) {
        return selection.readsElement(resourceType, key.startsWith("_") ? key.substring(1) : key);
    }

    private static void readCommon(ObjectNode json, JsonNode id, JsonNode meta, DomainResource resource) {
        String type = json.get("resourceType").asText();
        if (id != null) {
            resource.setIdElement(new IdType(type, fhirId(id)));
        }
        if (meta == null) {
            return;
        }
        object(meta, META_KEYS);
        JsonNode versionId = meta.get("versionId");
        if (versionId != null && id != null) {
            // HAPI's parser puts the version into the resource id
            resource.setIdElement(new IdType(type, fhirId(id), fhirId(versionId)));
        }
        // Not read by the rules, but checked as HAPI's parser would check them
        JsonNode source = meta.get("source");
        if (source != null) {
            string(source);
        }
        JsonNode security = meta.get("security");
        if (security != null) {
            for (JsonNode coding : array(security)) {
                coding(coding);
            }
        }
        JsonNode profiles = meta.get("profile");
        JsonNode lastUpdated = meta.get("lastUpdated");
        JsonNode tags = meta.get("tag");
        if (profiles == null && lastUpdated == null && tags == null) {
            return;
        }
        Meta m = new Meta();
        if (profiles != null) {
            for (JsonNode profile : array(profiles)) {
                m.addProfile(string(profile));
            }
        }
        if (lastUpdated != null) {
            m.setLastUpdatedElement(new InstantType(string(lastUpdated)));
        }
        if (tags != null) {
            for (JsonNode tag : array(tags)) {
                m.addTag(coding(tag));
            }
        }
        resource.setMeta(m);
    }

    private static Condition.ConditionStageComponent stage(JsonNode node) {
        object(node, STAGE_KEYS);
        Condition.ConditionStageComponent stage = new Condition.ConditionStageComponent();
        JsonNode summary = node.get("summary");
        if (summary != null) {
            stage.setSummary(concept(summary, CONCEPT_KEYS));
        }
        JsonNode assessments = node.get("assessment");
        if (assessments != null) {
            for (JsonNode assessment : array(assessments)) {
                stage.addAssessment(reference(assessment));
            }
        }
        JsonNode type = node.get("type");
        if (type != null) {
            stage.setType(concept(type, CONCEPT_KEYS));
        }
        return stage;
    }

    private static Observation.ObservationComponentComponent component(JsonNode node) {
        object(node, COMPONENT_KEYS);
        Observation.ObservationComponentComponent component = new Observation.ObservationComponentComponent();
        JsonNode extensions = node.get("extension");
        if (extensions != null) {
            component.setExtension(extensions(extensions));
        }
        JsonNode code = node.get("code");
        if (code != null) {
            component.setCode(concept(code, CONCEPT_KEYS));
        }
        JsonNode concept = node.get("valueCodeableConcept");
        JsonNode string = node.get("valueString");
        if (concept != null && string != null) {
            throw NotPlain.INSTANCE;
        }
        if (concept != null) {
            component.setValue(concept(concept, CONCEPT_KEYS));
        } else if (string != null) {
            component.setValue(new StringType(string(string)));
        }
        return component;
    }

    private static List<Extension> extensions(JsonNode node) {
        List<Extension> out = new ArrayList<>(node.size());
        for (JsonNode e : array(node)) {
            object(e, EXTENSION_KEYS);
            if (e.size() != 2) { // a url and one value
                throw NotPlain.INSTANCE;
            }
            JsonNode concept = e.get("valueCodeableConcept");
            JsonNode coding = e.get("valueCoding");
            JsonNode code = e.get("valueCode");
            JsonNode string = e.get("valueString");
            JsonNode reference = e.get("valueReference");
            JsonNode dateTime = e.get("valueDateTime");
            Type value;
            if (concept != null) {
                value = concept(concept, CONCEPT_KEYS);
            } else if (coding != null) {
                value = coding(coding);
            } else if (code != null) {
                value = new CodeType(string(code));
            } else if (string != null) {
                value = new StringType(string(string));
            } else if (reference != null) {
                value = reference(reference);
            } else if (dateTime != null) {
                value = new DateTimeType(string(dateTime));
            } else {
                throw NotPlain.INSTANCE;
            }
            out.add(new Extension(string(e.get("url")), value));
        }
        return out;
    }

    private static CodeableConcept concept(JsonNode node, Set<String> keys) {
        object(node, keys);
        CodeableConcept concept = new CodeableConcept();
        JsonNode codings = node.get("coding");
        if (codings != null) {
            for (JsonNode coding : array(codings)) {
                concept.addCoding(coding(coding));
            }
        }
        readString(node, "text", concept::setText);
        JsonNode extensions = node.get("extension");
        if (extensions != null) {
            concept.setExtension(extensions(extensions));
        }
        return concept;
    }

    private static Coding coding(JsonNode node) {
        object(node, CODING_KEYS);
        Coding coding = new Coding();
        readString(node, "system", coding::setSystem);
        readString(node, "version", coding::setVersion);
        readString(node, "code", coding::setCode);
        readString(node, "display", coding::setDisplay);
        JsonNode userSelected = node.get("userSelected");
        if (userSelected != null) {
            if (!userSelected.isBoolean()) {
                throw NotPlain.INSTANCE;
            }
            coding.setUserSelected(userSelected.booleanValue());
        }
        return coding;
    }

    private static Reference reference(JsonNode node) {
        object(node, REFERENCE_KEYS);
        Reference reference = new Reference();
        readString(node, "reference", reference::setReference);
        readString(node, "type", reference::setType);
        readString(node, "display", reference::setDisplay);
        return reference;
    }

    /** Sets the string member {@code key} of {@code node} when it is present. */
    private static void readString(JsonNode node, String key, Consumer<String> setter) {
        JsonNode value = node.get(key);
        if (value != null) {
            setter.accept(string(value));
        }
    }

    private static Type dateTimeOrPeriod(boolean isPeriod, JsonNode value) {
        if (!isPeriod) {
            return new DateTimeType(string(value));
        }
        object(value, PERIOD_KEYS);
        Period p = new Period();
        JsonNode start = value.get("start");
        JsonNode end = value.get("end");
        if (start != null) {
            p.setStartElement(new DateTimeType(string(start)));
        }
        if (end != null) {
            p.setEndElement(new DateTimeType(string(end)));
        }
        return p;
    }

    private static Quantity quantity(JsonNode node) {
        object(node, QUANTITY_KEYS);
        Quantity q = new Quantity();
        JsonNode value = node.get("value");
        if (value != null) {
            if (!value.isNumber()) {
                throw NotPlain.INSTANCE;
            }
            // as HAPI's Jackson adapter renders a number
            q.setValueElement(
                    new DecimalType(value.isBigDecimal() ? value.decimalValue().toPlainString() : value.asText()));
        }
        readString(node, "comparator", c -> q.setComparator(Quantity.QuantityComparator.fromCode(c)));
        readString(node, "unit", q::setUnit);
        readString(node, "system", q::setSystem);
        readString(node, "code", q::setCode);
        return q;
    }

    /** An object whose keys are all among {@code keys}. */
    private static void object(JsonNode node, Set<String> keys) {
        if (!node.isObject() || node.isEmpty()) {
            throw NotPlain.INSTANCE;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            if (!keys.contains(names.next())) {
                throw NotPlain.INSTANCE;
            }
        }
    }

    private static JsonNode array(JsonNode node) {
        if (!node.isArray() || node.isEmpty()) {
            throw NotPlain.INSTANCE;
        }
        return node;
    }

    /**
     * A non-empty string without surrounding white space and without control characters: HAPI trims some elements
     * (codes) and refuses empty ones, so those are left to it.
     */
    private static String string(JsonNode node) {
        if (node == null || !node.isTextual()) {
            throw NotPlain.INSTANCE;
        }
        String s = node.textValue();
        if (s.isEmpty() || Character.isWhitespace(s.charAt(0)) || Character.isWhitespace(s.charAt(s.length() - 1))) {
            throw NotPlain.INSTANCE;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < ' ') {
                throw NotPlain.INSTANCE;
            }
        }
        return s;
    }

    /**
     * A FHIR id ({@code [A-Za-z0-9\-.]{1,64}}). Anything else ({@code Condition/x}, {@code x/_history/2}) HAPI's
     * parser splits into parts, so it is left to it.
     */
    private static String fhirId(JsonNode node) {
        String s = string(node);
        if (s.length() > 64) {
            throw NotPlain.INSTANCE;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.')) {
                throw NotPlain.INSTANCE;
            }
        }
        return s;
    }

    /** Control flow only: the resource goes to HAPI's parser. */
    private static final class NotPlain extends RuntimeException {
        private static final long serialVersionUID = 1L;

        @SuppressWarnings("StaticAssignmentOfThrowable") // one shared instance: no stack trace, never surfaces
        static final NotPlain INSTANCE = new NotPlain();

        private NotPlain() {
            super(null, null, false, false);
        }
    }
}
