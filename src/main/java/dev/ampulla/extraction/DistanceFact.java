package dev.ampulla.extraction;

/** Distance of the lower tumour edge from the anal verge, in centimetres. */
public record DistanceFact(double centimetres, FactTime time, Source source) {}
