package dev.ampulla.cdshooks;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Who produced a card, and its topic (a Coding analytics key on). */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record CardSource(String label, String url, Coding topic) {}
