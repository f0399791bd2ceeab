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
 * @param ingredient the ingredient the record names, lower case ({@code warfarin}, {@code enoxaparin}); the
 *     drug's label when only a code names it
 * @param dose how much and how often, as far as the record says
 * @param reasons why the prescription says it is given
 * @param record the whole prescription, kept for the medicines a card may stop (oral anticoagulants); empty
 *     for the others
 */
public record Medication(
        Drug drug,
        RequestStatus status,
        Optional<LocalDate> authored,
        String indication,
        Evidence evidence,
        String ingredient,
        Dose dose,
        Reasons reasons,
        Optional<RequestCopy> record) {

    /** The same prescription, named as the client names the draft. */
    Medication withEvidence(Evidence named) {
        return new Medication(drug, status, authored, indication, named, ingredient, dose, reasons, record);
    }
}
