package org.rplcds.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.rplcds.facts.Drug;
import org.rplcds.facts.Evidence;
import org.rplcds.facts.Medication;
import org.rplcds.facts.Order;
import org.rplcds.facts.ProblemKind;
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
 * <p><b>Source:</b> ESHRE 2022; RCOG 2023.
 */
final class Rpl23LowValueCare extends Rule {

    private static final List<String> IMMUNE_TESTS = List.of(
            "natural killer",
            "nk cell",
            "nk-cell",
            "cd56",
            "hla typing",
            "hla-",
            "hla ",
            "anti-sperm",
            "antisperm",
            "sperm antibod",
            "anti-endometrial",
            "endometrial antibod");
    private static final List<String> THROMBOPHILIA_TESTS = List.of(
            "thrombophilia",
            "factor v leiden",
            "prothrombin gene",
            "prothrombin 20210",
            "protein c ",
            "protein s ",
            "antithrombin",
            "mthfr");
    private static final Set<RequestStatus> OPEN = Set.of(RequestStatus.DRAFT, RequestStatus.ACTIVE);

    Rpl23LowValueCare() {
        super(
                "RPL-23",
                "Low-value test or treatment",
                new Citation("ESHRE 2022; RCOG Green-top Guideline No. 17 (2023)", Citation.ESHRE_2022.url()));
    }

    @Override
    boolean inclusion(Assessment assessment) {
        return !flagged(assessment).isEmpty();
    }

    /** The exceptions (a thrombosis history, aspirin from 12 weeks) are applied in {@link #flagged}. */
    @Override
    boolean exclusion(Assessment assessment) {
        return false;
    }

    /** The open orders and prescriptions of low value, each once. */
    private static List<Evidence> flagged(Assessment assessment) {
        var chart = assessment.facts().chart();
        boolean vte = chart.hasProblem(ProblemKind.VENOUS_THROMBOEMBOLISM);
        List<Evidence> flagged = new ArrayList<>();
        for (Order order : chart.orders()) {
            if (!OPEN.contains(order.status())) {
                continue;
            }
            String text = " " + order.text().toLowerCase(Locale.ROOT) + " ";
            boolean immune = IMMUNE_TESTS.stream().anyMatch(text::contains);
            boolean thrombophilia = !vte && THROMBOPHILIA_TESTS.stream().anyMatch(text::contains);
            if (immune || thrombophilia) {
                flagged.add(order.evidence());
            }
        }
        chart.medications(Drug.IMMUNOTHERAPY).stream()
                .filter(m -> OPEN.contains(m.status()))
                .map(Medication::evidence)
                .forEach(flagged::add);
        if (assessment.unexplained() && !assessment.apsConfirmed().holds()) {
            boolean pregnantPast12 = assessment.pregnant() && assessment.gestationDays() >= 12 * 7;
            chart.medications(Drug.ASPIRIN).stream()
                    .filter(m -> OPEN.contains(m.status()) && !pregnantPast12)
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
                        .map(e -> ProposedAction.remove("Withdraw", e.description(), e.reference()))
                        .toList());
    }
}
