package org.rplcds.rules;

import java.util.List;
import java.util.Optional;
import org.rplcds.facts.PatientFacts;
import org.rplcds.facts.PerformedProcedure;
import org.rplcds.facts.ProcedureKind;

/**
 * RPL-24: plan cerclage removal.
 *
 * <p>When the patient is pregnant at 35+0 weeks or later with a cerclage placed in this pregnancy
 * (or recorded in situ) and no removal recorded or ordered. Then an info card to plan elective
 * removal at 36+0 to 37+0 weeks, earlier with labour or ruptured membranes.
 *
 * <p>Source: ACOG Practice Bulletin 142; RCOG Green-top Guideline 75; source text.
 */
public final class Rpl24CerclageRemoval implements Recommendation {

    public static final String ID = "RPL-24";
    static final Citation SOURCE = new Citation(
            "ACOG Practice Bulletin No. 142; RCOG Green-top Guideline No. 75; source text", Citation.ACOG_PB142.url());
    static final int FROM = 35 * 7;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<Finding> evaluate(Assessment assessment) {
        PatientFacts facts = assessment.facts();
        GuidelineProfile profile = assessment.profile();
        if (!assessment.pregnant() || assessment.gestationDays() < FROM || !assessment.cerclageThisPregnancy()) {
            return Optional.empty();
        }
        var start = facts.pregnancy().start(facts.evaluationDate());
        boolean removed = facts.chart().procedures(ProcedureKind.CERCLAGE_REMOVAL).stream()
                .anyMatch(p -> start.isEmpty()
                        || p.date().filter(d -> !d.isBefore(start.get())).isPresent());
        if (removed || facts.chart().ordered(ProcedureKind.CERCLAGE_REMOVAL)) {
            return Optional.empty();
        }
        String gestation = facts.pregnancy().gestation();
        return Optional.of(new Finding(
                ID,
                "Cerclage removal",
                Indicator.INFO,
                "Cerclage in place at " + gestation
                        + ": plan elective removal at 36+0–37+0 weeks (earlier if labour or membrane rupture).",
                new Detail()
                        .evidence(
                                "Cerclage",
                                facts.chart().procedures(ProcedureKind.CERCLAGE).stream()
                                        .map(PerformedProcedure::evidence)
                                        .toList())
                        .sources("ACOG Practice Bulletin No. 142; RCOG Green-top Guideline No. 75; source text"),
                SOURCE,
                List.of(ProposedAction.order(
                        "Schedule cerclage removal",
                        SuggestedCodes.CERCLAGE_REMOVAL,
                        "Elective removal at 36+0 to 37+0 weeks"))));
    }
}
