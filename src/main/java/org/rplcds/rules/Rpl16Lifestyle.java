package org.rplcds.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.rplcds.facts.Analyte;
import org.rplcds.facts.Evidence;
import org.rplcds.facts.Interpretation;
import org.rplcds.facts.LabResult;
import org.rplcds.facts.ProblemKind;

/**
 * RPL-16 Modifiable lifestyle risks.
 *
 * <p><b>Guideline:</b> ESHRE 2022 and the source text advise stopping smoking and alcohol and
 * reaching a normal weight (paraphrased, to be checked against the full text).
 *
 * <p><b>When</b> she has RPL or is pregnant and the record shows current smoking (latest smoking
 * status of the last 24 months, else an active tobacco diagnosis), risky alcohol use (AUDIT-C 3 or
 * more in the last 24 months, or alcohol in pregnancy), or a BMI of 30 or more or under 18.5 taken
 * in the last 12 months and, in pregnancy, before 14+0 weeks (clinical rules §8 R5). <b>Then</b> an
 * info card to offer cessation or limitation support. <b>Not when</b>: no exclusion; caffeine intake has no coded source and is not
 * read.
 *
 * <p><b>Source:</b> ESHRE 2022; source text.
 */
final class Rpl16Lifestyle extends Rule {

    Rpl16Lifestyle() {
        super("RPL-16", "Lifestyle", new Citation("ESHRE 2022; source text", Citation.ESHRE_2022.url()));
    }

    /** The risks found, and the entries that show them. */
    private record Risks(List<String> named, List<LabResult> results, List<Evidence> diagnoses) {}

    @Override
    boolean inclusion(Assessment assessment) {
        return (assessment.pregnant() || assessment.rpl())
                && !risks(assessment).named().isEmpty();
    }

    @Override
    boolean exclusion(Assessment assessment) {
        return false;
    }

    private static Risks risks(Assessment assessment) {
        var chart = assessment.facts().chart();
        Thresholds.Lifestyle limits = assessment.profile().thresholds().lifestyle();
        List<String> risks = new ArrayList<>();
        List<LabResult> results = new ArrayList<>();
        List<Evidence> diagnoses = new ArrayList<>();
        LocalDate today = assessment.facts().evaluationDate();
        LocalDate answersSince = today.minusMonths(limits.maxAgeMonths());
        var status = latestSince(chart.results(Analyte.SMOKING_STATUS), answersSince);
        if (status.isPresent()) {
            if (status.get().interpretation() == Interpretation.POSITIVE) {
                risks.add("smoking");
                results.add(status.get());
            }
        } else {
            List<Evidence> tobacco = chart.activeProblemEvidence(ProblemKind.TOBACCO_USE);
            if (!tobacco.isEmpty()) {
                risks.add("smoking");
                diagnoses.addAll(tobacco);
            }
        }
        var audit = latestSince(withValue(chart.results(Analyte.AUDIT_C)), answersSince)
                .filter(r -> r.value().orElseThrow().intValue() >= limits.auditCPositive());
        List<Evidence> alcoholInPregnancy =
                assessment.pregnant() ? chart.activeProblemEvidence(ProblemKind.ALCOHOL_IN_PREGNANCY) : List.of();
        if (audit.isPresent() || !alcoholInPregnancy.isEmpty()) {
            risks.add("alcohol");
            audit.ifPresent(results::add);
            diagnoses.addAll(alcoholInPregnancy);
        }
        var bmi = latestSince(
                        bmis(assessment, withValue(chart.results(Analyte.BMI))),
                        today.minusMonths(limits.bmiMaxAgeMonths()))
                .filter(r -> {
                    var value = r.value().orElseThrow();
                    return value.compareTo(limits.bmiHigh()) >= 0 || value.compareTo(limits.bmiLow()) < 0;
                });
        if (bmi.isPresent()) {
            risks.add("BMI "
                    + Quantities.value(bmi.get(), assessment.presentation().units()));
            results.add(bmi.get());
        }
        return new Risks(risks, results, diagnoses);
    }

    /** The latest result on or after the date. */
    private static Optional<LabResult> latestSince(List<LabResult> results, LocalDate since) {
        return results.stream().filter(r -> !r.date().isBefore(since)).max(Comparator.comparing(LabResult::date));
    }

    private static List<LabResult> withValue(List<LabResult> results) {
        return results.stream().filter(r -> r.value().isPresent()).toList();
    }

    /**
     * In pregnancy a booking or pre-pregnancy BMI, taken before 14+0 weeks of this pregnancy
     * (clinical rules §8.7 R5): weight gained later in pregnancy is not a modifiable risk. When the
     * start of the pregnancy is not known, the age limit alone applies.
     */
    private static List<LabResult> bmis(Assessment assessment, List<LabResult> results) {
        if (!assessment.pregnant()) {
            return results;
        }
        var start = assessment.facts().pregnancy().start(assessment.facts().evaluationDate());
        if (start.isEmpty()) {
            return results;
        }
        LocalDate until = start.get()
                .plusDays(assessment.profile().thresholds().lifestyle().bmiPregnantBeforeDays());
        return results.stream().filter(r -> r.date().isBefore(until)).toList();
    }

    @Override
    Finding card(Assessment assessment) {
        Risks risks = risks(assessment);
        return finding(
                assessment,
                Indicator.INFO,
                "Modifiable risks recorded: " + String.join(", ", risks.named())
                        + ". Offer cessation/limitation support before and during pregnancy.",
                new Detail()
                        .results("Results", risks.results())
                        .evidence("Diagnoses", risks.diagnoses())
                        .text(
                                "Smoking, alcohol, obesity and underweight are associated with miscarriage; support to change"
                                        + " them is offered before and during pregnancy."),
                List.of());
    }
}
