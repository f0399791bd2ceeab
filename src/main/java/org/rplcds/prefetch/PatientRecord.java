package org.rplcds.prefetch;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.ServiceRequest;

/** The FHIR resources of one patient that a hook call brought or the service read. */
public record PatientRecord(
        String patientId,
        Optional<Patient> patient,
        List<Condition> conditions,
        List<Observation> observations,
        List<MedicationRequest> medicationRequests,
        List<ServiceRequest> serviceRequests,
        List<Procedure> procedures,
        List<DiagnosticReport> diagnosticReports) {

    /** A record without diagnostic reports. */
    public PatientRecord(
            String patientId,
            Optional<Patient> patient,
            List<Condition> conditions,
            List<Observation> observations,
            List<MedicationRequest> medicationRequests,
            List<ServiceRequest> serviceRequests,
            List<Procedure> procedures) {
        this(patientId, patient, conditions, observations, medicationRequests, serviceRequests, procedures, List.of());
    }

    /** Sorts resources by type, once each: the same resource may come under several keys. */
    public static PatientRecord of(String patientId, List<IBaseResource> resources) {
        Patient patient = null;
        List<Condition> conditions = new ArrayList<>();
        List<Observation> observations = new ArrayList<>();
        List<MedicationRequest> medicationRequests = new ArrayList<>();
        List<ServiceRequest> serviceRequests = new ArrayList<>();
        List<Procedure> procedures = new ArrayList<>();
        List<DiagnosticReport> diagnosticReports = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (IBaseResource resource : resources) {
            String id = resource.getIdElement().toUnqualifiedVersionless().getValue();
            if (id != null
                    && !seen.add(
                            resource.fhirType() + "/" + resource.getIdElement().getIdPart())) {
                continue;
            }
            if (resource instanceof Patient p) {
                if (patient == null || patientId.equals(p.getIdElement().getIdPart())) {
                    patient = p;
                }
            } else if (resource instanceof Condition c) {
                conditions.add(c);
            } else if (resource instanceof Observation o) {
                observations.add(o);
            } else if (resource instanceof MedicationRequest m) {
                medicationRequests.add(m);
            } else if (resource instanceof ServiceRequest s) {
                serviceRequests.add(s);
            } else if (resource instanceof Procedure p) {
                procedures.add(p);
            } else if (resource instanceof DiagnosticReport d) {
                diagnosticReports.add(d);
            }
        }
        return new PatientRecord(
                patientId,
                Optional.ofNullable(patient),
                List.copyOf(conditions),
                List.copyOf(observations),
                List.copyOf(medicationRequests),
                List.copyOf(serviceRequests),
                List.copyOf(procedures),
                List.copyOf(diagnosticReports));
    }

    @Override
    public String toString() {
        return "PatientRecord[conditions=" + conditions.size() + ", observations=" + observations.size() + "]";
    }
}
