package org.rplcds.rules;

import java.util.List;
import java.util.Locale;
import org.rplcds.facts.Order;
import org.rplcds.facts.ProblemKind;

/**
 * What RPL-23 holds of low value in RPL, read by its card on the record ({@link
 * Rpl23LowValueCare}) and by its advice while orders are written ({@link Rpl23LowValueDrafts}). No
 * verified codes exist for these tests: they are recognised by name.
 */
final class LowValueCare {

    static final String ID = "RPL-23";
    static final String TITLE = "Low-value test or treatment";
    static final List<Citation> SOURCE = List.of(Citation.ESHRE_2022, Citation.RCOG_2023);

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

    /** Pre-eclampsia risk factors that make low-dose aspirin from 12 weeks indicated (clinical rules §8.7). */
    private static final List<ProblemKind> PRE_ECLAMPSIA_RISKS = List.of(
            ProblemKind.HYPERTENSION,
            ProblemKind.CHRONIC_KIDNEY_DISEASE,
            ProblemKind.DIABETES,
            ProblemKind.AUTOIMMUNE_DISEASE);

    private LowValueCare() {}

    static boolean immune(Order order) {
        String text = " " + order.text().toLowerCase(Locale.ROOT) + " ";
        return IMMUNE_TESTS.stream().anyMatch(text::contains);
    }

    static boolean thrombophilia(Order order) {
        String text = " " + order.text().toLowerCase(Locale.ROOT) + " ";
        return THROMBOPHILIA_TESTS.stream().anyMatch(text::contains);
    }

    /** Aspirin's own indications: from 12 weeks with a pre-eclampsia risk factor, or a thrombosis history. */
    static boolean aspirinIndicated(Assessment assessment, boolean vte) {
        boolean fromTwelveWeeks = assessment.pregnant() && assessment.gestationDays() >= 12 * 7;
        boolean risk = PRE_ECLAMPSIA_RISKS.stream()
                .anyMatch(kind -> assessment.facts().chart().hasActiveProblem(kind));
        return vte || (fromTwelveWeeks && risk);
    }
}
