package org.rplcds.feedback;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Feedback rows, one per distinct event; the unique key on the event's hash makes an exact resend
 * store nothing new.
 */
@Repository
class FeedbackRepository {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    FeedbackRepository(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Stores the record; false when exactly this record was stored before. */
    boolean store(Feedback feedback) {
        try {
            jdbc.update(
                    "insert into feedback (service_id, card_uuid, outcome, outcome_timestamp,"
                            + " accepted_suggestions, override_reason, received_at, event_hash)"
                            + " values (?, ?, ?, ?, ?, ?, ?, ?)",
                    feedback.serviceId(),
                    feedback.card(),
                    feedback.outcome(),
                    Timestamp.from(feedback.outcomeTimestamp()),
                    feedback.acceptedSuggestions(),
                    feedback.overrideReason(),
                    Timestamp.from(clock.instant()),
                    feedback.eventHash());
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        } catch (DataAccessException e) {
            throw new FeedbackStoreUnavailableException(e);
        }
    }

    /**
     * The override reasons, as stored, of the cards overridden in {@code [since, until)}: card uuid
     * and reason, one entry per override.
     */
    List<Map.Entry<String, String>> overrides(
            String serviceId, Collection<String> cards, Instant since, Instant until) {
        if (cards.isEmpty()) {
            return List.of();
        }
        List<Object> arguments = new ArrayList<>();
        arguments.add(serviceId);
        arguments.add(Timestamp.from(since));
        arguments.add(Timestamp.from(until));
        arguments.addAll(cards);
        String placeholders = String.join(", ", Collections.nCopies(cards.size(), "?"));
        try {
            return jdbc.query(
                    "select card_uuid, override_reason from feedback where service_id = ? and outcome = 'overridden'"
                            + " and outcome_timestamp >= ? and outcome_timestamp < ? and override_reason is not null and card_uuid in ("
                            + placeholders + ")",
                    (row, n) -> Map.entry(row.getString(1), row.getString(2)),
                    arguments.toArray());
        } catch (DataAccessException e) {
            throw new FeedbackStoreUnavailableException(e);
        }
    }
}
