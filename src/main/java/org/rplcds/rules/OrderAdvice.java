package org.rplcds.rules;

import java.util.List;
import java.util.Optional;
import org.rplcds.facts.DraftOrder;
import org.rplcds.facts.DraftOrders;

/**
 * Advice while orders are written ({@code order-select}, {@code order-sign}): a card on the draft
 * orders. It speaks under its recommendation's id (RPL-11, RPL-23), and is registered in the
 * catalogue's list of order advice.
 */
public interface OrderAdvice {

    /** The id of the recommendation it speaks for, such as {@code RPL-23}. */
    String id();

    /**
     * The draft orders this advice may speak about, judged on the drafts alone, before anything of
     * the patient is read. When no advice has a candidate, the call is answered without reading the
     * chart.
     */
    List<DraftOrder> candidates(DraftOrders drafts);

    /**
     * The card on the drafts, if any.
     *
     * @param ordering the call's assessment while the orders are written: its {@link
     *     Assessment#drafts} are the drafts to judge, those the {@code patient-view} cards already
     *     suggest left out
     */
    Optional<Finding> evaluate(Assessment ordering);

    /**
     * Whether the advice judges every draft, those the {@code patient-view} cards suggest included:
     * a switch of anticoagulant is judged on the LMWH being drafted, which is the suggestion.
     */
    default boolean judgesSuggestedDrafts() {
        return false;
    }
}
