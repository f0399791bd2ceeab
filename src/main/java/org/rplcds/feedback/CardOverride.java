package org.rplcds.feedback;

import java.time.Instant;

/**
 * One stored override of a card with a coded reason, as the client sent the reason.
 *
 * @param card the card's uuid
 * @param system the reason's code system, or null when the client sent none
 * @param code the reason's code
 * @param at when the clinician overrode the card
 */
public record CardOverride(String card, String system, String code, Instant at) {}
