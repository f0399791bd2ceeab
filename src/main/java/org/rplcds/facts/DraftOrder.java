package org.rplcds.facts;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An order being written: a ServiceRequest or MedicationRequest of the hook's {@code
 * context.draftOrders} (CDS Hooks 2.0 {@code order-select}, {@code order-sign}), not yet on record.
 *
 * @param reference the draft as the client names it ({@code ServiceRequest/123}); empty when the
 *     draft has no id, so that nothing can be asked of it
 * @param text its name as written: the concept's text, else its first display
 * @param codings its codes, each as {@code system|code}
 * @param order the test or procedure it asks for, when it is a ServiceRequest
 * @param medications the ingredients it prescribes, when it is a MedicationRequest
 */
public record DraftOrder(
        String reference, String text, Set<String> codings, Optional<Order> order, List<Medication> medications) {

    public DraftOrder {
        codings = Set.copyOf(codings);
        medications = List.copyOf(medications);
    }

    /** Whether the draft prescribes the drug. */
    public boolean prescribes(Drug drug) {
        return medications.stream().anyMatch(m -> m.drug() == drug);
    }

    /** The draft as a record entry a card can cite. */
    public Evidence evidence() {
        return order.map(Order::evidence)
                .or(() -> medications.stream().findFirst().map(Medication::evidence))
                .orElseGet(() -> new Evidence(reference, text, Optional.empty()));
    }
}
