package org.rplcds.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rplcds.facts.Analyte;
import org.rplcds.facts.Evidence;
import org.rplcds.facts.Interpretation;
import org.rplcds.facts.LabResult;
import org.rplcds.facts.PatientFacts;
import org.rplcds.facts.Problem;
import org.rplcds.facts.ProblemKind;

/**
 * RPL-16: modifiable lifestyle risks.
 *
 * <p>When the patient has RPL or is pregnant and the record shows current smoking (latest smoking
 * status, else an active tobacco diagnosis), risky alcohol use (AUDIT-C 3 or more, or alcohol in
 * pregnancy), or a BMI of 30 or more or under 18.5. Then an info card to offer cessation or
 * limitation support. Caffeine intake has no coded source and is not read.
 *
 * <p>Source: ESHRE 2022; source text.
 */
public final class Rpl16Lifestyle implements Recommendation {

    public static final String ID = "RPL-16";
    static final Citation SOURCE = new Citation("ESHRE 2022; source text", Citation.ESHRE_2022.url());

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<Finding> evaluate(Assessment assessment) {
        PatientFacts facts = assessment.facts();
        GuidelineProfile profile = assessment.profile();
        boolean pregnant = assessment.pregnant();
        if (!pregnant && !assessment.rpl()) {
            return Optional.empty();
        }
        var chart = facts.chart();
        Thresholds limits = profile.thresholds();
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
        List<Evidence> alcoholInPregnancy = pregnant
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
        if (risks.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Finding(
                ID,
                "Lifestyle",
                Indicator.INFO,
                "Modifiable risks recorded: " + String.join(", ", risks)
                        + ". Offer cessation/limitation support before and during pregnancy.",
                new Detail()
                        .results("Results", results)
                        .evidence("Diagnoses", diagnoses)
                        .text(
                                "Smoking, alcohol, obesity and underweight are associated with miscarriage; support to change"
                                        + " them is offered before and during pregnancy.")
                        .sources("ESHRE 2022; source text"),
                SOURCE,
                List.of()));
    }
}
