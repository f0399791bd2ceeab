package org.rplcds.feedback;

import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Feedback rows; the unique key on service, card and outcome makes storing idempotent. */
@Repository
class FeedbackRepository {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    FeedbackRepository(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Stores the record; false when the same card and outcome were stored before. */
    boolean store(Feedback feedback) {
        try {
            jdbc.update(
                    "insert into feedback (service_id, card_uuid, outcome, outcome_timestamp,"
                            + " accepted_suggestions, override_reason, received_at) values (?, ?, ?, ?, ?, ?, ?)",
                    feedback.serviceId(),
                    feedback.card(),
                    feedback.outcome(),
                    Timestamp.from(feedback.outcomeTimestamp()),
                    feedback.acceptedSuggestions(),
                    feedback.overrideReason(),
                    Timestamp.from(clock.instant()));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        } catch (DataAccessException e) {
            throw new FeedbackStoreUnavailableException(e);
        }
    }
}
