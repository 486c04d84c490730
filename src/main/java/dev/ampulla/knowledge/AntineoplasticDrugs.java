package dev.ampulla.knowledge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The drugs of rectal-cancer systemic therapy and every code that names them, from {@code
 * knowledge/antineoplastic-drugs.csv} (ingredients and the names an order may use) and {@code
 * knowledge/drug-codes.csv} (RxNorm at every term type, NDC products and packages, each mapped to its ingredient,
 * with its source). A row naming an unknown ingredient, system or level fails start-up.
 */
public final class AntineoplasticDrugs {
    static final List<String> DRUG_COLUMNS = List.of("ingredient", "names", "source");
    static final List<String> CODE_COLUMNS =
            List.of("system", "code", "level", "name", "ingredient", "verified", "source");

    private static final Map<String, AntineoplasticDrug> DRUGS = loadDrugs();
    private static final List<DrugCode> CODES = new ArrayList<>();
    /** The drug codes by identity index and listed (normalised) code. */
    private static final Map<String, DrugCode> BY_KEY = new HashMap<>();

    private static final CodeSet SET = loadCodes();
    /** Words that make a text name something other than systemic therapy (a cream, eye drops), compared as words. */
    private static final List<String> NOT_SYSTEMIC = notSystemic();
    /** Every name, in the form texts are compared in (see {@link #words}), with its drug; longest first. */
    private static final Map<String, AntineoplasticDrug> BY_NAME = names();

    private AntineoplasticDrugs() {}

    /** Whether antineoplastic-drugs.csv lists this ingredient. */
    public static boolean isIngredient(String ingredient) {
        return DRUGS.containsKey(ingredient);
    }

    /** The drug code that holds this coding (a package of a listed NDC product, for example), or null. */
    public static DrugCode byCode(String system, String code) {
        String listed = SET.listed(system, code);
        if (listed == null) {
            return null;
        }
        return BY_KEY.get(CodeSystemRegistry.identify(system).index() + "|" + listed);
    }

    /**
     * The drug one of whose names a text contains as whole words, in any letter case and whatever punctuation
     * separates them ("CAPECITABINE 500 MG PO TABS", "trifluridine/tipiracil"), or null; null too when the text
     * says the drug is not given systemically ("fluorouracil 5% topical cream").
     */
    public static NamedDrug byName(String text) {
        if (text == null) {
            return null;
        }
        if (saysNotSystemic(text)) {
            return null;
        }
        String words = words(text);
        for (Map.Entry<String, AntineoplasticDrug> name : BY_NAME.entrySet()) {
            if (words.contains(name.getKey())) {
                return new NamedDrug(name.getValue(), name.getKey().strip());
            }
        }
        return null;
    }

    /**
     * Whether a text says a drug order is not systemic therapy with a listed drug: a topical, eye or regional
     * (intraperitoneal, intra-arterial…) form or route, or another drug whose name contains a listed one.
     */
    public static boolean saysNotSystemic(String text) {
        if (text == null) {
            return false;
        }
        String words = words(text);
        for (String notSystemic : NOT_SYSTEMIC) {
            if (words.contains(notSystemic)) {
                return true;
            }
        }
        return false;
    }

    /** A drug found by its name in a text, and the name as it was found (in lower case). */
    public record NamedDrug(AntineoplasticDrug drug, String name) {}

    public static List<AntineoplasticDrug> drugs() {
        return List.copyOf(DRUGS.values());
    }

    public static List<DrugCode> codes() {
        return List.copyOf(CODES);
    }

    /** Lower case, every run of characters other than letters and digits one space, one space at each end. */
    private static String words(String text) {
        return " "
                + text.toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N}]+", " ")
                        .strip() + " ";
    }

    private static List<String> notSystemic() {
        List<String> out = new ArrayList<>();
        for (KnowledgeCsv.Row row :
                KnowledgeCsv.read("non-systemic-drug-words.csv", List.of("words", "why", "source"))) {
            row.required("why");
            row.required("source");
            out.add(words(row.required("words")));
        }
        return List.copyOf(out);
    }

    private static Map<String, AntineoplasticDrug> loadDrugs() {
        Map<String, AntineoplasticDrug> drugs = new LinkedHashMap<>();
        for (KnowledgeCsv.Row row : KnowledgeCsv.read("antineoplastic-drugs.csv", DRUG_COLUMNS)) {
            String ingredient = row.required("ingredient");
            row.required("source");
            List<String> names = List.of(row.required("names").split("\\|"));
            if (drugs.put(ingredient, new AntineoplasticDrug(ingredient, names)) != null) {
                throw row.error("lists the ingredient '" + ingredient + "' a second time");
            }
        }
        return drugs;
    }

    private static CodeSet loadCodes() {
        List<Code> all = new ArrayList<>();
        for (KnowledgeCsv.Row row : KnowledgeCsv.read("drug-codes.csv", CODE_COLUMNS)) {
            CodeSystemIdentity identity;
            DrugCodeLevel level;
            try {
                identity = CodeSystemRegistry.identity(row.required("system"));
                level = DrugCodeLevel.parse(row.required("level"));
            } catch (IllegalArgumentException e) {
                throw row.error(e.getMessage());
            }
            String ingredient = row.required("ingredient");
            if (!DRUGS.containsKey(ingredient)) {
                throw row.error("maps to '" + ingredient + "', which knowledge/antineoplastic-drugs.csv does not list");
            }
            if (!CodeSetFile.VERIFIED.contains(row.required("verified"))) {
                throw row.error("has verified '" + row.get("verified") + "'; expected one of " + CodeSetFile.VERIFIED);
            }
            row.required("source");
            String normalised = identity.normalise(row.required("code"));
            checkLevel(row, identity, level, normalised);
            Code code = new Code(identity.canonicalUri(), row.required("code"), row.required("name"));
            DrugCode drug = new DrugCode(code, level, code.display(), ingredient);
            DrugCode before = BY_KEY.put(identity.index() + "|" + normalised, drug);
            if (before != null) {
                throw row.error("lists " + identity.label() + " " + code.code() + " a second time");
            }
            CODES.add(drug);
            all.add(code);
        }
        return CodeSet.of("Antineoplastic drug codes", all);
    }

    /** RxNorm term types for RxNorm codes; an NDC product is 5-4 digits and a package 5-4-2, once normalised. */
    private static void checkLevel(
            KnowledgeCsv.Row row, CodeSystemIdentity identity, DrugCodeLevel level, String normalised) {
        boolean ndc = identity.comparison() == CodeComparison.NDC;
        boolean fits = switch (level) {
            case NDC_PRODUCT -> ndc && normalised.matches("\\d{9}");
            case NDC_PACKAGE -> ndc && normalised.matches("\\d{11}");
            default -> identity.canonicalUri().equals(CodeSystems.RXNORM) && normalised.matches("\\d+");
        };
        if (!fits) {
            throw row.error(
                    "has level " + level + ", which does not fit " + identity.label() + " code " + row.get("code"));
        }
    }

    /** Longest names first, so "trastuzumab deruxtecan" is found before the "trastuzumab" it contains. */
    private static Map<String, AntineoplasticDrug> names() {
        Map<String, AntineoplasticDrug> names = new HashMap<>();
        for (AntineoplasticDrug drug : DRUGS.values()) {
            for (String name : drug.names()) {
                AntineoplasticDrug before = names.put(words(name), drug);
                if (before != null && !before.equals(drug)) {
                    throw new IllegalStateException("knowledge/antineoplastic-drugs.csv gives the name '" + name
                            + "' to both " + before.ingredient() + " and " + drug.ingredient());
                }
            }
        }
        Map<String, AntineoplasticDrug> longestFirst = new LinkedHashMap<>();
        names.entrySet().stream()
                .sorted(Map.Entry.<String, AntineoplasticDrug>comparingByKey(
                        Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder())))
                .forEach(e -> longestFirst.put(e.getKey(), e.getValue()));
        return longestFirst;
    }
}
