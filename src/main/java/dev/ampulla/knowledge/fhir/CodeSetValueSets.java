package dev.ampulla.knowledge.fhir;

import dev.ampulla.knowledge.Code;
import dev.ampulla.knowledge.CodeComparison;
import dev.ampulla.knowledge.CodeSet;
import dev.ampulla.knowledge.CodeSets;
import dev.ampulla.knowledge.CodeSystemIdentity;
import dev.ampulla.knowledge.CodeSystemRegistry;
import dev.ampulla.knowledge.CodeSystems;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r4.model.ValueSet.ConceptSetComponent;
import org.hl7.fhir.r4.model.ValueSet.FilterOperator;

/**
 * The code sets of {@link CodeSets} (every public {@link CodeSet} constant) as FHIR R4 ValueSets, one per set, so they
 * can be published and reviewed with FHIR tools. Codes are written as listed (ICD-10 with its dot), under their code
 * system's canonical URI whatever spelling the knowledge used. The ICD-10 ranges that CodeSets applies as rules
 * (other primary cancers, secondaries) are methods, not sets, and are not published here.
 */
public final class CodeSetValueSets {
    public static final String BASE_URL = CodeSystems.AMPULLA_BASE + "/ValueSet/";

    private static final String ICD_HIERARCHY = "A listed ICD-10 or OPS code also holds its subdivisions (C20 holds"
            + " C20.9): each is included with a descendent-of filter besides the code itself.";
    private static final String ICDO3_HISTOLOGY = "ICD-O-3 histologies are matched without their behaviour (8140"
            + " holds 8140/3), which is not an ICD-O-3 concept: they are included by a regex filter on the code.";

    private CodeSetValueSets() {}

    public static List<ValueSet> of(String packVersion, String releaseDate) {
        List<ValueSet> valueSets = new ArrayList<>();
        for (Field field : CodeSets.class.getFields()) {
            if (field.getType() == CodeSet.class && Modifier.isStatic(field.getModifiers())) {
                try {
                    valueSets.add(valueSet(field.getName(), (CodeSet) field.get(null), packVersion, releaseDate));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return valueSets;
    }

    private static ValueSet valueSet(String constant, CodeSet set, String packVersion, String releaseDate) {
        // The sets of knowledge/code-sets.csv are named like ids; a union is named by a phrase, so by its constant.
        boolean named = set.name().matches("[a-z0-9]+(-[a-z0-9]+)*");
        String id = named ? set.name() : constant.toLowerCase(Locale.ROOT).replace('_', '-');
        String title =
                named ? Character.toUpperCase(id.charAt(0)) + id.substring(1).replace('-', ' ') : set.name();

        ValueSet vs = new ValueSet();
        vs.setId(id);
        vs.setUrl(BASE_URL + id);
        vs.setVersion(packVersion);
        vs.setName(Arrays.stream(id.split("-"))
                .map(w -> Character.toUpperCase(w.charAt(0)) + w.substring(1))
                .collect(Collectors.joining()));
        vs.setTitle(title);
        vs.setStatus(PublicationStatus.ACTIVE);
        vs.setExperimental(false);
        vs.setDateElement(new DateTimeType(releaseDate));
        vs.setPublisher("Ampulla");

        Map<CodeSystemIdentity, Map<String, Code>> bySystem = new LinkedHashMap<>();
        for (Code c : set.codes()) {
            bySystem.computeIfAbsent(CodeSystemRegistry.identify(c.system()), s -> new LinkedHashMap<>())
                    .putIfAbsent(c.code(), c);
        }
        Set<String> notes = new LinkedHashSet<>();
        bySystem.forEach((identity, codes) -> {
            String system = identity.canonicalUri();
            ConceptSetComponent concepts = new ConceptSetComponent().setSystem(system);
            List<String> histologies = new ArrayList<>();
            for (Code c : codes.values()) {
                if (identity.comparison() == CodeComparison.ICD_O_3 && c.code().matches("\\d{4}")) {
                    histologies.add(c.code());
                    continue;
                }
                concepts.addConcept().setCode(c.code()).setDisplay(c.display().isBlank() ? null : c.display());
            }
            if (concepts.hasConcept()) {
                vs.getCompose().addInclude(concepts);
            }
            // A ValueSet include may not hold concepts and filters, and its filters all apply at once: one each.
            if (identity.comparison() == CodeComparison.ICD_10 || identity.comparison() == CodeComparison.OPS) {
                notes.add(ICD_HIERARCHY);
                for (String code : codes.keySet()) {
                    vs.getCompose()
                            .addInclude()
                            .setSystem(system)
                            .addFilter()
                            .setProperty("concept")
                            .setOp(FilterOperator.DESCENDENTOF)
                            .setValue(code);
                }
            }
            if (!histologies.isEmpty()) {
                notes.add(ICDO3_HISTOLOGY);
                vs.getCompose()
                        .addInclude()
                        .setSystem(system)
                        .addFilter()
                        .setProperty("code")
                        .setOp(FilterOperator.REGEX)
                        .setValue("(" + String.join("|", histologies) + ")/[0-9]");
            }
        });
        vs.setDescription(title + ": the codes Ampulla's rules match, as its knowledge pack lists them. A record's"
                + " code is matched under any spelling of its code system, as that system compares codes; no"
                + " terminology server is consulted, so no other code is included."
                + (notes.isEmpty() ? "" : " " + String.join(" ", notes)));
        return vs;
    }
}
