package org.rplcds.rules.derived;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rplcds.facts.Chart;
import org.rplcds.facts.Evidence;
import org.rplcds.facts.PatientFacts;
import org.rplcds.facts.Problem;
import org.rplcds.facts.ProblemKind;

/**
 * The high-risk factors for pre-eclampsia of NICE NG133 on her record: chronic hypertension,
 * chronic kidney disease, type 1 or type 2 diabetes, lupus, antiphospholipid syndrome, and a
 * hypertensive disorder in an earlier pregnancy. Each makes low-dose aspirin from 12 weeks an
 * indication of its own: RPL-28 offers it, and RPL-23 leaves such aspirin alone. Heart failure is
 * not on the list.
 *
 * @param risks the factors she has, each with the entries that show it, in the order NICE names
 *     them
 */
public record PreeclampsiaRisk(List<Risk> risks) {

    /**
     * One high-risk factor.
     *
     * @param name as a card names it, such as {@code Chronic hypertension}
     * @param evidence the record entries that show it
     */
    public record Risk(String name, List<Evidence> evidence) {

        public Risk {
            evidence = List.copyOf(evidence);
        }
    }

    public PreeclampsiaRisk {
        risks = List.copyOf(risks);
    }

    /** Whether any high-risk factor is on record. */
    public boolean holds() {
        return !risks.isEmpty();
    }

    /** The entries that show the factors, each once. */
    public List<Evidence> evidence() {
        return risks.stream().flatMap(r -> r.evidence().stream()).distinct().toList();
    }

    /** The first factor in NICE's order, which a card names. */
    public Optional<Risk> first() {
        return risks.stream().findFirst();
    }

    static PreeclampsiaRisk of(PatientFacts facts, Fact apsConfirmed) {
        Chart chart = facts.chart();
        List<Risk> risks = new ArrayList<>();
        add(risks, "Chronic hypertension", chart.activeProblemEvidence(ProblemKind.HYPERTENSION));
        add(risks, "CKD", chart.activeProblemEvidence(ProblemKind.CHRONIC_KIDNEY_DISEASE));
        add(risks, "Diabetes", chart.activeProblemEvidence(ProblemKind.PREGESTATIONAL_DIABETES));
        add(risks, "Lupus", chart.activeProblemEvidence(ProblemKind.AUTOIMMUNE_DISEASE));
        add(risks, "APS", apsConfirmed.evidence());
        add(risks, "Earlier hypertensive pregnancy", earlierHypertensivePregnancy(facts));
        return new PreeclampsiaRisk(risks);
    }

    private static void add(List<Risk> risks, String name, List<Evidence> evidence) {
        if (!evidence.isEmpty()) {
            risks.add(new Risk(name, evidence));
        }
    }

    /**
     * A hypertensive disorder of pregnancy (O10-O16) dated before this pregnancy began, whatever its
     * status now; outside pregnancy every dated one is from an earlier pregnancy.
     */
    private static List<Evidence> earlierHypertensivePregnancy(PatientFacts facts) {
        Optional<LocalDate> start = facts.pregnancy().pregnant()
                ? facts.pregnancy().start(facts.evaluationDate())
                : Optional.of(facts.evaluationDate().plusDays(1));
        if (start.isEmpty()) {
            return List.of();
        }
        return facts.chart().problems(ProblemKind.HYPERTENSIVE_PREGNANCY).stream()
                .filter(p -> p.date().filter(d -> d.isBefore(start.get())).isPresent())
                .map(Problem::evidence)
                .toList();
    }
}
