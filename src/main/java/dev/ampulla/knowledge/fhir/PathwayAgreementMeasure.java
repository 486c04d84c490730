package dev.ampulla.knowledge.fhir;

import dev.ampulla.knowledge.CodeSystems;
import dev.ampulla.knowledge.pack.Manifest;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Expression;
import org.hl7.fhir.r4.model.Measure;

/**
 * The pathway agreement measure as a FHIR R4 Measure, published with the knowledge pack (and versioned with it): of
 * the treatment orders signed for patients with a pathway decided, the share on Ampulla's pathway, stratified by
 * modality and by systemic-therapy ingredient class. Its populations are computed by Ampulla from what it records at
 * order-sign, not by a CQL engine, so each criterion is described in words (see {@link #LANGUAGE}).
 */
public final class PathwayAgreementMeasure {
    public static final String ID = "rectal-pathway-agreement";
    public static final String URL = CodeSystems.AMPULLA_BASE + "/Measure/" + ID;
    public static final String INITIAL_POPULATION = "initial-population";
    public static final String DENOMINATOR = "denominator";
    public static final String NUMERATOR = "numerator";
    public static final String MODALITY_STRATIFIER = "modality";
    public static final String DRUG_CLASS_STRATIFIER = "systemic-therapy-class";
    /**
     * R4 requires a criterion's language from a fixed list (text/cql, text/fhirpath, application/x-fhir-query; the
     * validator refuses text/plain and R5's text/cql-identifier): each criterion names its population the way CQL
     * identifiers do, and says in its description how Ampulla computes it. No CQL library is published.
     */
    private static final String LANGUAGE = "text/cql";

    private static final String POPULATIONS = "http://terminology.hl7.org/CodeSystem/measure-population";

    private PathwayAgreementMeasure() {}

    static Measure of(Manifest m, String version, String libraryUrl) {
        Measure measure = new Measure();
        measure.setId(ID);
        measure.setUrl(URL);
        measure.setVersion(version);
        measure.setName("RectalPathwayAgreement");
        measure.setTitle("Agreement of signed rectal cancer treatment orders with Ampulla's pathway");
        measure.setStatus(PublicationStatus.fromCode(m.status()));
        measure.setExperimental(false);
        measure.setDateElement(new DateTimeType(m.date()));
        measure.setPublisher(m.publisher());
        measure.setDescription("Of the radiotherapy, chemoradiation, systemic-therapy and surgery orders signed"
                + " (CDS Hooks order-sign) for patients with rectal cancer for whom Ampulla's pathway was decided, the"
                + " share on that pathway. It measures agreement with Ampulla's reading of its founding document, not"
                + " with clinical guidelines. Each order signed counts once per patient and day; orders only selected"
                + " (order-select) are not counted. Ampulla computes the populations from what it records at order-sign"
                + " (GET /analytics/pathway-agreement?format=measure-report); no CQL library is published.");
        measure.addLibrary(libraryUrl + "|" + version);
        measure.setScoring(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/measure-scoring", "proportion", "Proportion")));
        measure.addType(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/measure-type", "process", "Process")));
        measure.setImprovementNotation(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/measure-improvement-notation",
                "increase",
                "Increased score" + " indicates improvement")));
        Measure.MeasureGroupComponent group = measure.addGroup();
        group.setDescription("Treatment orders signed");
        population(
                group,
                INITIAL_POPULATION,
                "Initial Population",
                "Treatment orders signed: radiotherapy,"
                        + " chemoradiation, systemic therapy and surgery orders at order-sign, once per order, patient and"
                        + " day; orders withdrawn by accepting a warning's suggestion are left out");
        population(
                group,
                DENOMINATOR,
                "Denominator",
                "Orders of the initial population for whose patient a"
                        + " pathway was decided: on or off the pathway (not outside it)");
        population(
                group,
                NUMERATOR,
                "Numerator",
                "Orders of the denominator on the pathway: put off or outside it by"
                        + " no order check (order-check-agreement.csv), and of a modality the pathway card in force gives"
                        + " (pathway-modalities.csv)");
        group.addStratifier()
                .setCode(new CodeableConcept().setText(MODALITY_STRATIFIER))
                .setDescription("The order's modality: radiotherapy, chemoradiation, systemic-therapy, surgery");
        group.addStratifier()
                .setCode(new CodeableConcept().setText(DRUG_CLASS_STRATIFIER))
                .setDescription("The ingredient class of a systemic-therapy order (drug-classes.csv), or other");
        return measure;
    }

    private static void population(Measure.MeasureGroupComponent group, String code, String display, String words) {
        group.addPopulation()
                .setCode(new CodeableConcept(new Coding(POPULATIONS, code, display)))
                .setDescription(words)
                .setCriteria(new Expression()
                        .setLanguage(LANGUAGE)
                        .setDescription(words)
                        .setExpression(display));
    }
}
