package org.rplcds.feedback;

import java.time.Instant;

/**
 * One clinician's response to one card.
 *
 * @param serviceId the service that issued the card
 * @param card the card's uuid
 * @param outcome {@code accepted} or {@code overridden}
 * @param outcomeTimestamp when the clinician acted
 * @param acceptedSuggestions the accepted suggestions, as JSON, or null
 * @param overrideReason the override reason, as JSON, or null
 */
record Feedback(
        String serviceId,
        String card,
        String outcome,
        Instant outcomeTimestamp,
        String acceptedSuggestions,
        String overrideReason) {}
