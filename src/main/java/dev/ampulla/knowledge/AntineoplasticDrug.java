package dev.ampulla.knowledge;

import java.util.List;

/**
 * A drug of rectal-cancer systemic therapy, by its ingredient name ({@code trifluridine / tipiracil} for a fixed
 * combination), with the names an order's text may give it by (generic and brand names).
 */
public record AntineoplasticDrug(String ingredient, List<String> names) {

    public AntineoplasticDrug {
        names = List.copyOf(names);
    }
}
