package org.rplcds.rules;

import java.util.List;
import org.rplcds.facts.Evidence;
import org.rplcds.facts.PatientFacts;
import org.rplcds.facts.Problem;
import org.rplcds.facts.ProblemKind;

/** Early-pregnancy bleeding in this pregnancy: active, or with onset within the window. */
final class Bleeding {

    private Bleeding() {}

    static List<Evidence> recent(PatientFacts facts, GuidelineProfile profile) {
        var since =
                facts.evaluationDate().minusDays(profile.thresholds().bleeding().windowDays());
        var start = facts.pregnancy().start(facts.evaluationDate());
        return facts.chart().problems(ProblemKind.EARLY_PREGNANCY_BLEEDING).stream()
                .filter(p ->
                        p.date().isEmpty() || start.isEmpty() || !p.date().get().isBefore(start.get()))
                .filter(p ->
                        p.active() || p.date().filter(d -> !d.isBefore(since)).isPresent())
                .map(Problem::evidence)
                .toList();
    }
}
