package org.rplcds.support;

import ca.uhn.fhir.context.FhirContext;
import java.math.BigDecimal;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.StringType;

/** Small FHIR R4 resources for tests, built the way EHRs send them. */
public final class Fhir {

    public static final FhirContext CONTEXT = FhirContext.forR4Cached();
    public static final String SNOMED = "http://snomed.info/sct";
    public static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
    public static final String LOINC = "http://loinc.org";
    public static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    public static final String CPT = "http://www.ama-assn.org/go/cpt";

    private Fhir() {}

    public static Patient woman(String id, String birthDate) {
        return patient(id, AdministrativeGender.FEMALE, birthDate);
    }

    /**
     * A woman born in 1990 and a first-trimester miscarriage on each date given, the losses
     * Conditions {@code a}, {@code b}, ... in that order.
     */
    public static IBaseResource[] womanWithLosses(String patientId, String... lossDates) {
        IBaseResource[] resources = new IBaseResource[lossDates.length + 1];
        resources[0] = woman(patientId, "1990-01-01");
        for (int i = 0; i < lossDates.length; i++) {
            resources[i + 1] = condition(String.valueOf((char) ('a' + i)), patientId, SNOMED, "19169002", lossDates[i]);
        }
        return resources;
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

    /** A final result of the LOINC code, effective on the date, without a value yet. */
    static Observation observation(String id, String patientId, String loinc, String effective) {
        Observation observation = new Observation();
        observation.setId(id);
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.setSubject(new Reference("Patient/" + patientId));
        observation.setCode(new CodeableConcept(new Coding(LOINC, loinc, null)));
        observation.setEffective(new DateTimeType(effective));
        return observation;
    }

    /** A DiagnosticReport coded in LOINC, effective on the date given, or only issued then when not. */
    public static DiagnosticReport report(
            String id, String patientId, String loinc, DiagnosticReport.DiagnosticReportStatus status, String date) {
        DiagnosticReport report = new DiagnosticReport();
        report.setId(id);
        report.setStatus(status);
        report.setSubject(new Reference("Patient/" + patientId));
        report.setCode(new CodeableConcept(new Coding(LOINC, loinc, null)));
        report.setEffective(new DateTimeType(date));
        return report;
    }

    /** The same report without an effective time, issued on the date given. */
    public static DiagnosticReport issuedOnly(DiagnosticReport report, String issued) {
        report.setEffective(null);
        report.setIssuedElement(new InstantType(issued + "T12:00:00Z"));
        return report;
    }

    /** A result with a coded value, such as SNOMED 10828004 Positive. */
    public static Observation coded(
            String id, String patientId, String loinc, String system, String code, String effective) {
        Observation observation = observation(id, patientId, loinc, effective);
        observation.setValue(new CodeableConcept(new Coding(system, code, null)));
        return observation;
    }

    /** A result with a string value, such as a karyotype "46,XX". */
    public static Observation text(String id, String patientId, String loinc, String value, String effective) {
        Observation observation = observation(id, patientId, loinc, effective);
        observation.setValue(new StringType(value));
        return observation;
    }

    /** The lab's reference range on a quantity result, in the result's unit. */
    public static Observation range(Observation observation, String low, String high) {
        String unit = observation.getValueQuantity().getCode();
        Observation.ObservationReferenceRangeComponent range = observation.addReferenceRange();
        if (low != null) {
            range.setLow(
                    new Quantity().setValue(new BigDecimal(low)).setUnit(unit).setCode(unit));
        }
        if (high != null) {
            range.setHigh(
                    new Quantity().setValue(new BigDecimal(high)).setUnit(unit).setCode(unit));
        }
        return observation;
    }

    /** An order for a coded test or procedure, authored on the date. */
    public static ServiceRequest order(
            String id,
            String patientId,
            String system,
            String code,
            ServiceRequest.ServiceRequestStatus status,
            String authored) {
        ServiceRequest request = new ServiceRequest();
        request.setId(id);
        request.setStatus(status);
        request.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
        request.setSubject(new Reference("Patient/" + patientId));
        request.setCode(new CodeableConcept(new Coding(system, code, null)));
        if (authored != null) {
            request.setAuthoredOnElement(new DateTimeType(authored));
        }
        return request;
    }

    /** An order described in words only, such as a referral. */
    public static ServiceRequest textOrder(
            String id, String patientId, String text, ServiceRequest.ServiceRequestStatus status, String authored) {
        ServiceRequest request = order(id, patientId, null, null, status, authored);
        request.setCode(new CodeableConcept().setText(text));
        return request;
    }

    /** A prescription coded in RxNorm, with the medicine's name as text. */
    public static MedicationRequest prescription(
            String id,
            String patientId,
            String rxnorm,
            String text,
            MedicationRequest.MedicationRequestStatus status,
            String authored) {
        MedicationRequest request = new MedicationRequest();
        request.setId(id);
        request.setStatus(status);
        request.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        request.setSubject(new Reference("Patient/" + patientId));
        CodeableConcept medication = new CodeableConcept().setText(text);
        if (rxnorm != null) {
            medication.addCoding(new Coding(RXNORM, rxnorm, null));
        }
        request.setMedication(medication);
        if (authored != null) {
            request.setAuthoredOnElement(new DateTimeType(authored));
        }
        return request;
    }

    /** The same prescription with its reason written as text. */
    public static MedicationRequest reason(MedicationRequest request, String reason) {
        request.addReasonCode(new CodeableConcept().setText(reason));
        return request;
    }

    /** The same procedure with another status, such as not-done. */
    public static Procedure status(Procedure procedure, Procedure.ProcedureStatus status) {
        procedure.setStatus(status);
        return procedure;
    }

    /** An estimated due date recorded today that puts the evaluation date at the given gestational age. */
    public static Observation dueDateFor(String id, String patientId, int gestationDays) {
        String due = Records.TODAY.plusDays(280L - gestationDays).toString();
        return dated(id, patientId, "11778-8", due, Records.TODAY.toString());
    }

    public static String json(IBaseResource resource) {
        return CONTEXT.newJsonParser().encodeResourceToString(resource);
    }
}
