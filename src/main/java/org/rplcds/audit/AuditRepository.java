package org.rplcds.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** Audit events and their cards, written together in one transaction. */
@Repository
class AuditRepository {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    AuditRepository(JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    /** A stored event, as read back. */
    record Stored(String id, Instant recorded, String resource) {}

    /** A page of the events a search finds, and how many it finds in all. */
    record Found(int total, List<Stored> events) {}

    void store(String id, AuditedCall call, int status, Instant recorded, String resource) {
        LocalDate day = day(recorded);
        try {
            transaction.executeWithoutResult(tx -> {
                jdbc.update(
                        "insert into audit_event (id, recorded_at, recorded_day, service_id, hook_instance, patient,"
                                + " client_issuer, status, resource) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        id,
                        Timestamp.from(recorded),
                        day,
                        call.serviceId(),
                        call.hookInstance().map(h -> cut(h, 200)).orElse(null),
                        call.patient().map(p -> cut(p, 200)).orElse(null),
                        call.clientIssuer().map(i -> cut(i, 1000)).orElse(null),
                        status,
                        resource);
                List<Object[]> cards = new ArrayList<>();
                for (AuditedCall.Card card : call.cards()) {
                    cards.add(new Object[] {
                        id,
                        call.serviceId(),
                        cut(card.uuid(), 100),
                        card.ruleId(),
                        card.disposition().code(),
                        day
                    });
                }
                if (!cards.isEmpty()) {
                    jdbc.batchUpdate(
                            "insert into audit_card (event_id, service_id, card_uuid, rule_id, disposition,"
                                    + " recorded_day) values (?, ?, ?, ?, ?, ?)",
                            cards);
                }
            });
        } catch (DataAccessException e) {
            throw new AuditStoreUnavailableException(e);
        }
    }

    /**
     * The events of a patient (or of every patient) recorded in {@code [from, until)}, oldest first,
     * {@code count} from {@code offset}.
     */
    Found search(Optional<String> patient, Instant from, Instant until, int offset, int count) {
        List<Object> arguments = new ArrayList<>();
        StringBuilder where = new StringBuilder(" where recorded_at >= ? and recorded_at < ?");
        arguments.add(Timestamp.from(from));
        arguments.add(Timestamp.from(until));
        patient.ifPresent(reference -> {
            where.append(" and patient = ?");
            arguments.add(reference);
        });
        try {
            Integer total =
                    jdbc.queryForObject("select count(*) from audit_event" + where, Integer.class, arguments.toArray());
            List<Object> paged = new ArrayList<>(arguments);
            paged.add(count);
            paged.add(offset);
            List<Stored> events = jdbc.query(
                    "select id, recorded_at, resource from audit_event" + where
                            + " order by recorded_at, id limit ? offset ?",
                    (row, n) -> new Stored(
                            row.getString(1).trim(), row.getTimestamp(2).toInstant(), row.getString(3)),
                    paged.toArray());
            return new Found(total == null ? 0 : total, events);
        } catch (DataAccessException e) {
            throw new AuditStoreUnavailableException(e);
        }
    }

    Optional<Stored> read(String id) {
        try {
            return jdbc
                    .query(
                            "select id, recorded_at, resource from audit_event where id = ?",
                            (row, n) -> new Stored(
                                    row.getString(1).trim(), row.getTimestamp(2).toInstant(), row.getString(3)),
                            id)
                    .stream()
                    .findFirst();
        } catch (DataAccessException e) {
            throw new AuditStoreUnavailableException(e);
        }
    }

    /** The recommendation whose card has this uuid, as the trail recorded it. */
    Optional<String> ruleOf(String serviceId, String cardUuid) {
        try {
            return jdbc
                    .queryForList(
                            "select rule_id from audit_card where service_id = ? and card_uuid = ? fetch first 1 rows"
                                    + " only",
                            String.class,
                            serviceId,
                            cardUuid)
                    .stream()
                    .findFirst();
        } catch (DataAccessException e) {
            throw new AuditStoreUnavailableException(e);
        }
    }

    /** Deletes the events recorded before {@code cutoff}; how many. */
    int purge(Instant cutoff) {
        try {
            return transaction.execute(tx -> {
                jdbc.update(
                        "delete from audit_card where event_id in (select id from audit_event where recorded_at < ?)",
                        Timestamp.from(cutoff));
                return jdbc.update("delete from audit_event where recorded_at < ?", Timestamp.from(cutoff));
            });
        } catch (DataAccessException e) {
            throw new AuditStoreUnavailableException(e);
        }
    }

    static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String cut(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length);
    }
}
