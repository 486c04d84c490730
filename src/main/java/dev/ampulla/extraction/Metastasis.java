package dev.ampulla.extraction;

/** A valid secondary cancer condition attributed to the primary. */
public record Metastasis(MetastasisSite site, FactTime onset, Source source) {}
