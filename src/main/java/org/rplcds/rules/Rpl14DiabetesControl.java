package org.rplcds.rules;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.rplcds.facts.Analyte;
import org.rplcds.facts.LabResult;
import org.rplcds.facts.Problem;
import org.rplcds.facts.ProblemKind;

/**
 * RPL-14 Diabetes control.
 *
 * <p><b>Guideline:</b> the source text names uncontrolled diabetes as a cause of pregnancy loss;
 * ADA: HbA1c targets before and in pregnancy (clinical rules 1.2, 2.10; to be checked).
 *
 * <p><b>When</b> diabetes is active and she is pregnant, has RPL or has lost a pregnancy, and the
 * latest HbA1c is above target (6.5 %; 6.0 % in pregnancy) or none is recent (180 days; 90 in
 * pregnancy). <b>Then</b> above target: a warning to optimise glucose control, with a referral;
 * none recent: an info card to order HbA1c. <b>Not when</b> a recent HbA1c is on target, or, without
 * one, an HbA1c is ordered.
 *
 * <p><b>Source:</b> source text; ADA Standards of Care.
 */
final class Rpl14DiabetesControl extends Rule {

    Rpl14DiabetesControl() {
        super(
                "RPL-14",
                "Diabetes control",
                new Citation("Source text; ADA Standards of Care", Citation.ADA_PREGNANCY.url()));
    }

    @Override
    boolean inclusion(Assessment assessment) {
        boolean atRisk = assessment.pregnant()
                || assessment.rpl()
                || assessment.facts().history().lossCount() >= 1;
        return atRisk && assessment.facts().chart().hasActiveProblem(ProblemKind.DIABETES);
    }

    @Override
    boolean exclusion(Assessment assessment) {
        var recent = recent(assessment);
        if (recent.isPresent()) {
            return recent.get().value().orElseThrow().compareTo(target(assessment)) <= 0;
        }
        return assessment.facts().chart().orderedSince(Analyte.HBA1C, since(assessment));
    }

    private static int maxAgeDays(Assessment assessment) {
        Thresholds limits = assessment.profile().thresholds();
        return assessment.pregnant() ? limits.hba1cPregnantMaxAgeDays() : limits.hba1cMaxAgeDays();
    }

    private static LocalDate since(Assessment assessment) {
        return assessment.facts().evaluationDate().minusDays(maxAgeDays(assessment));
    }

    private static BigDecimal target(Assessment assessment) {
        Thresholds limits = assessment.profile().thresholds();
        return assessment.pregnant() ? limits.hba1cPregnantTarget() : limits.hba1cTarget();
    }

    private static Optional<LabResult> recent(Assessment assessment) {
        LocalDate since = since(assessment);
        return assessment.facts().chart().latestValue(Analyte.HBA1C).filter(r -> !r.date()
                .isBefore(since));
    }

    @Override
    Finding card(Assessment assessment) {
        var chart = assessment.facts().chart();
        Detail detail = new Detail()
                .evidence(
                        "Diabetes",
                        chart.problems(ProblemKind.DIABETES).stream()
                                .filter(Problem::active)
                                .map(Problem::evidence)
                                .toList());
        var recent = recent(assessment);
        if (recent.isPresent()) {
            var value = recent.get().value().orElseThrow();
            return finding(
                    assessment,
                    Indicator.WARNING,
                    "Diabetes with HbA1c " + Rules.number(value) + "% (target <" + Rules.number(target(assessment))
                            + "%). Optimise glucose control before/in pregnancy.",
                    detail.results("HbA1c", List.of(recent.get()))
                            .text(
                                    "Poor glucose control around conception raises the risk of miscarriage and anomalies."),
                    List.of(ProposedAction.order(
                            "Refer for diabetes optimisation",
                            SuggestedCodes.text(
                                    "Referral to diabetes care: optimise glucose control before or in pregnancy"))));
        }
        return finding(
                assessment,
                Indicator.INFO,
                "Diabetes without recent HbA1c. Order HbA1c.",
                detail.text("No HbA1c in the last " + maxAgeDays(assessment) + " days."),
                List.of(ProposedAction.order("Order HbA1c", SuggestedCodes.HBA1C)));
    }
}
