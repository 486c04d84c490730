package dev.ampulla.knowledge;

/**
 * A system URI as records write it, and what it names: the identity, and the label a card uses for codes written
 * with this spelling (an edition of ICD-10 keeps its own name: {@code ICD-10-GM C20}).
 */
public record CodeSystemSpelling(String uri, CodeSystemIdentity identity, String label) {}
