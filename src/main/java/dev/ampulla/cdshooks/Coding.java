package dev.ampulla.cdshooks;

import com.fasterxml.jackson.annotation.JsonInclude;

/** CDS Hooks Coding: {@code system} and {@code code} required; {@code display} required for override reasons. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Coding(String system, String code, String display) {}
