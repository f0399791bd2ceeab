package org.rplcds.facts;

import java.util.List;

/**
 * Why an order says it is given: its {@code reasonCode} and {@code reasonReference}, read against
 * the pregnancy-loss value sets.
 *
 * @param loss a reason is a pregnancy loss or recurrent pregnancy loss (by code, or words naming one)
 * @param other a reason is something else: a code outside the loss value sets, or words that name
 *     no loss
 * @param references the records its {@code reasonReference} names ({@code Condition/123}), resolved
 *     by the rules against the chart: one that is not a loss on record is another indication
 */
public record Reasons(boolean loss, boolean other, List<String> references) {

    public static final Reasons NONE = new Reasons(false, false, List.of());

    public Reasons {
        references = List.copyOf(references);
    }

    /** Whether the order gives any reason. */
    public boolean any() {
        return loss || other || !references.isEmpty();
    }
}
