package org.rplcds.cards;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A card suggestion: one button, one or more actions. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SuggestionJson(String label, String uuid, Boolean isRecommended, List<ActionJson> actions) {}
