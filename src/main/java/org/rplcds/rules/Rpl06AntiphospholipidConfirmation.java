package org.rplcds.rules;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rplcds.facts.Analyte;
import org.rplcds.facts.LabResult;
import org.rplcds.facts.PatientFacts;

/**
 * RPL-06: confirm antiphospholipid antibodies.
 *
 * <p>When an antiphospholipid test is positive and the same test has not been repeated at least
 * 12 weeks later. Then an info card asks for the repeat, dated no earlier than 12 weeks after.
 *
 * <p>Not when the repeat is ordered, or APS is already confirmed.
 *
 * <p>Source: Sydney 2006 classification criteria.
 */
public final class Rpl06AntiphospholipidConfirmation implements Recommendation {

    public static final String ID = "RPL-06";
    private static final Map<Analyte, Concept> REPEATS = Map.of(
            Analyte.LUPUS_ANTICOAGULANT, SuggestedCodes.LUPUS_ANTICOAGULANT,
            Analyte.ANTICARDIOLIPIN_IGG, SuggestedCodes.ANTICARDIOLIPIN,
            Analyte.ANTICARDIOLIPIN_IGM, SuggestedCodes.ANTICARDIOLIPIN,
            Analyte.ANTICARDIOLIPIN_PANEL, SuggestedCodes.ANTICARDIOLIPIN,
            Analyte.BETA2_GLYCOPROTEIN, SuggestedCodes.BETA2_GLYCOPROTEIN);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<Finding> evaluate(Assessment assessment) {
        PatientFacts facts = assessment.facts();
        GuidelineProfile profile = assessment.profile();
        if (assessment.apsConfirmed().holds()) {
            return Optional.empty();
        }
        int weeks = profile.thresholds().aplRepeatWeeks();
        List<LabResult> unrepeated = assessment.positiveApl().stream()
                .filter(positive -> facts.chart().results(positive.analyte()).stream()
                        .noneMatch(later -> ChronoUnit.DAYS.between(positive.date(), later.date()) >= weeks * 7L))
                .filter(positive -> !facts.chart()
                        .orderedSince(positive.analyte(), positive.date().plusDays(1)))
                .toList();
        if (unrepeated.isEmpty()) {
            return Optional.empty();
        }
        LabResult first =
                unrepeated.stream().min(Comparator.comparing(LabResult::date)).orElseThrow();
        LocalDate notBefore = first.date().plusWeeks(weeks);
        List<ProposedAction> actions = unrepeated.stream()
                .map(r -> REPEATS.get(r.analyte()))
                .distinct()
                .map(code ->
                        ProposedAction.order("Repeat " + code.display(), code, "Repeat test, not before " + notBefore))
                .toList();
        String detail = new Detail()
                .results("Positive antiphospholipid results without a repeat " + weeks + " weeks later", unrepeated)
                .text(
                        "Antiphospholipid syndrome needs the same antibody positive on two occasions at least 12 weeks apart."
                                + " Repeat on or after " + notBefore + ".")
                .sources("Sydney classification criteria (2006)");
        return Optional.of(new Finding(
                ID,
                "Antiphospholipid confirmation",
                Indicator.INFO,
                "Positive antiphospholipid test on " + first.date()
                        + ". Repeat at least 12 weeks later to confirm APS.",
                detail,
                Citation.SYDNEY_2006,
                actions));
    }
}
