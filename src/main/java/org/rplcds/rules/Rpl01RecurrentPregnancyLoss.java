package org.rplcds.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.rplcds.facts.LossKind;
import org.rplcds.facts.PatientFacts;
import org.rplcds.facts.PregnancyEvent;
import org.rplcds.rules.derived.WorkUp;

/**
 * RPL-01 Recurrent pregnancy loss identified.
 *
 * <p><b>Guideline:</b> ESHRE 2022: two or more pregnancy losses, not necessarily consecutive,
 * pregnancy confirmed by hCG; RCOG 2023: "all pregnancy losses from conception until 24 weeks",
 * three or more; ASRM 2012: "clinical evaluation may proceed following two first-trimester
 * losses"; the source text: three consecutive miscarriages before 28 weeks.
 *
 * <p><b>When</b> the losses on record meet the profile's definition, or a
 * clinician has recorded RPL. <b>Then</b> an info card names the count and the definition, and
 * offers to add RPL to the problem list (N96 when not pregnant, O26.2x by trimester when pregnant)
 * unless it is there already. <b>Not when</b> RPL is already diagnosed and nothing of the
 * evaluation of RPL-02, 03, 05 and 08 is still to do: there is nothing to add; nor while she is
 * pregnant at 14+0 weeks or later (RCOG 2023 and ESHRE 2022 evaluate between pregnancies; what
 * changes this pregnancy, aPL and thyroid, is asked before 14+0). RPL long past, with no loss,
 * diagnosis or fertility care for years, gives only a reminder ({@link #past}). By default its card
 * is the evaluation card, which holds theirs ({@link EvaluationCard}). Ectopic, molar and induced
 * losses never count.
 *
 * <p><b>Source:</b> the profile's own definition (ESHRE 2022, RCOG 2023, ASRM 2012 or the source
 * text).
 */
final class Rpl01RecurrentPregnancyLoss extends Rule {

    Rpl01RecurrentPregnancyLoss() {
        super("RPL-01", "Recurrent pregnancy loss identified", Citation.ESHRE_2022);
    }

    @Override
    List<Citation> sources(Assessment assessment) {
        return List.of(assessment.profile().definition());
    }

    @Override
    Finding card(Assessment assessment) {
        PatientFacts facts = assessment.facts();
        GuidelineProfile profile = assessment.profile();
        return finding(
                assessment,
                Indicator.INFO,
                summary(facts, profile, assessment.derived().rplOrderUnknown()),
                detail(facts, profile, assessment.derived().rplOrderUnknown()),
                actions(facts));
    }

    @Override
    boolean inclusion(Assessment assessment) {
        return assessment.rpl();
    }

    /**
     * RPL is already an active diagnosis and nothing of the evaluation (RPL-02, 03, 05, 08) is still
     * to do: done, ordered, or waiting for the end of the pregnancy or a risk assessment. Or she is
     * pregnant at {@code workup.defer-from-weeks} (14+0) or later: the evaluation waits for the end
     * of the pregnancy.
     */
    @Override
    boolean exclusion(Assessment assessment) {
        WorkUp workUp = assessment.derived().workUp();
        return workUp.deferred() || (assessment.facts().history().rplAsserted() && !workUp.anyToDo());
    }

    /**
     * Recurrent pregnancy loss long past ({@link Eligibility}): the one card she gets, a reminder
     * without a suggestion, {@code Past recurrent pregnancy loss (3 losses, last in 2016). Offer
     * evaluation if she plans a pregnancy.}
     */
    Finding past(Assessment assessment) {
        var history = assessment.facts().history();
        GuidelineProfile profile = assessment.profile();
        int years = profile.thresholds().eligibility().recentLossYears();
        LocalDate last = history.losses().stream()
                .flatMap(loss -> loss.date().stream())
                .max(LocalDate::compareTo)
                .or(() -> Eligibility.lastLoss(assessment.facts()))
                .orElseThrow();
        Detail detail = new Detail()
                .lead("Definition (" + profile.label() + "):", profile.definitionText() + ".")
                .events("Losses counted (" + history.losses().size() + ")", history.losses())
                .evidence("Recurrent pregnancy loss diagnosed", history.rplAssertions())
                .text("No pregnancy loss in the last " + years + " years, no recurrent pregnancy loss diagnosed in"
                        + " them, and no infertility care or procreative management in the last 12 months. The"
                        + " evaluation serves a woman who plans a pregnancy: offer it then.");
        return finding(
                assessment,
                Indicator.INFO,
                "Past recurrent pregnancy loss (" + history.lossCount() + " losses, last in " + last.getYear()
                        + "). Offer evaluation if she plans a pregnancy.",
                detail,
                List.of());
    }

    private static String summary(PatientFacts facts, GuidelineProfile profile, boolean orderUnknown) {
        var history = facts.history();
        if (orderUnknown) {
            return "Possible recurrent pregnancy loss: " + history.lossCount() + " losses on record, order unknown ("
                    + profile.label() + " definition). Review RPL evaluation.";
        }
        String count = history.lossCount() >= profile.minLosses() || !history.rplAsserted()
                ? String.valueOf(history.lossCount())
                : "unknown";
        return "Recurrent pregnancy loss: " + count + " losses on record (" + profile.label()
                + " definition). Review RPL evaluation.";
    }

    private static Detail detail(PatientFacts facts, GuidelineProfile profile, boolean orderUnknown) {
        var history = facts.history();
        Detail detail = new Detail()
                .lead("Definition (" + profile.label() + "):", profile.definitionText() + ".")
                .events("Losses counted (" + history.losses().size() + ")", history.losses());
        if (history.recordedCount().isPresent()) {
            detail = detail.lead(
                    "Recorded number of spontaneous abortions:",
                    String.valueOf(history.recordedCount().get()));
        }
        detail = detail.evidence("History of miscarriage recorded (count unknown)", history.historyOnly())
                .evidence("Recurrent pregnancy loss already diagnosed", history.rplAssertions());
        if (orderUnknown) {
            detail = detail.text("The " + profile.label()
                    + " definition needs consecutive losses, and the record does not date every loss or live birth.");
        }
        Map<LossKind, Integer> notCounted = new TreeMap<>();
        for (PregnancyEvent event : history.events()) {
            if (!history.losses().contains(event) && event.kind() != LossKind.LIVE_BIRTH) {
                notCounted.merge(event.kind(), 1, Integer::sum);
            }
        }
        if (!notCounted.isEmpty()) {
            List<String> parts = new ArrayList<>();
            notCounted.forEach((kind, n) -> parts.add(n + " " + plural(kind)));
            detail = detail.text("Not counted as pregnancy losses: " + String.join(", ", parts) + ".");
        }
        return detail;
    }

    private static String plural(LossKind kind) {
        return switch (kind) {
            case BIOCHEMICAL -> "biochemical loss(es)";
            case INDUCED -> "induced abortion(s)";
            case ECTOPIC -> "ectopic pregnancy(ies)";
            case MOLAR -> "molar pregnancy(ies)";
            case FETAL_DEATH -> "stillbirth(s) or fetal death(s)";
            default -> kind.name().toLowerCase(Locale.ROOT);
        };
    }

    private static List<ProposedAction> actions(PatientFacts facts) {
        if (facts.history().rplAsserted()) {
            return List.of();
        }
        if (!facts.pregnancy().pregnant()) {
            return List.of(ProposedAction.problem(
                    "Add recurrent pregnancy loss to the problem list",
                    new Concept(Concept.ICD10CM, "N96", "Recurrent pregnancy loss")));
        }
        Concept code =
                switch (facts.pregnancy().trimester().orElse(0)) {
                    case 1 -> new Concept(
                            Concept.ICD10CM,
                            "O26.21",
                            "Pregnancy care for patient with recurrent pregnancy loss, first trimester");
                    case 2 -> new Concept(
                            Concept.ICD10CM,
                            "O26.22",
                            "Pregnancy care for patient with recurrent pregnancy loss, second trimester");
                    case 3 -> new Concept(
                            Concept.ICD10CM,
                            "O26.23",
                            "Pregnancy care for patient with recurrent pregnancy loss, third trimester");
                    default -> new Concept(
                            Concept.ICD10CM,
                            "O26.20",
                            "Pregnancy care for patient with recurrent pregnancy loss, unspecified trimester");
                };
        return List.of(
                ProposedAction.problem("Add recurrent pregnancy loss (pregnancy care) to the problem list", code));
    }
}
