package dev.ampulla.extraction;

import dev.ampulla.knowledge.AntineoplasticDrugs;
import dev.ampulla.knowledge.DrugCode;
import dev.ampulla.knowledge.DrugCodeLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * How a medication — of a draft order or of a record of treatment given — is recognised as a drug of rectal-cancer
 * systemic therapy: the Medication a reference names, its codes, and whether its words say it is not systemic.
 */
final class MedicationDrugs {

    private MedicationDrugs() {}

    /**
     * The Medication a reference names: the resource itself, one contained in the referring resource ({@code #id}),
     * or one sent or read beside it ({@code byId}, given the id of a {@code Medication/id} reference); else null.
     */
    static Medication resolve(Reference reference, List<Resource> contained, Function<String, Medication> byId) {
        if (reference.getResource() instanceof Medication inline) {
            return inline;
        }
        String ref = reference.getReference();
        if (ref == null) {
            return null;
        }
        if (ref.startsWith("#")) {
            for (Resource r : contained) {
                if (r instanceof Medication m
                        && ref.substring(1).equals(m.getIdElement().getIdPart())) {
                    return m;
                }
            }
            return null;
        }
        var id = reference.getReferenceElement();
        return "Medication".equals(id.getResourceType()) ? byId.apply(id.getIdPart()) : null;
    }

    /** A Medication's code and its ingredients' codes, as one concept to match (the code's text kept). */
    static CodeableConcept drugOf(Medication m) {
        CodeableConcept all = new CodeableConcept();
        all.setText(m.getCode().getText());
        m.getCode().getCoding().forEach(all::addCoding);
        for (Medication.MedicationIngredientComponent ingredient : m.getIngredient()) {
            if (ingredient.getItem() instanceof CodeableConcept item) {
                item.getCoding().forEach(all::addCoding);
            }
        }
        return all;
    }

    /** Whether the medication's words or its dosages (text, route) say it is not given systemically. */
    static boolean saysNotSystemic(CodeableConcept medication, List<Dosage> dosages) {
        List<String> texts = new ArrayList<>();
        texts.add(medication.getText());
        medication.getCoding().forEach(c -> texts.add(c.getDisplay()));
        for (Dosage dosage : dosages) {
            texts.add(dosage.getText());
            texts.add(dosage.getRoute().getText());
            dosage.getRoute().getCoding().forEach(c -> texts.add(c.getDisplay()));
        }
        return texts.stream().anyMatch(AntineoplasticDrugs::saysNotSystemic);
    }

    /** The ingredients the medication is recognised as: of every code that names one, else of a name in its words. */
    static List<String> ingredients(CodeableConcept medication) {
        List<String> out = new ArrayList<>(1);
        for (Coding coding : medication.getCoding()) {
            DrugCode drug = AntineoplasticDrugs.byCode(coding.getSystem(), coding.getCode());
            if (drug != null && !out.contains(drug.ingredient())) {
                out.add(drug.ingredient());
            }
        }
        if (out.isEmpty()) {
            List<String> texts = new ArrayList<>();
            texts.add(medication.getText());
            medication.getCoding().forEach(c -> texts.add(c.getDisplay()));
            for (String text : texts) {
                AntineoplasticDrugs.NamedDrug named = AntineoplasticDrugs.byName(text);
                if (named != null && !out.contains(named.drug().ingredient())) {
                    out.add(named.drug().ingredient());
                }
            }
        }
        return out;
    }

    /**
     * How a medication is recognised as a drug of rectal-cancer systemic therapy: by the first of its codes that
     * names one ("RxNorm 200328 (clinical drug: capecitabine)"), else by a drug's name in its text or a coding's
     * display ("recognised by its name: capecitabine (RxNorm 99999)"); null when it is neither.
     */
    static String recognise(CodeableConcept medication) {
        for (Coding coding : medication.getCoding()) {
            DrugCode drug = AntineoplasticDrugs.byCode(coding.getSystem(), coding.getCode());
            if (drug != null) {
                return Codings.describe(coding) + " (" + drug.level().label()
                        + (drug.level() == DrugCodeLevel.IN ? "" : ": " + drug.ingredient()) + ")";
            }
        }
        List<String> texts = new ArrayList<>();
        if (medication.hasText()) {
            texts.add(medication.getText());
        }
        for (Coding coding : medication.getCoding()) {
            if (coding.hasDisplay()) {
                texts.add(coding.getDisplay());
            }
        }
        for (String text : texts) {
            AntineoplasticDrugs.NamedDrug named = AntineoplasticDrugs.byName(text);
            if (named != null) {
                Coding first = medication.getCodingFirstRep();
                return "recognised by its name: " + named.name()
                        + (named.name().equals(named.drug().ingredient())
                                ? ""
                                : " (" + named.drug().ingredient() + ")")
                        + (first.hasCode() ? ", " + Codings.describe(first) + " not listed" : "");
            }
        }
        return null;
    }
}
