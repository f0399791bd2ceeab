package org.rplcds.rules;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.rplcds.facts.DraftOrder;
import org.rplcds.facts.DraftOrders;
import org.rplcds.facts.Drug;
import org.rplcds.facts.Medication;
import org.rplcds.facts.RequestStatus;
import org.rplcds.rules.derived.DerivedFacts;

/**
 * RPL-11 Progesterone without an indication.
 *
 * <p><b>Guideline:</b> RCOG 2023: "insufficient evidence to support progesterone for asymptomatic
 * women with unexplained RM"; PROMISE found no gain in live births (clinical rules 1.3).
 *
 * <p><b>When</b> progesterone is ordered (draft or active) for a woman pregnant before 16+0 weeks
 * and no other indication is written on the order, in its name, reason, dosage text or notes
 * (luteal support after assisted reproduction, preterm-birth prevention). <b>Then</b> an info card
 * recalls that progesterone did not improve live births in unexplained RPL (PROMISE), so the
 * indication is checked. <b>Not when</b> bleeding is recorded; from 16+0 weeks the order has another
 * indication.
 *
 * <p><b>While the orders are written</b> ({@code order-select}, {@code order-sign}; clinical rules
 * §8.6) the rule reads the draft progesterone orders instead of the chart's prescriptions, with
 * the same card: the one decision on the orders, whichever they are, so one class is both the
 * recommendation and its {@link OrderAdvice}.
 *
 * <p><b>Source:</b> PROMISE 2015; RCOG 2023.
 */
final class Rpl11ProgesteroneWithoutIndication extends Rule implements OrderAdvice {

    private static final List<String> OTHER_INDICATIONS =
            List.of("luteal", "ivf", "icsi", "embryo transfer", "assisted reproduction", "preterm", "short cervix");

    Rpl11ProgesteroneWithoutIndication() {
        super("RPL-11", "Progesterone without indication", Citation.PROMISE_2015, Citation.RCOG_2023);
    }

    @Override
    boolean inclusion(Assessment assessment) {
        return assessment.pregnant()
                && assessment.gestationDays() < DerivedFacts.PROGESTERONE_UNTIL_DAYS
                && !orders(assessment).isEmpty();
    }

    @Override
    boolean exclusion(Assessment assessment) {
        return !assessment.derived().bleeding().isEmpty();
    }

    /** Draft progesterone orders, before the patient's record is read. */
    @Override
    public List<DraftOrder> candidates(DraftOrders drafts) {
        return drafts.prescribing(Drug.PROGESTERONE);
    }

    /**
     * Progesterone without another indication written on it: drafted or active on the chart, or,
     * while the orders are written, the draft orders.
     */
    private List<Medication> orders(Assessment assessment) {
        var prescriptions = assessment
                .drafts()
                .map(drafts -> candidates(drafts).stream()
                        .flatMap(d -> d.medications().stream())
                        .filter(m -> m.drug() == Drug.PROGESTERONE)
                        .toList())
                .orElseGet(() -> assessment.facts().chart().medications(Drug.PROGESTERONE));
        return prescriptions.stream()
                .filter(m -> Set.of(RequestStatus.DRAFT, RequestStatus.ACTIVE).contains(m.status()))
                .filter(m -> OTHER_INDICATIONS.stream()
                        .noneMatch(i -> (m.evidence().description() + " / " + m.indication())
                                .toLowerCase(Locale.ROOT)
                                .contains(i)))
                .toList();
    }

    @Override
    Finding card(Assessment assessment) {
        Detail detail = new Detail()
                .evidence(
                        "Progesterone ordered",
                        orders(assessment).stream().map(Medication::evidence).toList())
                .text("No early-pregnancy bleeding is recorded in this pregnancy ("
                        + assessment.facts().pregnancy().gestation() + ")."
                        + " In PROMISE, vaginal progesterone from early pregnancy to 12 weeks did not increase live births in"
                        + " women with unexplained recurrent miscarriage; RCOG 2023 finds insufficient evidence for it without"
                        + " bleeding.");
        return finding(
                assessment,
                Indicator.INFO,
                "No bleeding recorded: progesterone did not improve live births in unexplained RPL (PROMISE). Check the indication.",
                detail,
                List.of(),
                List.of(Citation.PROMISE_2015));
    }
}
