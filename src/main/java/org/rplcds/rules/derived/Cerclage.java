package org.rplcds.rules.derived;

import java.util.ArrayList;
import java.util.List;
import org.rplcds.facts.Evidence;
import org.rplcds.facts.PatientFacts;
import org.rplcds.facts.PerformedProcedure;
import org.rplcds.facts.Problem;
import org.rplcds.facts.ProblemKind;
import org.rplcds.facts.ProcedureKind;
import org.rplcds.rules.GuidelineProfile;

/**
 * The cervix and its cerclage in this pregnancy, read by RPL-12, RPL-13 and RPL-24.
 *
 * @param cervicalHistory what points to cervical insufficiency: the diagnosis, or a cerclage in an
 *     earlier pregnancy
 * @param abdominal abdominal cerclages on record, in this pregnancy or before it, with no removal
 *     after them
 * @param inPlace a cerclage placed in this pregnancy, one recorded in situ, or an abdominal cerclage
 *     not removed since it was placed: it stays
 * @param ordered a cerclage ordered
 * @param windowOpen pregnant within the profile's history-indicated cerclage window, with a cervical
 *     history
 */
public record Cerclage(
        List<Evidence> cervicalHistory,
        List<PerformedProcedure> abdominal,
        boolean inPlace,
        boolean ordered,
        boolean windowOpen) {

    public Cerclage {
        cervicalHistory = List.copyOf(cervicalHistory);
        abdominal = List.copyOf(abdominal);
    }

    /** RPL-12's advice stands: the window is open and no cerclage is in place or ordered. */
    public boolean historyIndicatedDue() {
        return windowOpen && !inPlace && !ordered;
    }

    static Cerclage of(PatientFacts facts, GuidelineProfile profile) {
        var chart = facts.chart();
        var start = facts.pregnancy().start(facts.evaluationDate());
        List<Evidence> history = new ArrayList<>();
        chart.problems(ProblemKind.CERVICAL_INSUFFICIENCY).stream()
                .map(Problem::evidence)
                .forEach(history::add);
        chart.procedures(ProcedureKind.CERCLAGE).stream()
                .filter(p -> start.isPresent()
                        && p.date().filter(d -> d.isBefore(start.get())).isPresent())
                .map(PerformedProcedure::evidence)
                .forEach(history::add);

        List<PerformedProcedure> removals = chart.procedures(ProcedureKind.CERCLAGE_REMOVAL);
        List<PerformedProcedure> abdominal = chart.procedures(ProcedureKind.ABDOMINAL_CERCLAGE).stream()
                .filter(placed -> removals.stream()
                        .noneMatch(removal -> placed.date().isEmpty()
                                || removal.date()
                                        .filter(d -> !d.isBefore(placed.date().get()))
                                        .isPresent()))
                .toList();

        boolean placed = chart.procedures(ProcedureKind.CERCLAGE).stream()
                .anyMatch(p -> start.isEmpty()
                        || p.date().filter(d -> !d.isBefore(start.get())).isPresent());
        boolean inPlace = placed || chart.hasActiveProblem(ProblemKind.CERCLAGE_IN_SITU) || !abdominal.isEmpty();

        int days = facts.pregnancy().gestationalAgeDays().orElse(-1);
        boolean windowOpen = facts.pregnancy().pregnant()
                && days >= profile.cerclageWindowStartDays()
                && days <= profile.cerclageWindowEndDays()
                && !history.isEmpty();
        return new Cerclage(history, abdominal, inPlace, chart.ordered(ProcedureKind.CERCLAGE), windowOpen);
    }
}
