package org.rplcds.support;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.StringType;

/**
 * Orders, prescriptions, coded results and a current pregnancy for tests, built the way EHRs
 * send them; the companion of {@link Fhir}.
 */
public final class FhirOrders {

    public static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    public static final String CPT = "http://www.ama-assn.org/go/cpt";
    public static final String UCUM = "http://unitsofmeasure.org";
    private static final int TERM_DAYS = 280;

    private FhirOrders() {}

    /** A prescription coded with one coding. */
    public static MedicationRequest prescription(
            String id,
            String patientId,
            MedicationRequest.MedicationRequestStatus status,
            String system,
            String code,
            String display,
            String authoredOn) {
        return prescription(id, patientId, status, new CodeableConcept(new Coding(system, code, display)), authoredOn);
    }

    /** A prescription known by its name only, as many EHRs send free-text medicines. */
    public static MedicationRequest prescriptionText(
            String id,
            String patientId,
            MedicationRequest.MedicationRequestStatus status,
            String text,
            String authoredOn) {
        return prescription(id, patientId, status, new CodeableConcept().setText(text), authoredOn);
    }

    private static MedicationRequest prescription(
            String id,
            String patientId,
            MedicationRequest.MedicationRequestStatus status,
            CodeableConcept medication,
            String authoredOn) {
        MedicationRequest request = new MedicationRequest();
        request.setId(id);
        request.setStatus(status);
        request.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        request.setSubject(new Reference("Patient/" + patientId));
        request.setMedication(medication);
        if (authoredOn != null) {
            request.setAuthoredOnElement(new DateTimeType(authoredOn));
        }
        return request;
    }

    /** An order coded with one coding. */
    public static ServiceRequest order(
            String id,
            String patientId,
            ServiceRequest.ServiceRequestStatus status,
            String system,
            String code,
            String authoredOn) {
        return order(id, patientId, status, new CodeableConcept(new Coding(system, code, null)), authoredOn);
    }

    /** An order known by its name only. */
    public static ServiceRequest orderText(
            String id, String patientId, ServiceRequest.ServiceRequestStatus status, String text, String authoredOn) {
        return order(id, patientId, status, new CodeableConcept().setText(text), authoredOn);
    }

    private static ServiceRequest order(
            String id,
            String patientId,
            ServiceRequest.ServiceRequestStatus status,
            CodeableConcept code,
            String authoredOn) {
        ServiceRequest request = new ServiceRequest();
        request.setId(id);
        request.setStatus(status);
        request.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
        request.setSubject(new Reference("Patient/" + patientId));
        request.setCode(code);
        if (authoredOn != null) {
            request.setAuthoredOnElement(new DateTimeType(authoredOn));
        }
        return request;
    }

    /** A final result whose value is a coded concept, such as a positive test or a smoking status. */
    public static Observation coded(
            String id, String patientId, String loinc, String system, String code, String effective) {
        Observation observation = Fhir.observation(id, patientId, loinc, effective);
        observation.setValue(new CodeableConcept(new Coding(system, code, null)));
        return observation;
    }

    /** A final result written as text, such as a karyotype or an imaging report's conclusion. */
    public static Observation text(String id, String patientId, String loinc, String value, String effective) {
        Observation observation = Fhir.observation(id, patientId, loinc, effective);
        observation.setValue(new StringType(value));
        return observation;
    }

    /** The result with the lab's upper reference limit, in the result's unit. */
    public static Observation withUpperLimit(Observation observation, String high) {
        Quantity value = observation.getValueQuantity();
        observation
                .addReferenceRange()
                .setHigh(new Quantity()
                        .setValue(new BigDecimal(high))
                        .setUnit(value.getUnit())
                        .setSystem(UCUM)
                        .setCode(value.getCode()));
        return observation;
    }

    /**
     * An ongoing pregnancy at the given gestational age on the test evaluation date: an active
     * pregnancy condition and the estimated due date that puts the pregnancy there.
     */
    public static List<IBaseResource> pregnantAt(String patientId, int weeks, int days) {
        int gestation = weeks * 7 + days;
        LocalDate start = Records.TODAY.minusDays(gestation);
        LocalDate due = Records.TODAY.plusDays(TERM_DAYS - gestation);
        // Confirmed about four weeks after the last period, dated by an early scan.
        String confirmed = start.plusDays(Math.min(28, gestation)).toString();
        return List.of(
                Fhir.activeCondition("pregnancy", patientId, Fhir.SNOMED, "77386006", confirmed),
                Fhir.dated("edd", patientId, "11778-8", due.toString(), confirmed));
    }

    /** The resources of several groups, as one array for {@link Records#facts}. */
    public static IBaseResource[] all(List<? extends IBaseResource> first, IBaseResource... more) {
        IBaseResource[] resources = new IBaseResource[first.size() + more.length];
        for (int i = 0; i < first.size(); i++) {
            resources[i] = first.get(i);
        }
        System.arraycopy(more, 0, resources, first.size(), more.length);
        return resources;
    }
}
