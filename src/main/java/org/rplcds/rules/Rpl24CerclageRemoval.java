package org.rplcds.rules;

import java.util.List;
import java.util.Locale;
import org.rplcds.facts.PatientFacts;
import org.rplcds.facts.PerformedProcedure;
import org.rplcds.facts.ProcedureKind;

/**
 * RPL-24 Plan cerclage removal, or, for an abdominal cerclage, the birth.
 *
 * <p><b>Guideline:</b> the source text removes the suture 2–3 weeks before the due date or at
 * labour; ACOG Practice Bulletin 142 and RCOG Green-top Guideline 75: removal of a vaginal cerclage at
 * 36+0 to 37+0 weeks; an abdominal cerclage usually stays, and birth is by caesarean section
 * (to be checked).
 *
 * <p><b>When</b> she is pregnant at 35+0 weeks or later with a vaginal cerclage placed in this
 * pregnancy (or a cerclage recorded in situ), or with an abdominal cerclage on record, placed in this
 * pregnancy or before it, and not removed. <b>Then</b> for a vaginal cerclage an info card to plan
 * elective removal at 36+0 to 37+0 weeks, earlier with labour or ruptured membranes, suggesting the
 * removal in words ("Removal of cervical cerclage"; Shirodkar only when the record says so: CPT 59871
 * means removal under anaesthesia, which a routine removal does not need); for an abdominal cerclage
 * an info card to plan caesarean birth, without a removal suggestion. <b>Not when</b>, for a vaginal
 * cerclage, a removal is recorded in this pregnancy or ordered.
 *
 * <p><b>Source:</b> ACOG Practice Bulletin 142; RCOG Green-top Guideline 75; source text.
 */
final class Rpl24CerclageRemoval extends Rule {

    static final int FROM = 35 * 7;

    Rpl24CerclageRemoval() {
        super("RPL-24", "Cerclage removal", Citation.ACOG_PB142, Citation.RCOG_GTG75, Citation.SOURCE_TEXT);
    }

    @Override
    boolean inclusion(Assessment assessment) {
        return assessment.pregnant()
                && assessment.gestationDays() >= FROM
                && (!assessment.derived().cerclage().abdominal().isEmpty()
                        || assessment.derived().cerclage().inPlace());
    }

    @Override
    boolean exclusion(Assessment assessment) {
        PatientFacts facts = assessment.facts();
        if (!assessment.derived().cerclage().abdominal().isEmpty()) {
            return false;
        }
        var start = facts.pregnancy().start(facts.evaluationDate());
        boolean removed = facts.chart().procedures(ProcedureKind.CERCLAGE_REMOVAL).stream()
                .anyMatch(p -> start.isEmpty()
                        || p.date().filter(d -> !d.isBefore(start.get())).isPresent());
        return removed || facts.chart().ordered(ProcedureKind.CERCLAGE_REMOVAL);
    }

    @Override
    Finding card(Assessment assessment) {
        PatientFacts facts = assessment.facts();
        String gestation = facts.pregnancy().gestation();
        List<PerformedProcedure> abdominal = assessment.derived().cerclage().abdominal();
        if (!abdominal.isEmpty()) {
            return finding(
                    assessment,
                    Indicator.INFO,
                    "Abdominal cerclage in place at " + gestation + ": plan caesarean birth; the suture usually stays.",
                    new Detail()
                            .evidence(
                                    "Abdominal cerclage",
                                    abdominal.stream()
                                            .map(PerformedProcedure::evidence)
                                            .toList())
                            .text("An abdominal cerclage is not removed for a vaginal birth: plan a caesarean"
                                    + " birth; the suture is usually left in place for a later pregnancy."),
                    List.of());
        }
        List<PerformedProcedure> placed =
                facts.chart().procedures(ProcedureKind.CERCLAGE).stream().toList();
        boolean shirodkar = placed.stream()
                .anyMatch(
                        p -> p.evidence().description().toLowerCase(Locale.ROOT).contains("shirodkar"));
        return finding(
                assessment,
                Indicator.INFO,
                "Cerclage in place at " + gestation
                        + ": plan elective removal at 36+0–37+0 weeks (earlier if labour or membrane rupture).",
                new Detail()
                        .evidence(
                                "Cerclage",
                                placed.stream()
                                        .map(PerformedProcedure::evidence)
                                        .toList()),
                List.of(ProposedAction.order(
                        "Schedule cerclage removal",
                        shirodkar ? SuggestedCodes.SHIRODKAR_REMOVAL : SuggestedCodes.CERCLAGE_REMOVAL,
                        "Elective removal at 36+0 to 37+0 weeks")));
    }
}
