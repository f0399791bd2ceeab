package org.rplcds.cards;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A suggestion action: {@code create} carries the FHIR resource to create, as JSON; {@code delete}
 * names the record to withdraw in {@code resourceId}, a relative reference such as {@code
 * ServiceRequest/123} (CDS Hooks 2.0: a string).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ActionJson(String type, String description, JsonNode resource, String resourceId) {}
