package org.rplcds.rules;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.rplcds.facts.Analyte;
import org.rplcds.facts.LabResult;
import org.rplcds.facts.ProblemKind;

/**
 * RPL-14 Diabetes control.
 *
 * <p><b>Guideline:</b> the source text names uncontrolled diabetes as a cause of pregnancy loss;
 * ADA: HbA1c targets before and in pregnancy (to be checked).
 *
 * <p><b>When</b> diabetes is active and she is pregnant, has RPL or has lost a pregnancy, and the
 * latest HbA1c is above target (6.5 %; 6.0 % in pregnancy) or none is recent (180 days; 90 in
 * pregnancy). <b>Then</b> above target: a warning to optimise glucose control, with a referral,
 * in % and, under {@code cds.ui.units} = si, in mmol/mol too; none recent: an info card to order
 * HbA1c that names the last HbA1c and its date, if there is one (an old HbA1c above target falls
 * here). Before 12+0 weeks the detail adds folic acid 5 mg daily from before conception to 12 weeks.
 * <b>Not when</b> a recent HbA1c is on target, or, without
 * one, an HbA1c is ordered.
 *
 * <p><b>Source:</b> source text; ADA Standards of Care.
 */
final class Rpl14DiabetesControl extends Rule {

    /** 12+0 weeks, in days: high-dose folic acid is taken until then. */
    static final int FOLIC_ACID_UNTIL = 12 * 7;

    Rpl14DiabetesControl() {
        super("RPL-14", "Diabetes control", Citation.SOURCE_TEXT, Citation.ADA_PREGNANCY);
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
        Thresholds.Diabetes limits = assessment.profile().thresholds().diabetes();
        return assessment.pregnant() ? limits.hba1cPregnantMaxAgeDays() : limits.hba1cMaxAgeDays();
    }

    private static LocalDate since(Assessment assessment) {
        return assessment.facts().evaluationDate().minusDays(maxAgeDays(assessment));
    }

    private static BigDecimal target(Assessment assessment) {
        Thresholds.Diabetes limits = assessment.profile().thresholds().diabetes();
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
        Detail detail = new Detail().evidence("Diabetes", chart.activeProblemEvidence(ProblemKind.DIABETES));
        var units = assessment.presentation().units();
        var recent = recent(assessment);
        if (recent.isPresent()) {
            LabResult hba1c = recent.get();
            String target = Quantities.threshold(Analyte.HBA1C, target(assessment), units);
            // In SI units the warning gives mmol/mol and % both.
            String summary = units == Presentation.UnitSystem.SI
                    ? "Diabetes with HbA1c " + Quantities.bothUnits(hba1c) + ", target <" + target + " ("
                            + Quantities.threshold(
                                    Analyte.HBA1C, target(assessment), Presentation.UnitSystem.CONVENTIONAL)
                            + "). Optimise glucose control before/in pregnancy."
                    : "Diabetes with HbA1c " + Quantities.value(hba1c, units) + ", target <" + target
                            + ". Optimise glucose control before/in pregnancy.";
            return finding(
                    assessment,
                    Indicator.WARNING,
                    summary,
                    folicAcid(
                            assessment,
                            detail.results("HbA1c", List.of(hba1c))
                                    .text(
                                            "Poor glucose control around conception raises the risk of miscarriage and anomalies.")),
                    List.of(ProposedAction.order(
                            "Refer for diabetes optimisation",
                            SuggestedCodes.text(
                                    "Referral to diabetes care: optimise glucose control before or in pregnancy"))));
        }
        // An old HbA1c, above target or not, is named, and repeated.
        Optional<LabResult> last = chart.latestValue(Analyte.HBA1C);
        String summary = last.map(old -> "Diabetes without recent HbA1c (last " + Quantities.value(old, units) + " on "
                        + old.date() + "). Order HbA1c.")
                .orElse("Diabetes without recent HbA1c. Order HbA1c.");
        Detail missing = detail.text("No HbA1c in the last " + maxAgeDays(assessment) + " days.");
        if (last.isPresent()) {
            missing = missing.results("Last HbA1c", List.of(last.get()));
        }
        return finding(
                assessment,
                Indicator.INFO,
                summary,
                folicAcid(assessment, missing),
                List.of(ProposedAction.order("Order HbA1c", SuggestedCodes.HBA1C)));
    }

    /**
     * Diabetes calls for high-dose folic acid from before conception to 12 weeks (RCOG/NICE, to be
     * checked); said while it can still be taken, that is, before 12+0 weeks.
     */
    private static Detail folicAcid(Assessment assessment, Detail detail) {
        if (assessment.pregnant() && assessment.gestationDays() >= FOLIC_ACID_UNTIL) {
            return detail;
        }
        return detail.text("Folic acid 5 mg daily from before conception until 12 weeks of pregnancy (diabetes).");
    }
}
