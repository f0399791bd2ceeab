package org.rplcds.cards;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A card link; {@code type} is {@code absolute} or {@code smart}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record LinkJson(String label, String url, String type) {}
