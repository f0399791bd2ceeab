package org.rplcds.facts;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A procedure done or under way.
 *
 * @param kind what it is
 * @param completed completed (false: in progress)
 * @param date when it was performed
 * @param evidence the Procedure
 */
public record PerformedProcedure(ProcedureKind kind, boolean completed, Optional<LocalDate> date, Evidence evidence) {}
