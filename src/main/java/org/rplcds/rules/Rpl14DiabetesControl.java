package org.rplcds.rules;

import java.util.List;
import java.util.Optional;
import org.rplcds.facts.Analyte;
import org.rplcds.facts.PatientFacts;
import org.rplcds.facts.Problem;
import org.rplcds.facts.ProblemKind;

/**
 * RPL-14: diabetes control.
 *
 * <p>When diabetes is active and the patient is pregnant, has RPL or has lost a pregnancy. Then a
 * warning when the latest HbA1c is above target (6.5 %; 6.0 % in pregnancy), or an info card when
 * none is recent (90 days in pregnancy, 180 outside).
 *
 * <p>Not, for the missing-HbA1c card, when one is ordered.
 *
 * <p>Source: source text; ADA Standards of Care.
 */
public final class Rpl14DiabetesControl implements Recommendation {

    public static final String ID = "RPL-14";
    static final Citation SOURCE = new Citation("Source text; ADA Standards of Care", Citation.ADA_PREGNANCY.url());

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<Finding> evaluate(Assessment assessment) {
        PatientFacts facts = assessment.facts();
        GuidelineProfile profile = assessment.profile();
        var chart = facts.chart();
        boolean pregnant = assessment.pregnant();
        boolean atRisk = pregnant || assessment.rpl() || facts.history().lossCount() >= 1;
        if (!chart.hasActiveProblem(ProblemKind.DIABETES) || !atRisk) {
            return Optional.empty();
        }
        Thresholds limits = profile.thresholds();
        var since = facts.evaluationDate()
                .minusDays(pregnant ? limits.hba1cPregnantMaxAgeDays() : limits.hba1cMaxAgeDays());
        var target = pregnant ? limits.hba1cPregnantTarget() : limits.hba1cTarget();
        var recent = chart.latestValue(Analyte.HBA1C).filter(r -> !r.date().isBefore(since));
        Detail detail = new Detail()
                .evidence(
                        "Diabetes",
                        chart.problems(ProblemKind.DIABETES).stream()
                                .filter(Problem::active)
                                .map(Problem::evidence)
                                .toList());
        if (recent.isPresent()) {
            var value = recent.get().value().orElseThrow();
            if (value.compareTo(target) <= 0) {
                return Optional.empty();
            }
            return Optional.of(new Finding(
                    ID,
                    "Diabetes control",
                    Indicator.WARNING,
                    "Diabetes with HbA1c " + Rules.number(value) + "% (target <" + Rules.number(target)
                            + "%). Optimise glucose control before/in pregnancy.",
                    detail.results("HbA1c", List.of(recent.get()))
                            .text(
                                    "Poor glucose control around conception raises the risk of miscarriage and anomalies.")
                            .sources("Source text; ADA Standards of Care"),
                    SOURCE,
                    List.of(ProposedAction.order(
                            "Refer for diabetes optimisation",
                            SuggestedCodes.text(
                                    "Referral to diabetes care: optimise glucose control before or in pregnancy")))));
        }
        if (chart.orderedSince(Analyte.HBA1C, since)) {
            return Optional.empty();
        }
        return Optional.of(new Finding(
                ID,
                "Diabetes control",
                Indicator.INFO,
                "Diabetes without recent HbA1c. Order HbA1c.",
                detail.text("No HbA1c in the last "
                                + (pregnant ? limits.hba1cPregnantMaxAgeDays() : limits.hba1cMaxAgeDays()) + " days.")
                        .sources("Source text; ADA Standards of Care"),
                SOURCE,
                List.of(ProposedAction.order("Order HbA1c", SuggestedCodes.HBA1C))));
    }
}
