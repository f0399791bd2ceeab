package org.rplcds.cards;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The members this service adds to a card's {@code extension} (CDS Hooks 2.0 allows an object of
 * extension members on a card).
 *
 * @param rules the ids of every rule whose advice the card holds, in rule order
 */
public record CardExtensionJson(@JsonProperty(CardWriter.RULES_EXTENSION) List<String> rules) {}
