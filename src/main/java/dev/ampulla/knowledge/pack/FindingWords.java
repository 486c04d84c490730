package dev.ampulla.knowledge.pack;

/** How cards and rule pages say a finding's value ({@code findings.yaml}). */
public record FindingWords(String words, String description) {}
