package org.rplcds.audit;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.rplcds.cards.OverrideReason;
import org.rplcds.rules.Recommendations;
import org.rplcds.rules.RuleModes;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * What each recommendation gave and what clinicians did with it, per period: cards shown, findings
 * of silent rules (cards that would have been shown), cards snoozed, and feedback accepted and
 * overridden by reason. Cards come from the audit trail, feedback from the feedback table, joined by
 * the card's uuid (a card's uuid belongs to one recommendation). Days are UTC days. The work-up's
 * evaluation card counts as RPL-01's, whose card it replaces.
 */
@Service
public class UsageReport {

    /** The most periods one report holds. */
    public static final int MAX_PERIODS = 400;

    /** Feedback on a card the audit trail does not hold (given before the trail, or past its retention). */
    public static final String UNKNOWN_RULE = "unknown";

    /** An override reason outside the CDS Hooks non-adherence reason codes the cards offer. */
    public static final String OTHER_REASON = "other";

    /** An override without a coded reason. */
    public static final String NO_REASON = "none";

    /** The length of a report's periods. */
    public enum Period {
        DAY,
        WEEK,
        MONTH;

        /** The first day of the period holding {@code day}; weeks begin on Monday (ISO 8601). */
        LocalDate start(LocalDate day) {
            return switch (this) {
                case DAY -> day;
                case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                case MONTH -> day.withDayOfMonth(1);
            };
        }

        LocalDate next(LocalDate start) {
            return switch (this) {
                case DAY -> start.plusDays(1);
                case WEEK -> start.plusWeeks(1);
                case MONTH -> start.plusMonths(1);
            };
        }

        @JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One recommendation's counts in one period.
     *
     * @param shown cards returned
     * @param silent findings of a silent recommendation: cards that would have been returned
     * @param snoozed cards kept away by a clinician's recent override
     * @param accepted feedback: a suggestion of the card accepted
     * @param overridden feedback: the card overridden
     * @param reasons the overrides by reason: each code the cards offer, in their order, then
     *     {@code other} (a reason of the client's own) and {@code none} (no coded reason)
     */
    public record Counts(
            long shown, long silent, long snoozed, long accepted, long overridden, Map<String, Long> reasons) {}

    /** Counts as they are added up. */
    private static final class Tally {
        private long shown;
        private long silent;
        private long snoozed;
        private long accepted;
        private long overridden;
        private final Map<String, Long> reasons = new LinkedHashMap<>();

        boolean empty() {
            return shown + silent + snoozed + accepted + overridden == 0;
        }

        /** The reasons in the order the cards offer them, then other and none, each at least zero. */
        Counts counts() {
            Map<String, Long> ordered = new LinkedHashMap<>();
            OverrideReason.codes().forEach(code -> ordered.put(code, reasons.getOrDefault(code, 0L)));
            ordered.put(OTHER_REASON, reasons.getOrDefault(OTHER_REASON, 0L));
            ordered.put(NO_REASON, reasons.getOrDefault(NO_REASON, 0L));
            return new Counts(shown, silent, snoozed, accepted, overridden, ordered);
        }
    }

    /**
     * A recommendation in a period.
     *
     * @param rule its id
     * @param title its title; the id for feedback the report cannot place
     * @param mode on, silent or off, as the site runs it now
     */
    public record Row(String rule, String title, String mode, Counts counts) {}

    /** One period: its first and last day, and a row per recommendation with anything to count. */
    public record Slice(LocalDate start, LocalDate end, List<Row> rules) {}

    /** The report of {@code [from, to]}, both days included. */
    public record Report(
            LocalDate from, LocalDate to, Period period, boolean auditTrail, List<Slice> periods, List<Row> total) {}

    private final JdbcTemplate jdbc;
    private final Map<String, String> titles;
    private final RuleModes modes;
    private final AuditSettings audit;

    UsageReport(JdbcTemplate jdbc, Recommendations recommendations, RuleModes modes, AuditSettings audit) {
        this.jdbc = jdbc;
        Map<String, String> known = new LinkedHashMap<>(recommendations.titles());
        recommendations.orderAdviceIds().forEach(id -> known.putIfAbsent(id, id));
        this.titles = Map.copyOf(known);
        this.modes = modes;
        this.audit = audit;
    }

    /** How many periods {@code [from, to]} spans. */
    public static long periods(LocalDate from, LocalDate to, Period period) {
        LocalDate first = period.start(from);
        return switch (period) {
            case DAY -> ChronoUnit.DAYS.between(first, to) + 1;
            case WEEK -> ChronoUnit.WEEKS.between(first, period.start(to)) + 1;
            case MONTH -> ChronoUnit.MONTHS.between(first, period.start(to)) + 1;
        };
    }

    /**
     * @throws AuditStoreUnavailableException when the database cannot be read
     * @throws IllegalArgumentException when {@code to} is before {@code from} or the report would
     *     hold more than {@link #MAX_PERIODS} periods
     */
    public Report report(LocalDate from, LocalDate to, Period period) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to is before from");
        }
        if (periods(from, to, period) > MAX_PERIODS) {
            throw new IllegalArgumentException(
                    "more than " + MAX_PERIODS + " periods; choose a longer period or a shorter range");
        }
        Map<LocalDate, Map<String, Tally>> slices = new TreeMap<>();
        Map<String, Tally> total = new TreeMap<>();
        try {
            jdbc.query(
                    "select recorded_day, rule_id, disposition, count(*) from audit_card where recorded_day >= ? and"
                            + " recorded_day <= ? group by recorded_day, rule_id, disposition",
                    row -> {
                        LocalDate day = row.getObject(1, LocalDate.class);
                        String rule = row.getString(2);
                        long count = row.getLong(4);
                        for (Tally counts : counts(slices, total, period.start(day), rule)) {
                            switch (row.getString(3)) {
                                case "shown" -> counts.shown += count;
                                case "silent" -> counts.silent += count;
                                case "snoozed" -> counts.snoozed += count;
                                default -> {}
                            }
                        }
                    },
                    from,
                    to);
            jdbc.query(
                    "select f.outcome_day, r.rule_id, f.outcome, f.override_system, f.override_code, count(*) from"
                            + " feedback f left join (select distinct service_id, card_uuid, rule_id from audit_card)"
                            + " r on r.service_id = f.service_id and r.card_uuid = f.card_uuid where f.outcome_day"
                            + " >= ? and f.outcome_day <= ? group by f.outcome_day, r.rule_id, f.outcome,"
                            + " f.override_system, f.override_code",
                    row -> {
                        LocalDate day = row.getObject(1, LocalDate.class);
                        String rule = row.getString(2) == null ? UNKNOWN_RULE : row.getString(2);
                        long count = row.getLong(6);
                        String reason = reason(row.getString(4), row.getString(5));
                        for (Tally counts : counts(slices, total, period.start(day), rule)) {
                            if ("accepted".equals(row.getString(3))) {
                                counts.accepted += count;
                            } else {
                                counts.overridden += count;
                                counts.reasons.merge(reason, count, Long::sum);
                            }
                        }
                    },
                    from,
                    to);
        } catch (DataAccessException e) {
            throw new AuditStoreUnavailableException(e);
        }
        List<Slice> report = new ArrayList<>();
        for (LocalDate start = period.start(from); !start.isAfter(to); start = period.next(start)) {
            LocalDate end = period.next(start).minusDays(1);
            report.add(new Slice(
                    start.isBefore(from) ? from : start,
                    end.isAfter(to) ? to : end,
                    rows(slices.getOrDefault(start, Map.of()), false)));
        }
        return new Report(from, to, period, audit.enabled(), report, rows(total, true));
    }

    /** The label of an override reason: a code the cards offer, other, or none. */
    public static String reason(String system, String code) {
        if (code == null) {
            return NO_REASON;
        }
        return OverrideReason.of(system, code).map(OverrideReason::code).orElse(OTHER_REASON);
    }

    private static List<Tally> counts(
            Map<LocalDate, Map<String, Tally>> slices, Map<String, Tally> total, LocalDate start, String rule) {
        return List.of(
                slices.computeIfAbsent(start, s -> new TreeMap<>()).computeIfAbsent(rule, r -> new Tally()),
                total.computeIfAbsent(rule, r -> new Tally()));
    }

    /** A row per recommendation: every one of the catalogue in the total, those with counts in a period. */
    private List<Row> rows(Map<String, Tally> counted, boolean everyRule) {
        Map<String, Tally> rows = new TreeMap<>(counted);
        if (everyRule) {
            titles.keySet().forEach(id -> rows.putIfAbsent(id, new Tally()));
        }
        List<Row> list = new ArrayList<>();
        rows.forEach((rule, tally) -> {
            if (everyRule || !tally.empty()) {
                list.add(new Row(
                        rule,
                        titles.getOrDefault(rule, rule),
                        titles.containsKey(rule) ? modes.of(rule).name().toLowerCase(Locale.ROOT) : "-",
                        tally.counts()));
            }
        });
        return list;
    }
}
