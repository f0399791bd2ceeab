package org.rplcds.rules;

import java.util.Optional;
import org.rplcds.facts.DraftOrders;
import org.rplcds.facts.PatientFacts;
import org.rplcds.rules.derived.DerivedFacts;

/**
 * What every recommendation reads in one hook call: the patient's facts, the profile, how the cards
 * speak, and the derived facts computed once from them ({@link DerivedFacts}).
 *
 * @param facts what the record says
 * @param profile the guideline profile the site chose
 * @param presentation how the cards speak (units, one evaluation card or several)
 * @param derived the facts derived from the record, computed once
 * @param drafts at the moment of ordering ({@code order-select}, {@code order-sign}), the orders
 *     being written, which the rules that speak then read instead of the chart's orders; empty on
 *     {@code patient-view}
 */
public record Assessment(
        PatientFacts facts,
        GuidelineProfile profile,
        Presentation presentation,
        DerivedFacts derived,
        Optional<DraftOrders> drafts) {

    public static Assessment of(PatientFacts facts, GuidelineProfile profile) {
        return of(facts, profile, Presentation.DEFAULT);
    }

    public static Assessment of(PatientFacts facts, GuidelineProfile profile, Presentation presentation) {
        return new Assessment(
                facts, profile, presentation, DerivedFacts.of(facts, profile, presentation), Optional.empty());
    }

    /** The same assessment while the orders are written: the rules read the drafts. */
    public Assessment ordering(DraftOrders orders) {
        return new Assessment(facts, profile, presentation, derived, Optional.of(orders));
    }

    /** Recurrent pregnancy loss identified: the profile's definition is met, or a clinician recorded it. */
    public boolean rpl() {
        return derived.rplIdentified().holds();
    }

    public boolean pregnant() {
        return facts.pregnancy().pregnant();
    }

    /** Gestational age in days, or -1 when unknown. */
    public int gestationDays() {
        return facts.pregnancy().gestationalAgeDays().orElse(-1);
    }
}
