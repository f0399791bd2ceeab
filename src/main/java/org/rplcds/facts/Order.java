package org.rplcds.facts;

import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

/**
 * A test or procedure ordered (revoked and entered-in-error orders are never read).
 *
 * @param tests the analytes the order covers
 * @param procedures the procedures it requests
 * @param status where it stands
 * @param authored when it was ordered
 * @param text the order's name as written, for name-only matches
 * @param evidence the ServiceRequest
 */
public record Order(
        Set<Analyte> tests,
        Set<ProcedureKind> procedures,
        RequestStatus status,
        Optional<LocalDate> authored,
        String text,
        Evidence evidence) {

    /** Draft, active, on hold or completed: the thing is in hand. */
    public boolean placed() {
        return status != RequestStatus.STOPPED;
    }
}
