package org.rplcds.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.ServiceRequest;

/** Builds patient-view requests whose prefetch holds the given resources under the service's keys. */
public final class HookRequests {

    public static final ObjectMapper JSON = new ObjectMapper();

    /** Where the patient-view service answers. */
    public static final String SERVICE = "/cds-services/recurrent-miscarriage";

    private final ObjectNode request = JSON.createObjectNode();

    private HookRequests(String patientId) {
        request.put("hookInstance", "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea");
        request.put("hook", "patient-view");
        request.putObject("context").put("userId", "Practitioner/example").put("patientId", patientId);
    }

    public static HookRequests patientView(String patientId) {
        return new HookRequests(patientId);
    }

    /** An order-sign call whose context.draftOrders holds the drafts. */
    public static HookRequests orderSign(String patientId, IBaseResource... drafts) {
        HookRequests request = new HookRequests(patientId);
        request.request.put("hook", "order-sign");
        request.context().set("draftOrders", draftOrders(drafts));
        return request;
    }

    /** An order-select call whose context.draftOrders holds the drafts, with the selections named. */
    public static HookRequests orderSelect(String patientId, List<String> selections, IBaseResource... drafts) {
        HookRequests request = orderSign(patientId, drafts);
        request.request.put("hook", "order-select");
        var listed = request.context().putArray("selections");
        selections.forEach(listed::add);
        return request;
    }

    /** The context member set to the JSON given, or removed when it is null. */
    public HookRequests contextValue(String key, String json) {
        if (json == null) {
            context().remove(key);
        } else {
            try {
                context().set(key, JSON.readTree(json));
            } catch (Exception e) {
                throw new IllegalArgumentException(e);
            }
        }
        return this;
    }

    private ObjectNode context() {
        return (ObjectNode) request.get("context");
    }

    private static ObjectNode draftOrders(IBaseResource... drafts) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        for (IBaseResource draft : drafts) {
            bundle.addEntry().setResource((org.hl7.fhir.r4.model.Resource) draft);
        }
        return tree(Fhir.json(bundle));
    }

    /** Full prefetch: every key present, searches as searchset Bundles (empty when nothing matches). */
    public HookRequests prefetch(IBaseResource... resources) {
        ObjectNode prefetch = request.putObject("prefetch");
        List<IBaseResource> all = List.of(resources);
        all.stream()
                .filter(Patient.class::isInstance)
                .findFirst()
                .ifPresent(patient -> prefetch.set("patient", tree(Fhir.json(patient))));
        prefetch.set("conditions", bundle(all, Condition.class));
        prefetch.set("observations", bundle(all, Observation.class));
        prefetch.set("medicationRequests", bundle(all, MedicationRequest.class));
        prefetch.set("serviceRequests", bundle(all, ServiceRequest.class));
        prefetch.set("procedures", bundle(all, Procedure.class));
        prefetch.set("diagnosticReports", bundle(all, DiagnosticReport.class));
        return this;
    }

    /** A prefetch key sent as JSON null: known absent. */
    public HookRequests nullPrefetch(String key) {
        prefetchNode().putNull(key);
        return this;
    }

    public HookRequests withoutPrefetch(String key) {
        prefetchNode().remove(key);
        return this;
    }

    public HookRequests prefetchValue(String key, String json) {
        prefetchNode().set(key, tree(json));
        return this;
    }

    public HookRequests fhirServer(String url, String token) {
        request.put("fhirServer", url);
        if (token != null) {
            request.putObject("fhirAuthorization")
                    .put("access_token", token)
                    .put("token_type", "Bearer")
                    .put("expires_in", 300)
                    .put("scope", "patient/*.read")
                    .put("subject", "recurrent-miscarriage");
        }
        return this;
    }

    /** The call's hookInstance, in place of the one every request has by default. */
    public HookRequests hookInstance(String hookInstance) {
        request.put("hookInstance", hookInstance);
        return this;
    }

    public ObjectNode node() {
        return request;
    }

    public String json() {
        return request.toString();
    }

    private ObjectNode prefetchNode() {
        return request.has("prefetch") ? (ObjectNode) request.get("prefetch") : request.putObject("prefetch");
    }

    private static ObjectNode bundle(List<IBaseResource> resources, Class<? extends IBaseResource> type) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        List<IBaseResource> matching = new ArrayList<>();
        resources.stream().filter(type::isInstance).forEach(matching::add);
        matching.forEach(r -> bundle.addEntry().setResource((org.hl7.fhir.r4.model.Resource) r));
        bundle.setTotal(matching.size());
        return tree(Fhir.json(bundle));
    }

    private static ObjectNode tree(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
