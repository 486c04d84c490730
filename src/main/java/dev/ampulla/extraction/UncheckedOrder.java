package dev.ampulla.extraction;

/**
 * A draft order Ampulla could not check, and why: {@code order} is its reference ({@code MedicationRequest/abc}),
 * {@code why} a plain sentence fragment ("its Medication/77 could not be read from the FHIR server: …").
 */
public record UncheckedOrder(String order, String why) {}
