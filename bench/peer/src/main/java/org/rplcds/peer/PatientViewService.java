package org.rplcds.peer;

import ca.uhn.fhir.rest.api.server.cdshooks.CdsServiceRequestJson;
import ca.uhn.hapi.fhir.cdshooks.api.CdsService;
import ca.uhn.hapi.fhir.cdshooks.api.CdsServicePrefetch;
import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceIndicatorEnum;
import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceResponseCardJson;
import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceResponseCardSourceJson;
import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceResponseJson;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;

/**
 * The service's prefetch keys and templates; HAPI has parsed every value into a resource by the
 * time the method runs. The one rule: a card when the conditions hold three or more miscarriages
 * (SNOMED CT 19169002 or 17369002, as the generated patients code them).
 */
public class PatientViewService {

    private static final java.util.Set<String> MISCARRIAGE = java.util.Set.of("19169002", "17369002");

    @CdsService(
            value = "recurrent-miscarriage",
            hook = "patient-view",
            title = "Recurrent miscarriage decision support",
            description = "The benchmark's peer: one trivial rule",
            prefetch = {
                @CdsServicePrefetch(value = "patient", query = "Patient/{{context.patientId}}"),
                @CdsServicePrefetch(
                        value = "conditions",
                        query = "Condition?patient={{context.patientId}}&_count=1000"),
                @CdsServicePrefetch(
                        value = "observations",
                        query = "Observation?patient={{context.patientId}}&_count=1000"),
                @CdsServicePrefetch(
                        value = "medicationRequests",
                        query = "MedicationRequest?patient={{context.patientId}}&_count=1000"),
                @CdsServicePrefetch(
                        value = "serviceRequests",
                        query = "ServiceRequest?patient={{context.patientId}}&_count=1000"),
                @CdsServicePrefetch(
                        value = "procedures",
                        query = "Procedure?patient={{context.patientId}}&_count=1000"),
                @CdsServicePrefetch(
                        value = "diagnosticReports",
                        query = "DiagnosticReport?patient={{context.patientId}}&_count=1000")
            })
    public CdsServiceResponseJson patientView(CdsServiceRequestJson request) {
        CdsServiceResponseJson response = new CdsServiceResponseJson();
        int losses = 0;
        if (request.getPrefetch("conditions") instanceof Bundle conditions) {
            for (Bundle.BundleEntryComponent entry : conditions.getEntry()) {
                if (entry.getResource() instanceof Condition condition
                        && condition.getCode().getCoding().stream().anyMatch(c -> MISCARRIAGE.contains(c.getCode()))) {
                    losses++;
                }
            }
        }
        if (losses >= 3) {
            CdsServiceResponseCardSourceJson source = new CdsServiceResponseCardSourceJson();
            source.setLabel("benchmark peer");
            CdsServiceResponseCardJson card = new CdsServiceResponseCardJson();
            card.setSummary("Recurrent pregnancy loss: " + losses + " miscarriages on record");
            card.setIndicator(CdsServiceIndicatorEnum.WARNING);
            card.setSource(source);
            response.addCard(card);
        }
        return response;
    }
}
