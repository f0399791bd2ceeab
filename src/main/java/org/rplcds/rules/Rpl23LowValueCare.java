package org.rplcds.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.rplcds.facts.Drug;
import org.rplcds.facts.Evidence;
import org.rplcds.facts.Medication;
import org.rplcds.facts.Order;
import org.rplcds.facts.RequestStatus;

/**
 * RPL-23 Tests and treatments of low value in RPL.
 *
 * <p><b>Guideline:</b> ESHRE 2022 and RCOG 2023 do not recommend HLA typing, NK-cell testing,
 * anti-sperm or anti-endometrial antibodies, inherited thrombophilia screening without other risk
 * factors, or immunotherapy; ALIFE2: no aspirin or heparin in unexplained RPL (clinical rules 1.2,
 * 1.3, paraphrased).
 *
 * <p><b>When</b> a draft or active order is for NK-cell testing, HLA typing, anti-sperm or
 * anti-endometrial antibodies, an inherited-thrombophilia panel (without a venous thromboembolism
 * history), IVIG or lymphocyte immunotherapy; or aspirin or heparin in unexplained RPL without APS.
 * No verified codes exist for these tests: they are recognised by name. <b>Then</b> an info card
 * saying these are not recommended, with a suggestion to withdraw each order. <b>Not when</b> the
 * aspirin is from 12 weeks of pregnancy (another indication), or the heparin follows a venous
 * thromboembolism.
 *
 * <p>While the orders are written the same recommendation speaks on the drafts: {@link
 * Rpl23LowValueDrafts}.
 *
 * <p><b>Source:</b> ESHRE 2022; RCOG 2023.
 */
final class Rpl23LowValueCare extends Rule {

    private static final Set<RequestStatus> OPEN = Set.of(RequestStatus.DRAFT, RequestStatus.ACTIVE);

    Rpl23LowValueCare() {
        super(LowValueCare.ID, LowValueCare.TITLE, LowValueCare.SOURCE);
    }

    @Override
    boolean inclusion(Assessment assessment) {
        return !flagged(assessment).isEmpty();
    }

    /**
     * The exceptions (a thrombosis history; aspirin from 12 weeks with a pre-eclampsia risk factor)
     * are applied in {@link #flagged}.
     */
    @Override
    boolean exclusion(Assessment assessment) {
        return false;
    }

    /** The open orders and prescriptions of low value, each once. */
    private static List<Evidence> flagged(Assessment assessment) {
        var chart = assessment.facts().chart();
        // A thrombosis, thrombotic APS, a known thrombophilia, long-term anticoagulation or a valve: never low value.
        boolean vte = assessment.derived().thrombosis().anticoagulationIndicated();
        List<Evidence> flagged = new ArrayList<>();
        for (Order order : chart.orders()) {
            if (!OPEN.contains(order.status())) {
                continue;
            }
            if (LowValueCare.immune(order) || (!vte && LowValueCare.thrombophilia(order))) {
                flagged.add(order.evidence());
            }
        }
        chart.medications(Drug.IMMUNOTHERAPY).stream()
                .filter(m -> OPEN.contains(m.status()))
                .map(Medication::evidence)
                .forEach(flagged::add);
        if (assessment.derived().unexplained()
                && !assessment.derived().apsConfirmed().holds()) {
            // Clinical rules 8.7: aspirin is indicated from 12 weeks with a pre-eclampsia risk factor, or after a
            // thrombosis.
            boolean indicated = LowValueCare.aspirinIndicated(assessment, vte);
            chart.medications(Drug.ASPIRIN).stream()
                    .filter(m -> OPEN.contains(m.status()) && !indicated)
                    .map(Medication::evidence)
                    .forEach(flagged::add);
            if (!vte) {
                chart.medications(Drug.HEPARIN).stream()
                        .filter(m -> OPEN.contains(m.status()))
                        .map(Medication::evidence)
                        .forEach(flagged::add);
            }
        }
        return flagged.stream().distinct().toList();
    }

    @Override
    Finding card(Assessment assessment) {
        List<Evidence> flagged = flagged(assessment);
        return finding(
                assessment,
                Indicator.INFO,
                "This test/treatment is not recommended for recurrent pregnancy loss by ESHRE/RCOG.",
                new Detail()
                        .evidence("Orders", flagged)
                        .text(
                                "NK-cell and HLA testing, anti-sperm or anti-endometrial antibodies, inherited thrombophilia"
                                        + " screening without a thrombosis history, immunotherapy, and aspirin or heparin for unexplained RPL"
                                        + " do not improve live birth rates."),
                flagged.stream()
                        .map(e -> ProposedAction.remove(withdrawal(e.description()), e.description(), e.reference()))
                        .toList());
    }

    /**
     * The button, in clinician words rather than the record's (§8 R9): {@code Withdraw the NK-cell
     * assay order}, {@code Stop the aspirin prescription}.
     */
    static String withdrawal(String recordText) {
        String text = " " + recordText.toLowerCase(Locale.ROOT) + " ";
        if (text.contains("aspirin")) {
            return "Stop the aspirin prescription";
        }
        if (text.contains("heparin") || text.contains("parin ") || text.contains("lmwh")) {
            return "Stop the heparin prescription";
        }
        if (text.contains("immunoglobulin")
                || text.contains("ivig")
                || text.contains("intralipid")
                || text.contains("immunotherapy")
                || text.contains("lymphocyte")) {
            return "Stop the immunotherapy prescription";
        }
        if (text.contains(" nk") || text.contains("natural killer") || text.contains("cd56")) {
            return "Withdraw the NK-cell assay order";
        }
        if (text.contains("hla")) {
            return "Withdraw the HLA typing order";
        }
        if (text.contains("sperm")) {
            return "Withdraw the anti-sperm antibody order";
        }
        if (text.contains("endometri")) {
            return "Withdraw the anti-endometrial antibody order";
        }
        return "Withdraw the thrombophilia test order";
    }
}
