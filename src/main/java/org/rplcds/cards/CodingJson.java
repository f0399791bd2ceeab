package org.rplcds.cards;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A FHIR Coding as CDS Hooks carries it. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record CodingJson(String system, String code, String display) {}
