package dev.ampulla.knowledge;

/**
 * One code of a drug the rules recognise, with what it names ({@code level}, {@code name}) and the ingredient it
 * maps to (an {@link AntineoplasticDrug}'s name).
 */
public record DrugCode(Code code, DrugCodeLevel level, String name, String ingredient) {}
