package org.rplcds.cards;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Card source: the guideline, and a topic whose code is the rule id. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SourceJson(String label, String url, CodingJson topic) {}
