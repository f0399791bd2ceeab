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
 * @param valueSets the value sets its code is in
 * @param reasons why the order says it is given
 */
public record Order(
        Set<Analyte> tests,
        Set<ProcedureKind> procedures,
        RequestStatus status,
        Optional<LocalDate> authored,
        String text,
        Evidence evidence,
        Set<String> valueSets,
        Reasons reasons) {

    public Order {
        valueSets = Set.copyOf(valueSets);
    }

    /** The same order, named as the client names the draft. */
    Order withEvidence(Evidence named) {
        return new Order(tests, procedures, status, authored, text, named, valueSets, reasons);
    }

    /** Draft, active, on hold or completed: the thing is in hand. */
    public boolean placed() {
        return status != RequestStatus.STOPPED;
    }
}
