package org.rplcds.feedback;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One clinician's response to one card.
 *
 * @param serviceId the service that issued the card
 * @param card the card's uuid
 * @param outcome {@code accepted} or {@code overridden}
 * @param outcomeTimestamp when the clinician acted
 * @param acceptedSuggestions the accepted suggestions, as JSON, or null
 * @param overrideReason the override reason, as JSON, or null
 * @param reasonSystem the system of the override reason's coding, or null
 * @param reasonCode the code of the override reason's coding, or null
 */
record Feedback(
        String serviceId,
        String card,
        String outcome,
        Instant outcomeTimestamp,
        String acceptedSuggestions,
        String overrideReason,
        String reasonSystem,
        String reasonCode) {

    /**
     * What makes two records the same event: every field the client sent, hashed (SHA-256, hex);
     * the reason's system and code are part of the override reason, so they are hashed with it.
     * The timestamp is taken as an instant, so {@code Z} and {@code +00:00} are one event.
     */
    String eventHash() {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {
                serviceId, card, outcome, outcomeTimestamp.toString(), acceptedSuggestions, overrideReason
            }) {
                // A length before each part: no two different records hash the same bytes.
                byte[] bytes = part == null ? new byte[0] : part.getBytes(StandardCharsets.UTF_8);
                sha256.update(String.valueOf(part == null ? -1 : bytes.length).getBytes(StandardCharsets.US_ASCII));
                sha256.update((byte) ':');
                sha256.update(bytes);
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
