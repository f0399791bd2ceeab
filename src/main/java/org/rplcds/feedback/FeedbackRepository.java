package org.rplcds.feedback;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
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
                            + " accepted_suggestions, override_reason, override_system, override_code, received_at,"
                            + " event_hash, outcome_day) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    feedback.serviceId(),
                    feedback.card(),
                    feedback.outcome(),
                    Timestamp.from(feedback.outcomeTimestamp()),
                    feedback.acceptedSuggestions(),
                    feedback.overrideReason(),
                    feedback.reasonSystem(),
                    feedback.reasonCode(),
                    Timestamp.from(clock.instant()),
                    feedback.eventHash(),
                    // The UTC day of the outcome, which the usage report groups by.
                    LocalDate.ofInstant(feedback.outcomeTimestamp(), ZoneOffset.UTC));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        } catch (DataAccessException e) {
            throw new FeedbackStoreUnavailableException(e);
        }
    }

    /** The cards of those given overridden with a coded reason in {@code [since, until)}, one entry per override. */
    List<CardOverride> overrides(String serviceId, Collection<String> cards, Instant since, Instant until) {
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
                    "select card_uuid, override_system, override_code, outcome_timestamp from feedback"
                            + " where service_id = ? and outcome = 'overridden' and outcome_timestamp >= ?"
                            + " and outcome_timestamp < ? and override_code is not null and card_uuid in ("
                            + placeholders + ")",
                    (row, n) -> new CardOverride(
                            row.getString(1),
                            row.getString(2),
                            row.getString(3),
                            row.getObject(4, OffsetDateTime.class).toInstant()),
                    arguments.toArray());
        } catch (DataAccessException e) {
            throw new FeedbackStoreUnavailableException(e);
        }
    }
}
