package org.rplcds.rules;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.rplcds.facts.Analyte;
import org.rplcds.facts.Evidence;
import org.rplcds.facts.LabResult;
import org.rplcds.facts.Problem;
import org.rplcds.facts.ProblemKind;

/**
 * RPL-17 Fever in pregnancy.
 *
 * <p><b>Guideline:</b> the source text treats fever in pregnancy promptly, from 38.5 °C; a common
 * obstetric definition is 38.0 °C (to be checked).
 *
 * <p><b>When</b> she is pregnant and a temperature at or above the profile's fever threshold (38.0
 * °C; the source text 38.5 °C) was measured in the last 48 hours, or fever was diagnosed with onset
 * in that time. Record dates are read to the day, so "48 hours" covers today and the two days
 * before. <b>Then</b> a warning to assess for infection and treat the fever, suggesting a full
 * blood count, CRP and a urine culture (to be checked). <b>Not when</b>: no
 * exclusion.
 *
 * <p><b>Source:</b> source text (38.5 °C); NICE NG51 (sepsis), not ACOG Practice Bulletin 142, which
 * is about cerclage.
 */
final class Rpl17FeverInPregnancy extends Rule {

    Rpl17FeverInPregnancy() {
        super("RPL-17", "Fever in pregnancy", Citation.SOURCE_TEXT, Citation.NICE_NG51);
    }

    @Override
    boolean inclusion(Assessment assessment) {
        return assessment.pregnant()
                && (fever(assessment).isPresent() || !diagnosed(assessment).isEmpty());
    }

    @Override
    boolean exclusion(Assessment assessment) {
        return false;
    }

    private static LocalDate since(Assessment assessment) {
        return assessment
                .facts()
                .evaluationDate()
                .minusDays(Math.max(1, assessment.profile().thresholds().fever().windowHours() / 24));
    }

    /** The highest temperature at or above the threshold in the window. */
    private static Optional<LabResult> fever(Assessment assessment) {
        LocalDate since = since(assessment);
        return assessment.facts().chart().results(Analyte.BODY_TEMPERATURE).stream()
                .filter(r -> !r.date().isBefore(since) && r.value().isPresent())
                .filter(r -> r.value().get().compareTo(assessment.profile().feverCelsius()) >= 0)
                .max(Comparator.comparing(r -> r.value().get()));
    }

    private static List<Evidence> diagnosed(Assessment assessment) {
        LocalDate since = since(assessment);
        return assessment.facts().chart().problems(ProblemKind.FEVER).stream()
                .filter(p -> p.date().filter(d -> !d.isBefore(since)).isPresent())
                .map(Problem::evidence)
                .toList();
    }

    @Override
    Finding card(Assessment assessment) {
        var fever = fever(assessment);
        String gestation = assessment.facts().pregnancy().gestation();
        String summary = fever.isPresent()
                ? "Temperature "
                        + Quantities.value(
                                fever.get(), assessment.presentation().units())
                        + " in pregnancy (" + gestation
                        + "). Assess for infection; treat fever promptly."
                : "Fever recorded in pregnancy (" + gestation + "). Assess for infection; treat fever promptly.";
        return finding(
                assessment,
                Indicator.WARNING,
                summary,
                new Detail()
                        .results("Temperature", fever.map(List::of).orElse(List.of()))
                        .evidence("Fever diagnosed", diagnosed(assessment))
                        .text("Fever threshold for this profile: "
                                + Quantities.threshold(
                                        Analyte.BODY_TEMPERATURE,
                                        assessment.profile().feverCelsius(),
                                        assessment.presentation().units())
                                + "."),
                List.of(
                        ProposedAction.order("Order full blood count", SuggestedCodes.FULL_BLOOD_COUNT),
                        ProposedAction.order("Order CRP", SuggestedCodes.CRP),
                        ProposedAction.order("Order urine culture", SuggestedCodes.URINE_CULTURE)));
    }
}
