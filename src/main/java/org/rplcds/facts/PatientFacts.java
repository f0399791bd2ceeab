package org.rplcds.facts;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Everything the rules may know about a patient, computed once per hook call.
 *
 * @param patientId the patient's id on the client's FHIR server
 * @param evaluationDate the date the rules evaluate on
 * @param sex administrative sex
 * @param ageYears age in whole years on the evaluation date, if the birth date is known
 * @param history pregnancy outcomes
 * @param pregnancy the current pregnancy, if any
 * @param chart results, diagnoses, orders, prescriptions and procedures
 * @param deceased the record says she has died: {@code deceasedBoolean} true, or a
 *     {@code deceasedDateTime} on or before the evaluation date
 */
public record PatientFacts(
        String patientId,
        LocalDate evaluationDate,
        Sex sex,
        Optional<Integer> ageYears,
        ObstetricHistory history,
        Pregnancy pregnancy,
        Chart chart,
        boolean deceased) {}
