package dev.ampulla.fhir;

import ca.uhn.fhir.parser.DataFormatException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.hl7.fhir.exceptions.FHIRException;
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
import org.hl7.fhir.r4.model.Type;

/**
 * Reads the elements the clinical rules use from a Condition or an Observation held as a Jackson tree, straight into
 * a HAPI R4 object: several times cheaper than HAPI's generic parser, which looks up a definition and creates an
 * object by reflection for every element of the resource.
 *
 * <p>It reads only the plain shapes these elements take in practice. When one of them holds anything else — a
 * primitive extension ({@code "_status"}), an element id, a JSON value of the wrong type, an empty string, a date or
 * status that does not parse, a choice type the rules do not read, an unknown key — it returns {@code null} and the
 * caller hands the resource to HAPI's parser, which reads it exactly or refuses it. What it returns is element for
 * element what HAPI's parser makes of these elements ({@code RuleElementReaderTest} compares the two on every example
 * resource and on variations of them).
 *
 * <p>The elements, which are all {@code CaseExtractor} reads:
 * <ul>
 * <li>both: {@code id}, {@code meta.profile}, {@code meta.lastUpdated}, {@code code}</li>
 * <li>Condition: {@code extension}, {@code clinicalStatus}, {@code verificationStatus}, {@code bodySite},
 * {@code onset[x]}, {@code recordedDate}</li>
 * <li>Observation: {@code status}, {@code focus}, {@code effective[x]}, {@code issued}, {@code value[x]}</li>
 * </ul>
 * The other elements (text, subject, category, note, referenceRange…) are not looked at, with either reader: see
 * {@link #ruleElements(ObjectNode)}.
 */
final class RuleElementReader {
    private static final Set<String> CONDITION_KEYS = Set.of("resourceType", "id", "meta", "extension",
            "clinicalStatus", "verificationStatus", "code", "bodySite", "onsetDateTime", "onsetPeriod",
            "recordedDate");
    private static final Set<String> OBSERVATION_KEYS = Set.of("resourceType", "id", "meta", "status", "code",
            "focus", "effectiveDateTime", "effectivePeriod", "issued", "valueCodeableConcept", "valueQuantity");
    /** Top-level elements read, by resource type; choice elements by their prefix. */
    private static final Set<String> CONDITION_ELEMENTS = Set.of("resourceType", "id", "meta", "extension",
            "clinicalStatus", "verificationStatus", "code", "bodySite", "recordedDate");
    private static final Set<String> OBSERVATION_ELEMENTS = Set.of("resourceType", "id", "meta", "status", "code",
            "focus", "issued");
    private static final String[] CONDITION_CHOICES = {"onset"};
    private static final String[] OBSERVATION_CHOICES = {"effective", "value"};
    private static final Set<String> META_KEYS = Set.of("profile", "lastUpdated", "versionId", "source", "tag",
            "security");
    private static final Set<String> CONCEPT_KEYS = Set.of("coding", "text");
    private static final Set<String> SITE_KEYS = Set.of("coding", "text", "extension");
    private static final Set<String> CODING_KEYS = Set.of("system", "version", "code", "display", "userSelected");
    private static final Set<String> REFERENCE_KEYS = Set.of("reference", "type", "display");
    private static final Set<String> PERIOD_KEYS = Set.of("start", "end");
    private static final Set<String> QUANTITY_KEYS = Set.of("value", "comparator", "unit", "system", "code");
    private static final Set<String> EXTENSION_KEYS = Set.of("url", "valueReference", "valueCodeableConcept");

    private RuleElementReader() {
    }

    /** The Condition's rule elements, or null when they are not all plain. */
    static Condition condition(ObjectNode json) {
        return readOrDecline(() -> {
            expectKeys(json, CONDITION_ELEMENTS, CONDITION_KEYS, CONDITION_CHOICES);
            Condition c = new Condition();
            readCommon(json, c);
            JsonNode extensions = json.get("extension");
            if (extensions != null) {
                c.setExtension(extensions(extensions));
            }
            JsonNode clinicalStatus = json.get("clinicalStatus");
            if (clinicalStatus != null) {
                c.setClinicalStatus(concept(clinicalStatus, CONCEPT_KEYS));
            }
            JsonNode verificationStatus = json.get("verificationStatus");
            if (verificationStatus != null) {
                c.setVerificationStatus(concept(verificationStatus, CONCEPT_KEYS));
            }
            JsonNode code = json.get("code");
            if (code != null) {
                c.setCode(concept(code, CONCEPT_KEYS));
            }
            JsonNode sites = json.get("bodySite");
            if (sites != null) {
                for (JsonNode site : array(sites)) {
                    c.addBodySite(concept(site, SITE_KEYS));
                }
            }
            c.setOnset(dateTimeOrPeriod(json, "onsetDateTime", "onsetPeriod"));
            JsonNode recorded = json.get("recordedDate");
            if (recorded != null) {
                c.setRecordedDateElement(new DateTimeType(string(recorded)));
            }
            return c;
        });
    }

    /** The Observation's rule elements, or null when they are not all plain. */
    static Observation observation(ObjectNode json) {
        return readOrDecline(() -> {
            expectKeys(json, OBSERVATION_ELEMENTS, OBSERVATION_KEYS, OBSERVATION_CHOICES);
            Observation o = new Observation();
            readCommon(json, o);
            JsonNode status = json.get("status");
            if (status != null) {
                o.setStatus(Observation.ObservationStatus.fromCode(string(status)));
            }
            JsonNode code = json.get("code");
            if (code != null) {
                o.setCode(concept(code, CONCEPT_KEYS));
            }
            JsonNode focus = json.get("focus");
            if (focus != null) {
                for (JsonNode reference : array(focus)) {
                    o.addFocus(reference(reference));
                }
            }
            o.setEffective(dateTimeOrPeriod(json, "effectiveDateTime", "effectivePeriod"));
            JsonNode issued = json.get("issued");
            if (issued != null) {
                o.setIssuedElement(new InstantType(string(issued)));
            }
            JsonNode concept = json.get("valueCodeableConcept");
            JsonNode quantity = json.get("valueQuantity");
            if (concept != null && quantity != null) {
                throw NotPlain.INSTANCE;
            }
            if (concept != null) {
                o.setValue(concept(concept, CONCEPT_KEYS));
            } else if (quantity != null) {
                o.setValue(quantity(quantity));
            }
            return o;
        });
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
    static ObjectNode ruleElements(ObjectNode json) {
        Set<String> elements;
        String[] choices;
        switch (json.path("resourceType").asText("")) {
            case "Condition" -> {
                elements = CONDITION_ELEMENTS;
                choices = CONDITION_CHOICES;
            }
            case "Observation" -> {
                elements = OBSERVATION_ELEMENTS;
                choices = OBSERVATION_CHOICES;
            }
            default -> {
                return json;
            }
        }
        ObjectNode kept = json.objectNode();
        for (Iterator<String> names = json.fieldNames(); names.hasNext();) {
            String name = names.next();
            String element = name.startsWith("_") ? name.substring(1) : name;
            if (isRuleElement(element, elements, choices)) {
                kept.set(name, json.get(name));
            }
        }
        return kept;
    }

    /** Whether a top-level element (without its {@code _} prefix) is one the rules read. */
    private static boolean isRuleElement(String element, Set<String> elements, String[] choicePrefixes) {
        if (elements.contains(element)) {
            return true;
        }
        for (String prefix : choicePrefixes) {
            if (element.length() > prefix.length() && element.startsWith(prefix)
                    && Character.isUpperCase(element.charAt(prefix.length()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Declines the resource when a rule element has a key this reader does not read: a primitive extension
     * ({@code "_code"}) or a choice type other than the ones listed. Keys of other elements are not looked at.
     */
    private static void expectKeys(ObjectNode json, Set<String> elements, Set<String> readKeys,
            String[] choicePrefixes) {
        for (Iterator<String> names = json.fieldNames(); names.hasNext();) {
            String name = names.next();
            String element = name.startsWith("_") ? name.substring(1) : name;
            boolean ruleElement = isRuleElement(element, elements, choicePrefixes);
            if (ruleElement && (name.startsWith("_") || !readKeys.contains(name))) {
                throw NotPlain.INSTANCE;
            }
        }
    }

    private static void readCommon(ObjectNode json, DomainResource resource) {
        JsonNode id = json.get("id");
        String type = json.get("resourceType").asText();
        if (id != null) {
            resource.setIdElement(new IdType(type, fhirId(id)));
        }
        JsonNode meta = json.get("meta");
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
        for (String labels : new String[] {"tag", "security"}) {
            JsonNode codings = meta.get(labels);
            if (codings != null) {
                for (JsonNode coding : array(codings)) {
                    coding(coding);
                }
            }
        }
        JsonNode profiles = meta.get("profile");
        JsonNode lastUpdated = meta.get("lastUpdated");
        if (profiles == null && lastUpdated == null) {
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
        resource.setMeta(m);
    }

    private static List<Extension> extensions(JsonNode node) {
        List<Extension> out = new ArrayList<>(node.size());
        for (JsonNode e : array(node)) {
            object(e, EXTENSION_KEYS);
            JsonNode reference = e.get("valueReference");
            JsonNode concept = e.get("valueCodeableConcept");
            if ((reference == null) == (concept == null)) {
                throw NotPlain.INSTANCE;
            }
            out.add(new Extension(string(e.get("url")),
                    reference != null ? reference(reference) : concept(concept, CONCEPT_KEYS)));
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

    private static Type dateTimeOrPeriod(JsonNode resource, String dateTimeKey, String periodKey) {
        JsonNode dateTime = resource.get(dateTimeKey);
        JsonNode period = resource.get(periodKey);
        if (dateTime != null && period != null) {
            throw NotPlain.INSTANCE;
        }
        if (dateTime != null) {
            return new DateTimeType(string(dateTime));
        }
        if (period == null) {
            return null;
        }
        object(period, PERIOD_KEYS);
        Period p = new Period();
        JsonNode start = period.get("start");
        JsonNode end = period.get("end");
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
            q.setValueElement(new DecimalType(value.isBigDecimal() ? value.decimalValue().toPlainString()
                    : value.asText()));
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
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
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
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.')) {
                throw NotPlain.INSTANCE;
            }
        }
        return s;
    }

    /** Control flow only: the resource goes to HAPI's parser. */
    private static final class NotPlain extends RuntimeException {
        static final NotPlain INSTANCE = new NotPlain();

        private NotPlain() {
            super(null, null, false, false);
        }
    }
}
