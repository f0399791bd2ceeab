package org.rplcds.rules;

import java.util.List;
import org.rplcds.facts.PatientFacts;
import org.rplcds.facts.PerformedProcedure;
import org.rplcds.facts.ProcedureKind;

/**
 * RPL-24 Plan cerclage removal.
 *
 * <p><b>Guideline:</b> the source text removes the suture 2–3 weeks before the due date or at
 * labour; ACOG Practice Bulletin 142 and RCOG Green-top Guideline 75: removal at 36+0 to 37+0 weeks
 * (clinical rules 1.3, to be checked).
 *
 * <p><b>When</b> she is pregnant at 35+0 weeks or later with a cerclage placed in this pregnancy (or
 * recorded in situ). <b>Then</b> an info card to plan elective removal at 36+0 to 37+0 weeks,
 * earlier with labour or ruptured membranes. <b>Not when</b> a removal is recorded in this pregnancy
 * or ordered.
 *
 * <p><b>Source:</b> ACOG Practice Bulletin 142; RCOG Green-top Guideline 75; source text.
 */
final class Rpl24CerclageRemoval extends Rule {

    static final int FROM = 35 * 7;

    Rpl24CerclageRemoval() {
        super(
                "RPL-24",
                "Cerclage removal",
                new Citation(
                        "ACOG Practice Bulletin No. 142; RCOG Green-top Guideline No. 75; source text",
                        Citation.ACOG_PB142.url()));
    }

    @Override
    boolean inclusion(Assessment assessment) {
        return assessment.pregnant() && assessment.gestationDays() >= FROM && assessment.cerclageThisPregnancy();
    }

    @Override
    boolean exclusion(Assessment assessment) {
        PatientFacts facts = assessment.facts();
        var start = facts.pregnancy().start(facts.evaluationDate());
        boolean removed = facts.chart().procedures(ProcedureKind.CERCLAGE_REMOVAL).stream()
                .anyMatch(p -> start.isEmpty()
                        || p.date().filter(d -> !d.isBefore(start.get())).isPresent());
        return removed || facts.chart().ordered(ProcedureKind.CERCLAGE_REMOVAL);
    }

    @Override
    Finding card(Assessment assessment) {
        PatientFacts facts = assessment.facts();
        return finding(
                assessment,
                Indicator.INFO,
                "Cerclage in place at " + facts.pregnancy().gestation()
                        + ": plan elective removal at 36+0–37+0 weeks (earlier if labour or membrane rupture).",
                new Detail()
                        .evidence(
                                "Cerclage",
                                facts.chart().procedures(ProcedureKind.CERCLAGE).stream()
                                        .map(PerformedProcedure::evidence)
                                        .toList()),
                List.of(ProposedAction.order(
                        "Schedule cerclage removal",
                        SuggestedCodes.CERCLAGE_REMOVAL,
                        "Elective removal at 36+0 to 37+0 weeks")));
    }
}
