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

    /** Sorts resources by type, once each: the same resource may come under several keys. */
    public static PatientRecord of(String patientId, List<IBaseResource> resources) {
        Patient patient = null;
        List<IBaseResource> unique = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (IBaseResource resource : resources) {
            String id = resource.getIdElement().toUnqualifiedVersionless().getValue();
            if (id != null
                    && !seen.add(
                            resource.fhirType() + "/" + resource.getIdElement().getIdPart())) {
                continue;
            }
            unique.add(resource);
            if (resource instanceof Patient p
                    && (patient == null || patientId.equals(p.getIdElement().getIdPart()))) {
                patient = p;
            }
        }
        return new PatientRecord(
                patientId,
                Optional.ofNullable(patient),
                ofType(unique, Condition.class),
                ofType(unique, Observation.class),
                ofType(unique, MedicationRequest.class),
                ofType(unique, ServiceRequest.class),
                ofType(unique, Procedure.class),
                ofType(unique, DiagnosticReport.class));
    }

    private static <T extends IBaseResource> List<T> ofType(List<IBaseResource> resources, Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public String toString() {
        return "PatientRecord[conditions=" + conditions.size() + ", observations=" + observations.size() + "]";
    }
}
