package org.rplcds.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rplcds.facts.Analyte;
import org.rplcds.facts.Drug;
import org.rplcds.facts.Evidence;
import org.rplcds.facts.LabResult;
import org.rplcds.facts.PatientFacts;
import org.rplcds.facts.Problem;
import org.rplcds.facts.ProblemKind;

/**
 * RPL-15: prolactin.
 *
 * <p>When the patient has lost a pregnancy and hyperprolactinaemia (or a prolactinoma) is diagnosed
 * or the latest prolactin is above the limit; or RPL is identified with oligo- or amenorrhoea and
 * no prolactin on record. Then an info card to check prolactin and treat if raised. Prolactin is
 * not screened without symptoms (ESHRE 2022).
 *
 * <p>Not when a dopamine agonist is active.
 *
 * <p>Source: source text; ESHRE 2022 (symptom-driven).
 */
public final class Rpl15Prolactin implements Recommendation {

    public static final String ID = "RPL-15";
    static final Citation SOURCE = new Citation("Source text; ESHRE 2022 (symptom-driven)", Citation.ESHRE_2022.url());

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<Finding> evaluate(Assessment assessment) {
        PatientFacts facts = assessment.facts();
        GuidelineProfile profile = assessment.profile();
        var chart = facts.chart();
        if (chart.onTherapy(Drug.DOPAMINE_AGONIST)) {
            return Optional.empty();
        }
        List<Evidence> diagnoses = new ArrayList<>(chart.problems(ProblemKind.HYPERPROLACTINAEMIA).stream()
                .map(Problem::evidence)
                .toList());
        var latest = chart.latestValue(Analyte.PROLACTIN);
        boolean raised = latest.filter(r -> r.value()
                                .orElseThrow()
                                .compareTo(r.high().orElse(profile.thresholds().prolactinUpper()))
                        > 0)
                .isPresent();
        boolean lossAndProlactin = facts.history().lossCount() >= 1 && (!diagnoses.isEmpty() || raised);
        List<Evidence> cycle = chart.problems(ProblemKind.OLIGO_AMENORRHOEA).stream()
                .map(Problem::evidence)
                .toList();
        boolean rplAndCycle = assessment.rpl() && !cycle.isEmpty() && !chart.resulted(Analyte.PROLACTIN);
        if (!lossAndProlactin && !rplAndCycle) {
            return Optional.empty();
        }
        List<LabResult> results = latest.map(List::of).orElse(List.of());
        List<ProposedAction> actions = chart.ordered(Analyte.PROLACTIN) || (latest.isPresent() && !raised)
                ? List.of()
                : List.of(ProposedAction.order("Order prolactin", SuggestedCodes.PROLACTIN));
        return Optional.of(new Finding(
                ID,
                "Prolactin",
                Indicator.INFO,
                "Hyperprolactinaemia / cycle disorder with pregnancy loss. Check prolactin and treat if raised.",
                new Detail()
                        .evidence("Diagnoses", diagnoses)
                        .evidence("Cycle disorder", rplAndCycle ? cycle : List.of())
                        .results("Prolactin", results)
                        .text(
                                "Prolactin is checked for symptoms of hyperprolactinaemia, not as a screen; raised prolactin"
                                        + " is treated with a dopamine agonist before conception.")
                        .sources("Source text; ESHRE 2022"),
                SOURCE,
                actions));
    }
}
