package org.rplcds.facts;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.springframework.stereotype.Component;

/**
 * Reads the draft orders of an {@code order-select} or {@code order-sign} call into facts, the way
 * the chart's orders and prescriptions are read: the same value sets, the same name matching.
 */
@Component
public class DraftOrderReader {

    private final Terminology terminology;

    public DraftOrderReader(Terminology terminology) {
        this.terminology = terminology;
    }

    /**
     * @param resources the resources of {@code context.draftOrders}, in bundle order
     * @param selections for {@code order-select}, the references of the selected orders ({@code
     *     ServiceRequest/123}); empty for {@code order-sign}, where every draft is read
     */
    public DraftOrders read(List<IBaseResource> resources, Optional<Set<String>> selections) {
        Codes codes = new Codes(terminology);
        List<DraftOrder> drafts = new ArrayList<>();
        for (IBaseResource resource : resources) {
            String reference = reference(resource);
            if (selections.isPresent() && !selections.get().contains(reference)) {
                continue;
            }
            if (resource instanceof ServiceRequest request && open(request.getStatus())) {
                ServiceRequest draft = request.copy().setStatus(ServiceRequest.ServiceRequestStatus.DRAFT);
                CodeableConcept code = request.getCode();
                ChartReader.order(draft, codes)
                        .map(o -> o.withEvidence(new Evidence(reference, name(code, "order"), o.authored())))
                        .ifPresent(o -> drafts.add(new DraftOrder(
                                reference, name(code, "order"), codings(code), Optional.of(o), List.of())));
            } else if (resource instanceof MedicationRequest request && open(request.getStatus())) {
                MedicationRequest draft = request.copy().setStatus(MedicationRequest.MedicationRequestStatus.DRAFT);
                CodeableConcept medication = ChartReader.medication(request);
                String name = name(medication, "medication");
                List<Medication> medications = ChartReader.medications(draft, codes).stream()
                        .map(m -> m.withEvidence(
                                new Evidence(reference, name, m.evidence().date())))
                        .toList();
                drafts.add(new DraftOrder(reference, name, codings(medication), Optional.empty(), medications));
            }
            // Other types (NutritionOrder, VisionPrescription, ...) are no business of the rules.
        }
        return new DraftOrders(drafts);
    }

    /** {@code Type/id}, as selections and {@code action.resourceId} name a draft; empty without an id. */
    static String reference(IBaseResource resource) {
        String id = resource.getIdElement().getIdPart();
        return id == null || id.isBlank() ? "" : resource.fhirType() + "/" + id;
    }

    /** A draft that is withdrawn, refused or entered in error is not being ordered. */
    private static boolean open(ServiceRequest.ServiceRequestStatus status) {
        return status == null
                || switch (status) {
                    case DRAFT, ACTIVE, ONHOLD, UNKNOWN, NULL -> true;
                    default -> false;
                };
    }

    private static boolean open(MedicationRequest.MedicationRequestStatus status) {
        return status == null
                || switch (status) {
                    case DRAFT, ACTIVE, ONHOLD, UNKNOWN, NULL -> true;
                    default -> false;
                };
    }

    private static String name(CodeableConcept concept, String fallback) {
        if (concept.hasText() && !concept.getText().isBlank()) {
            return concept.getText().strip();
        }
        return concept.getCoding().stream()
                .filter(Coding::hasDisplay)
                .map(Coding::getDisplay)
                .findFirst()
                .orElse(fallback);
    }

    private static Set<String> codings(CodeableConcept concept) {
        return concept.getCoding().stream()
                .filter(c -> c.hasSystem() && c.hasCode())
                .map(c -> c.getSystem() + "|" + c.getCode())
                .collect(Collectors.toUnmodifiableSet());
    }
}
