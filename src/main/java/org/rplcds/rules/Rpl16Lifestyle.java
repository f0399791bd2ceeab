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
 * in the last 12 months and, in pregnancy, before 14+0 weeks. <b>Then</b> an
 * info card listing each risk with its recorded value and date and what to offer for it:
 * stop-smoking support; no alcohol when trying to conceive or in pregnancy; with a BMI of 30 or more
 * weight-management support and folic acid 5 mg daily from before conception to 12 weeks (NICE
 * PH27), under 18.5 a dietetic review. <b>Not when</b>: no exclusion; caffeine intake has no coded source and is not
 * read.
 *
 * <p><b>Source:</b> ESHRE 2022; NICE PH27; source text.
 */
final class Rpl16Lifestyle extends Rule {

    Rpl16Lifestyle() {
        super("RPL-16", "Lifestyle", Citation.ESHRE_2022, Citation.NICE_PH27, Citation.SOURCE_TEXT);
    }

    /**
     * One risk found: how the summary names it, the recorded entry with its value and date, and
     * what to offer for it.
     */
    private record Risk(String named, Evidence shown, String offer, String briefly) {}

    @Override
    boolean inclusion(Assessment assessment) {
        return (assessment.pregnant() || assessment.rpl()) && !risks(assessment).isEmpty();
    }

    @Override
    boolean exclusion(Assessment assessment) {
        return false;
    }

    private static List<Risk> risks(Assessment assessment) {
        var chart = assessment.facts().chart();
        Thresholds.Lifestyle limits = assessment.profile().thresholds().lifestyle();
        List<Risk> risks = new ArrayList<>();
        LocalDate today = assessment.facts().evaluationDate();
        LocalDate answersSince = today.minusMonths(limits.maxAgeMonths());
        String smoking = "offer stop-smoking support";
        var status = latestSince(chart.results(Analyte.SMOKING_STATUS), answersSince);
        if (status.isPresent()) {
            LabResult smoker = status.get();
            if (smoker.interpretation() == Interpretation.POSITIVE) {
                String words = smoker.text().filter(t -> !t.isBlank()).orElse("Current smoker");
                risks.add(new Risk("smoking", shown(smoker, words), smoking, "stop-smoking support"));
            }
        } else {
            chart.activeProblemEvidence(ProblemKind.TOBACCO_USE).stream()
                    .findFirst()
                    .ifPresent(
                            tobacco -> risks.add(new Risk("smoking", dated(tobacco), smoking, "stop-smoking support")));
        }
        String noAlcohol =
                assessment.pregnant() ? "advise no alcohol in pregnancy" : "advise no alcohol when trying to conceive";
        var audit = latestSince(withValue(chart.results(Analyte.AUDIT_C)), answersSince)
                .filter(r -> r.value().orElseThrow().intValue() >= limits.auditCPositive());
        List<Evidence> alcoholInPregnancy =
                assessment.pregnant() ? chart.activeProblemEvidence(ProblemKind.ALCOHOL_IN_PREGNANCY) : List.of();
        if (audit.isPresent()) {
            String score = "AUDIT-C "
                    + audit.get().value().orElseThrow().stripTrailingZeros().toPlainString();
            risks.add(new Risk(score, shown(audit.get(), score), noAlcohol, "no-alcohol advice"));
        } else if (!alcoholInPregnancy.isEmpty()) {
            risks.add(
                    new Risk("alcohol in pregnancy", dated(alcoholInPregnancy.get(0)), noAlcohol, "no-alcohol advice"));
        }
        var bmi = latestSince(
                        bmis(assessment, withValue(chart.results(Analyte.BMI))),
                        today.minusMonths(limits.bmiMaxAgeMonths()))
                .filter(r -> {
                    var value = r.value().orElseThrow();
                    return value.compareTo(limits.bmiHigh()) >= 0 || value.compareTo(limits.bmiLow()) < 0;
                });
        if (bmi.isPresent()) {
            String value = "BMI "
                    + Quantities.value(bmi.get(), assessment.presentation().units());
            boolean high = bmi.get().value().orElseThrow().compareTo(limits.bmiHigh()) >= 0;
            // NICE PH27: folic acid 5 mg with a BMI of 30 or more, whether or not she has diabetes.
            risks.add(
                    high
                            ? new Risk(
                                    value,
                                    shown(bmi.get(), value),
                                    "offer weight-management support; folic acid 5 mg daily from before conception to"
                                            + " 12 weeks (NICE PH27)",
                                    "weight support and folic acid 5 mg")
                            : new Risk(value, shown(bmi.get(), value), "refer for dietetic review", "dietetic review"));
        }
        return risks;
    }

    /** The entry as the card lists it: {@code Current every day smoker, 2025-05-01}. */
    private static Evidence shown(LabResult result, String words) {
        return new Evidence(result.evidence().reference(), words + ", " + result.date(), Optional.empty());
    }

    private static Evidence dated(Evidence entry) {
        return new Evidence(
                entry.reference(),
                entry.description() + entry.date().map(d -> ", " + d).orElse(""),
                Optional.empty());
    }

    /** The latest result on or after the date. */
    private static Optional<LabResult> latestSince(List<LabResult> results, LocalDate since) {
        return results.stream().filter(r -> !r.date().isBefore(since)).max(Comparator.comparing(LabResult::date));
    }

    private static List<LabResult> withValue(List<LabResult> results) {
        return results.stream().filter(r -> r.value().isPresent()).toList();
    }

    /**
     * In pregnancy a booking or pre-pregnancy BMI, taken before 14+0 weeks of this pregnancy:
     * weight gained later in pregnancy is not a modifiable risk. When the start of the pregnancy is
     * not known, the age limit alone applies.
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
        List<Risk> risks = risks(assessment);
        List<Evidence> lines = risks.stream()
                .map(risk -> new Evidence(
                        risk.shown().reference(), risk.shown().description() + ": " + risk.offer(), Optional.empty()))
                .toList();
        return finding(
                assessment,
                Indicator.INFO,
                "Modifiable risks: "
                        + String.join(", ", risks.stream().map(Risk::named).toList()) + ". "
                        + "Offer "
                        + String.join("; ", risks.stream().map(Risk::briefly).toList()) + ".",
                new Detail()
                        .evidence("Risks recorded, and what to offer", lines)
                        .text(
                                "Smoking, alcohol, obesity and underweight are associated with miscarriage; support to change"
                                        + " them is offered before and during pregnancy."),
                List.of());
    }
}
