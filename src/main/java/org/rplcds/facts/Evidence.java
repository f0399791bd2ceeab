package org.rplcds.facts;

import java.time.LocalDate;
import java.util.Optional;

/**
 * One record entry a fact rests on, for the card to cite.
 *
 * @param reference the resource, as {@code Condition/123}
 * @param description what it says, such as the coding's display
 * @param date when it happened, if recorded
 */
public record Evidence(String reference, String description, Optional<LocalDate> date) {}
