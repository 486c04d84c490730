package dev.ampulla.extraction;

import dev.ampulla.knowledge.CodeSet;
import dev.ampulla.knowledge.CodeSets;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;

/** The organ or site of a distant metastasis, as far as the codes say. */
final class MetastasisSites {

    /** The site a secondary cancer's code names, checked in this order (peritoneal first: it decides M1c). */
    private static final List<Map.Entry<CodeSet, MetastasisSite>> BY_CONDITION_CODE = List.of(
            Map.entry(CodeSets.PERITONEAL_METASTASIS, MetastasisSite.PERITONEUM),
            Map.entry(CodeSets.LIVER_METASTASIS, MetastasisSite.LIVER),
            Map.entry(CodeSets.LUNG_METASTASIS, MetastasisSite.LUNG),
            Map.entry(CodeSets.BRAIN_METASTASIS, MetastasisSite.BRAIN),
            Map.entry(CodeSets.BONE_METASTASIS, MetastasisSite.BONE),
            Map.entry(CodeSets.DISTANT_LYMPH_NODE_METASTASIS, MetastasisSite.DISTANT_LYMPH_NODES));

    /** For the generic secondary-cancer codes, the site comes from {@code bodySite} (mCODE pattern). */
    private static final List<Map.Entry<CodeSet, MetastasisSite>> BY_BODY_SITE = List.of(
            Map.entry(CodeSets.PERITONEUM_STRUCTURE, MetastasisSite.PERITONEUM),
            Map.entry(CodeSets.LIVER_STRUCTURE, MetastasisSite.LIVER),
            Map.entry(CodeSets.LUNG_STRUCTURE, MetastasisSite.LUNG));

    /** The organ codes of registries (MII Fernmetastasen values, DKTK locations): HEP, PUL, OSS… */
    private static final List<Map.Entry<CodeSet, MetastasisSite>> BY_ORGAN_CODE = List.of(
            Map.entry(CodeSets.METASTASIS_SITE_PERITONEUM, MetastasisSite.PERITONEUM),
            Map.entry(CodeSets.METASTASIS_SITE_LIVER, MetastasisSite.LIVER),
            Map.entry(CodeSets.METASTASIS_SITE_LUNG, MetastasisSite.LUNG),
            Map.entry(CodeSets.METASTASIS_SITE_BRAIN, MetastasisSite.BRAIN),
            Map.entry(CodeSets.METASTASIS_SITE_BONE, MetastasisSite.BONE),
            Map.entry(CodeSets.METASTASIS_SITE_DISTANT_LYMPH_NODES, MetastasisSite.DISTANT_LYMPH_NODES),
            Map.entry(CodeSets.METASTASIS_SITE_BONE_MARROW, MetastasisSite.BONE_MARROW),
            Map.entry(CodeSets.METASTASIS_SITE_PLEURA, MetastasisSite.PLEURA),
            Map.entry(CodeSets.METASTASIS_SITE_ADRENAL, MetastasisSite.ADRENAL),
            Map.entry(CodeSets.METASTASIS_SITE_SKIN, MetastasisSite.SKIN));

    private MetastasisSites() {}

    static MetastasisSite ofCondition(Condition c) {
        for (Map.Entry<CodeSet, MetastasisSite> e : BY_CONDITION_CODE) {
            if (Codings.firstIn(c.getCode(), e.getKey()) != null) {
                return e.getValue();
            }
        }
        if (Codings.firstIn(c.getCode(), CodeSets.SECONDARY_CANCER_BY_BODY_SITE) != null
                || Codings.firstIn(c.getCode(), CodeSets.METASTASIS_OF_RECTAL_CANCER) != null) {
            for (Map.Entry<CodeSet, MetastasisSite> e : BY_BODY_SITE) {
                if (Codings.firstIn(c.getBodySite(), e.getKey()) != null) {
                    return e.getValue();
                }
            }
        }
        return MetastasisSite.UNSPECIFIED;
    }

    /** The site an organ code names (other and generalised metastases stay unspecified). */
    static MetastasisSite ofOrganCode(CodeableConcept concept) {
        for (Map.Entry<CodeSet, MetastasisSite> e : BY_ORGAN_CODE) {
            if (Codings.firstIn(concept, e.getKey()) != null) {
                return e.getValue();
            }
        }
        return MetastasisSite.UNSPECIFIED;
    }
}
