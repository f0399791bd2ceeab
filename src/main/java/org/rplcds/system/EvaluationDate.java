package org.rplcds.system;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The date the rules evaluate on: today by the clock, or the date {@code cds.evaluation-date} pins
 * so that the shipped examples, written as of a fixed date, give their expected cards when replayed.
 * Only the evaluation date is pinned: token expiry and feedback timestamps keep the real clock.
 */
public final class EvaluationDate {

    private final Clock clock;
    private final Optional<LocalDate> pinned;

    public EvaluationDate(Clock clock, Optional<LocalDate> pinned) {
        this.clock = clock;
        this.pinned = pinned;
    }

    /** Today by the clock, unless a date is pinned. */
    public LocalDate today() {
        return pinned.orElseGet(() -> LocalDate.now(clock));
    }

    /** The pinned date, if {@code cds.evaluation-date} is set. */
    public Optional<LocalDate> pinned() {
        return pinned;
    }

    /** A clock that reads the evaluation date at midnight UTC when pinned, else the clock itself. */
    public Clock clock() {
        return pinned.map(date -> Clock.fixed(date.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC))
                .orElse(clock);
    }

    @Override
    public String toString() {
        return pinned.map(date -> date + " (pinned by cds.evaluation-date)").orElse("today by the system clock");
    }
}
