package org.rplcds.facts;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A diagnosis on record (refuted and entered-in-error ones are never read).
 *
 * @param kind what it is
 * @param active whether its clinical status is active, recurrence or relapse, or it has none and
 *     no abatement
 * @param statusAssumed it has no clinical status and was read as current
 * @param date onset, else recorded date
 * @param evidence the Condition
 */
public record Problem(
        ProblemKind kind, boolean active, boolean statusAssumed, Optional<LocalDate> date, Evidence evidence) {}
