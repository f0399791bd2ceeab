package org.rplcds.rules;

import java.util.ArrayList;
import java.util.List;
import org.rplcds.facts.Evidence;
import org.rplcds.facts.PatientFacts;
import org.rplcds.facts.PerformedProcedure;
import org.rplcds.facts.Problem;
import org.rplcds.facts.ProblemKind;
import org.rplcds.facts.ProcedureKind;

/** What in the record points to cervical insufficiency: the diagnosis, or a cerclage in an earlier pregnancy. */
final class CervicalHistory {

    private CervicalHistory() {}

    static List<Evidence> evidence(PatientFacts facts) {
        List<Evidence> found = new ArrayList<>();
        facts.chart().problems(ProblemKind.CERVICAL_INSUFFICIENCY).stream()
                .map(Problem::evidence)
                .forEach(found::add);
        var start = facts.pregnancy().start(facts.evaluationDate());
        facts.chart().procedures(ProcedureKind.CERCLAGE).stream()
                .filter(p -> start.isPresent()
                        && p.date().filter(d -> d.isBefore(start.get())).isPresent())
                .map(PerformedProcedure::evidence)
                .forEach(found::add);
        return found;
    }
}
