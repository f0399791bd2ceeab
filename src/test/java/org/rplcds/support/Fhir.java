package org.rplcds.support;

import ca.uhn.fhir.context.FhirContext;
import java.math.BigDecimal;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

/** Small FHIR R4 resources for tests, built the way EHRs send them. */
public final class Fhir {

    public static final FhirContext CONTEXT = FhirContext.forR4Cached();
    public static final String SNOMED = "http://snomed.info/sct";
    public static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
    public static final String LOINC = "http://loinc.org";

    private Fhir() {}

    public static Patient woman(String id, String birthDate) {
        return patient(id, AdministrativeGender.FEMALE, birthDate);
    }

    public static Patient patient(String id, AdministrativeGender gender, String birthDate) {
        Patient patient = new Patient();
        patient.setId(id);
        patient.setGender(gender);
        if (birthDate != null) {
            patient.setBirthDateElement(new DateType(birthDate));
        }
        return patient;
    }

    /** A confirmed condition with the given onset date (or none when null). */
    public static Condition condition(String id, String patientId, String system, String code, String onset) {
        Condition condition = new Condition();
        condition.setId(id);
        condition.setSubject(new Reference("Patient/" + patientId));
        condition.setCode(new CodeableConcept(new Coding(system, code, null)));
        condition.setClinicalStatus(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "resolved", null)));
        condition.setVerificationStatus(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed", null)));
        if (onset != null) {
            condition.setOnset(new DateTimeType(onset));
        }
        return condition;
    }

    public static Condition activeCondition(String id, String patientId, String system, String code, String onset) {
        Condition condition = condition(id, patientId, system, code, onset);
        condition.setClinicalStatus(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", null)));
        return condition;
    }

    public static Condition refuted(Condition condition) {
        condition.setVerificationStatus(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/condition-ver-status", "refuted", null)));
        return condition;
    }

    public static Procedure procedure(String id, String patientId, String system, String code, String performed) {
        Procedure procedure = new Procedure();
        procedure.setId(id);
        procedure.setStatus(Procedure.ProcedureStatus.COMPLETED);
        procedure.setSubject(new Reference("Patient/" + patientId));
        procedure.setCode(new CodeableConcept(new Coding(system, code, null)));
        procedure.setPerformed(new DateTimeType(performed));
        return procedure;
    }

    public static Observation count(String id, String patientId, String loinc, int value, String effective) {
        Observation observation = observation(id, patientId, loinc, effective);
        observation.setValue(new IntegerType(value));
        return observation;
    }

    public static Observation quantity(
            String id, String patientId, String loinc, String value, String unit, String effective) {
        Observation observation = observation(id, patientId, loinc, effective);
        observation.setValue(new Quantity()
                .setValue(new BigDecimal(value))
                .setUnit(unit)
                .setSystem("http://unitsofmeasure.org")
                .setCode(unit));
        return observation;
    }

    public static Observation dated(String id, String patientId, String loinc, String value, String effective) {
        Observation observation = observation(id, patientId, loinc, effective);
        observation.setValue(new DateTimeType(value));
        return observation;
    }

    private static Observation observation(String id, String patientId, String loinc, String effective) {
        Observation observation = new Observation();
        observation.setId(id);
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.setSubject(new Reference("Patient/" + patientId));
        observation.setCode(new CodeableConcept(new Coding(LOINC, loinc, null)));
        observation.setEffective(new DateTimeType(effective));
        return observation;
    }

    public static String json(IBaseResource resource) {
        return CONTEXT.newJsonParser().encodeResourceToString(resource);
    }
}
