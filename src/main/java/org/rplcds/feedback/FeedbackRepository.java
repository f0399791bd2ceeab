package org.rplcds.feedback;

import java.sql.Timestamp;
import java.time.Clock;
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
}
