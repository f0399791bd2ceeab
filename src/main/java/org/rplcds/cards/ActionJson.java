package org.rplcds.cards;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/** A suggestion action; {@code resource} is the FHIR resource to create, as JSON. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ActionJson(String type, String description, JsonNode resource) {}
