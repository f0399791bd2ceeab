package org.rplcds.facts;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A prescription on record.
 *
 * @param drug the ingredient matched
 * @param status where it stands
 * @param authored when it was written
 * @param indication what the order says it is for, in words (reason, dosage text, notes); empty if nothing
 * @param evidence the MedicationRequest
 */
public record Medication(
        Drug drug, RequestStatus status, Optional<LocalDate> authored, String indication, Evidence evidence) {}
