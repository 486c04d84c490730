package dev.ampulla.extraction;

import dev.ampulla.knowledge.CodeSets;
import dev.ampulla.knowledge.CodeSystemRegistry;
import dev.ampulla.knowledge.CodeSystems;
import dev.ampulla.knowledge.MCategory;
import dev.ampulla.knowledge.StagingBasis;
import dev.ampulla.knowledge.StagingCategory;
import dev.ampulla.knowledge.StagingCodes;
import dev.ampulla.knowledge.StagingCodes.Axis;
import dev.ampulla.knowledge.pack.DataProblemCode;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Element;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

/**
 * Reads the TNM staging one Observation carries, in each shape public profiles use: a T, N, M or stage-group
 * Observation (mCODE: LOINC or SNOMED CT code; SNOMED CT, AJCC or UICC value, with or without the c/p/yp prefix); the
 * prefix written apart, on {@code Observation.code} (MII Onkologie) or on a component (DKTK); T, N and M as
 * {@code component}s of one Observation (DKTK onco-core, with the values' letters left out); a TNM formula written as
 * one value ({@code cT3N2M0}); and a distant metastasis recorded by its organ (MII Fernmetastasen, DKTK LOINC 21907-1
 * with a yes value and a body site). A stage group whose basis neither code nor value says is left without one, to be
 * taken from its members.
 */
final class StagingReader {

    /** What the Observation says; {@code staging} may hold groups with a null basis (to be resolved). */
    record Read(List<StagingFact> staging, List<Metastasis> metastases, List<DataProblem> problems) {}

    private StagingReader() {}

    static boolean isStaging(Observation o) {
        return kindOf(o.getCode()) != null
                || Codings.firstIn(o.getCode(), CodeSets.DISTANT_METASTASIS_OBSERVATION) != null;
    }

    static Read read(Observation o, String reference, FactTime time, boolean noFocus) {
        List<StagingFact> staging = new ArrayList<>(3);
        List<Metastasis> metastases = new ArrayList<>(1);
        List<DataProblem> problems = new ArrayList<>(1);
        String date = FactTimes.display(o);
        Kind kind = kindOf(o.getCode());
        if (kind == null) { // a metastasis recorded by its organ (isStaging said it is one of the two)
            if (o.getValue() instanceof CodeableConcept organ) {
                Coding coding = organ.getCodingFirstRep();
                metastases.add(new Metastasis(
                        MetastasisSites.ofOrganCode(organ),
                        time,
                        new Source(reference, Codings.describe(coding), date, noFocus)));
            }
            return new Read(staging, metastases, problems);
        }
        if (kind.axis() == Axis.M && o.getValue() instanceof CodeableConcept value && isYesNoUnknown(value)) {
            // DKTK Fernmetastasen: LOINC 21907-1 with yes/no/unknown and the organ in bodySite, not an M category;
            // only "yes" is a fact (a "no" for one organ says nothing of the others)
            if (Codings.firstIn(value, CodeSets.DISTANT_METASTASIS_PRESENT) != null) {
                metastases.add(new Metastasis(
                        MetastasisSites.ofOrganCode(o.getBodySite()),
                        time,
                        new Source(reference, Codings.describe(o.getBodySite().getCodingFirstRep()), date, noFocus)));
            }
            return new Read(staging, metastases, problems);
        }
        boolean hasComponents = false;
        for (Observation.ObservationComponentComponent component :
                o.hasComponent() ? o.getComponent() : List.<Observation.ObservationComponentComponent>of()) {
            Kind componentKind = kindOf(component.getCode());
            if (componentKind == null || componentKind.axis() == Axis.GROUP) {
                continue; // y, r, m symbols, L, V, Pn: not used
            }
            hasComponents = true;
            StagingBasis prefix = prefixOf(component);
            value(
                    component.getValue(),
                    componentKind,
                    prefix,
                    reference,
                    "component " + Codings.describe(component.getCode().getCodingFirstRep()),
                    time,
                    date,
                    noFocus,
                    staging,
                    problems);
        }
        if (o.hasValue() || !hasComponents) {
            value(o.getValue(), kind, prefixOf(o.getCode()), reference, null, time, date, noFocus, staging, problems);
        }
        return new Read(staging, metastases, problems);
    }

    private static boolean isYesNoUnknown(CodeableConcept value) {
        for (Coding c : value.getCoding()) {
            if (CodeSystemRegistry.is(c.getSystem(), "dktk-yes-no-unknown")) {
                return true;
            }
        }
        return false;
    }

    /** The kind of staging a code says: the axis, and the basis when the code is specific. */
    private record Kind(Axis axis, StagingBasis basis, Coding coding) {
        String described() {
            return Codings.describe(coding);
        }
    }

    private static Kind kindOf(CodeableConcept code) {
        for (Coding c : code.getCoding()) {
            StagingCodes.ObservationKind kind = StagingCodes.observationKind(c.getSystem(), c.getCode());
            if (kind != null) {
                return new Kind(kind.axis(), kind.basis(), c);
            }
        }
        return null;
    }

    /** Reads one value; {@code component} names the component it stands in, null for {@code Observation.value}. */
    private static void value(
            Type value,
            Kind kind,
            StagingBasis prefix,
            String reference,
            String component,
            FactTime time,
            String date,
            boolean noFocus,
            List<StagingFact> out,
            List<DataProblem> problems) {
        String where = component == null ? reference : reference + " " + component;
        if (value instanceof StringType text) {
            List<StagingCodes.Value> formula = StagingCodes.combined(text.getValue());
            if (!formula.isEmpty()) {
                for (StagingCodes.Value v : formula) {
                    add(
                            v,
                            kind,
                            prefix,
                            "text \"" + text.getValue().strip() + "\"",
                            where,
                            time,
                            date,
                            noFocus,
                            out,
                            problems,
                            reference);
                }
                return;
            }
            StagingCodes.Value single = StagingCodes.value(CodeSystems.AJCC, text.getValue());
            if (single != null && single.axis() == kind.axis()) {
                add(
                        single,
                        kind,
                        prefix,
                        "text \"" + text.getValue().strip() + "\"",
                        where,
                        time,
                        date,
                        noFocus,
                        out,
                        problems,
                        reference);
                return;
            }
        }
        if (value instanceof CodeableConcept concept) {
            for (Coding c : concept.getCoding()) {
                StagingCodes.Value v = StagingCodes.value(c.getSystem(), c.getCode());
                if (v != null && v.axis() == kind.axis()) {
                    add(v, kind, prefix, Codings.describe(c), where, time, date, noFocus, out, problems, reference);
                    return;
                }
            }
            for (Coding c : concept.getCoding()) {
                List<StagingCodes.Value> formula = StagingCodes.combined(c.getCode());
                if (kind.axis() == Axis.GROUP && !formula.isEmpty()) {
                    for (StagingCodes.Value v : formula) {
                        add(v, kind, prefix, Codings.describe(c), where, time, date, noFocus, out, problems, reference);
                    }
                    return;
                }
            }
        }
        problems.add(DataProblem.conflict(
                false,
                DataProblemCode.STAGING_VALUE_NOT_RECOGNISED,
                "where",
                component == null ? reference + " (" + kind.described() + ")" : where,
                "category",
                kind.axis() == Axis.GROUP ? "stage group" : kind.axis().name() + " category"));
    }

    private static void add(
            StagingCodes.Value v,
            Kind kind,
            StagingBasis prefix,
            String coding,
            String where,
            FactTime time,
            String date,
            boolean noFocus,
            List<StagingFact> out,
            List<DataProblem> problems,
            String reference) {
        StagingBasis stated = v.basis() != null ? v.basis() : prefix;
        if (stated != null
                && kind.basis() != null
                && stated.isFromSpecimen() != kind.basis().isFromSpecimen()) {
            problems.add(DataProblem.conflict(
                    false,
                    DataProblemCode.STAGING_BASIS_DISAGREES,
                    "where",
                    where,
                    "code",
                    kind.described(),
                    "code-basis",
                    kind.basis().label(),
                    "value",
                    coding,
                    "value-basis",
                    stated.label()));
        }
        StagingBasis basis = stated != null ? stated : kind.basis();
        if (v.axis() != Axis.GROUP && basis == null) {
            basis = StagingBasis.CLINICAL; // neither code nor value says: before treatment is the safe reading
        }
        StagingCategory category = StagingCategory.of(v.axis(), v.category());
        if (category == null) {
            return; // cannot happen: StagingCodes gives only AJCC categories of the value's axis
        }
        if (category == MCategory.M0 && basis.isFromSpecimen()) {
            basis = StagingBasis.CLINICAL; // AJCC: there is no pathological M0; read it as cM0
        }
        out.add(new StagingFact(v.axis(), basis, category, time, new Source(reference, coding, date, noFocus)));
    }

    /** The basis a prefix extension on this element names (MII on Observation.code, DKTK on a component). */
    private static StagingBasis prefixOf(Element element) {
        if (!element.hasExtension()) {
            return null;
        }
        for (Extension e : element.getExtension()) {
            if (CodeSystems.MII_TNM_PREFIX.equals(e.getUrl()) || CodeSystems.DKTK_TNM_PREFIX.equals(e.getUrl())) {
                Type value = e.getValue();
                String code = value instanceof CodeableConcept cc
                        ? cc.getCodingFirstRep().getCode()
                        : value instanceof Coding coding
                                ? coding.getCode()
                                : value != null && value.isPrimitive() ? value.primitiveValue() : null;
                StagingBasis basis = StagingCodes.prefixBasis(code);
                if (basis != null) {
                    return basis;
                }
            }
        }
        return null;
    }
}
