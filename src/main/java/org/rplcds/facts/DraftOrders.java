package org.rplcds.facts;

import java.util.List;
import java.util.function.Predicate;

/**
 * The orders a clinician is writing, as the hook sends them: for {@code order-select} only the
 * selected ones, for {@code order-sign} all; other resource types of the bundle are left out.
 *
 * @param drafts the draft ServiceRequests and MedicationRequests, in bundle order
 */
public record DraftOrders(List<DraftOrder> drafts) {

    public static final DraftOrders NONE = new DraftOrders(List.of());

    public DraftOrders {
        drafts = List.copyOf(drafts);
    }

    public boolean isEmpty() {
        return drafts.isEmpty();
    }

    /** The drafts that prescribe the drug. */
    public List<DraftOrder> prescribing(Drug drug) {
        return drafts.stream().filter(d -> d.prescribes(drug)).toList();
    }

    /** The drafts that order a test or procedure. */
    public List<DraftOrder> orders() {
        return drafts.stream().filter(d -> d.order().isPresent()).toList();
    }

    /** These drafts without those that match. */
    public DraftOrders without(Predicate<DraftOrder> leftOut) {
        return new DraftOrders(drafts.stream().filter(leftOut.negate()).toList());
    }
}
