package dev.ampulla.presentation;

/**
 * The call whose cards are presented: its service and hook, the client ({@code iss}, null in open mode), the
 * patient (used only to look up snoozes, through its keyed hash) and the options the call set.
 */
public record PresentationCall(String serviceId, String hook, String issuer, String patientId, CallOptions options) {}
