package org.rplcds.cards;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A suggestion action: {@code create} carries the FHIR resource to create, as JSON; {@code delete}
 * names the records to withdraw in {@code resourceId}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ActionJson(String type, String description, JsonNode resource, List<String> resourceId) {}
