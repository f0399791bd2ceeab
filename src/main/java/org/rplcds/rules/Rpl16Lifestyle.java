package org.rplcds.rules;

import java.util.ArrayList;
import java.util.List;
import org.rplcds.facts.Analyte;
import org.rplcds.facts.Evidence;
import org.rplcds.facts.Interpretation;
import org.rplcds.facts.LabResult;
import org.rplcds.facts.Problem;
import org.rplcds.facts.ProblemKind;

/**
 * RPL-16 Modifiable lifestyle risks.
 *
 * <p><b>Guideline:</b> ESHRE 2022 and the source text advise stopping smoking and alcohol and
 * reaching a normal weight (paraphrased, to be checked against the full text).
 *
 * <p><b>When</b> she has RPL or is pregnant and the record shows current smoking (latest smoking
 * status, else an active tobacco diagnosis), risky alcohol use (AUDIT-C 3 or more, or alcohol in
 * pregnancy), or a BMI of 30 or more or under 18.5. <b>Then</b> an info card to offer cessation or
 * limitation support. <b>Not when</b>: no exclusion; caffeine intake has no coded source and is not
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
        Thresholds limits = assessment.profile().thresholds();
        List<String> risks = new ArrayList<>();
        List<LabResult> results = new ArrayList<>();
        List<Evidence> diagnoses = new ArrayList<>();
        var status = chart.latest(Analyte.SMOKING_STATUS);
        if (status.isPresent()) {
            if (status.get().interpretation() == Interpretation.POSITIVE) {
                risks.add("smoking");
                results.add(status.get());
            }
        } else {
            List<Evidence> tobacco = chart.problems(ProblemKind.TOBACCO_USE).stream()
                    .filter(Problem::active)
                    .map(Problem::evidence)
                    .toList();
            if (!tobacco.isEmpty()) {
                risks.add("smoking");
                diagnoses.addAll(tobacco);
            }
        }
        var audit = chart.latestValue(Analyte.AUDIT_C)
                .filter(r -> r.value().orElseThrow().intValue() >= limits.auditCPositive());
        List<Evidence> alcoholInPregnancy = assessment.pregnant()
                ? chart.problems(ProblemKind.ALCOHOL_IN_PREGNANCY).stream()
                        .filter(Problem::active)
                        .map(Problem::evidence)
                        .toList()
                : List.of();
        if (audit.isPresent() || !alcoholInPregnancy.isEmpty()) {
            risks.add("alcohol");
            audit.ifPresent(results::add);
            diagnoses.addAll(alcoholInPregnancy);
        }
        var bmi = chart.latestValue(Analyte.BMI).filter(r -> {
            var value = r.value().orElseThrow();
            return value.compareTo(limits.bmiHigh()) >= 0 || value.compareTo(limits.bmiLow()) < 0;
        });
        if (bmi.isPresent()) {
            risks.add("BMI " + Rules.number(bmi.get().value().orElseThrow()));
            results.add(bmi.get());
        }
        return new Risks(risks, results, diagnoses);
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
