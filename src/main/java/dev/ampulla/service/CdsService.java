package dev.ampulla.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ampulla.cdshooks.CdsResponse;
import dev.ampulla.cdshooks.ServiceDescriptor;

/** One CDS service: its discovery entry and how it answers a call. */
public interface CdsService {

    ServiceDescriptor descriptor();

    /**
     * Answers a hook call whose body has been parsed as JSON.
     *
     * @throws dev.ampulla.cdshooks.CdsProtocolException when the request cannot be answered with cards
     */
    CdsResponse call(JsonNode body, CallContext context);
}
