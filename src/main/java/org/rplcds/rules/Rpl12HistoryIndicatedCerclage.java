package org.rplcds.rules;

import java.util.List;
import java.util.Optional;
import org.rplcds.facts.PatientFacts;
import org.rplcds.facts.ProcedureKind;

/**
 * RPL-12: history-indicated cerclage.
 *
 * <p>When the patient is pregnant, the gestational age is within the cerclage window (12+0 to 14+6
 * weeks; the source text's profile to 16+6) and cervical insufficiency or a cerclage in an earlier
 * pregnancy is on record. Then a warning that the window is open, after the anomaly scan.
 *
 * <p>Not when a cerclage is placed, ordered or recorded in situ in this pregnancy. A second-trimester
 * loss with painless dilation qualifies too, but painless dilation has no code: such a history
 * needs the cervical insufficiency diagnosis on the record.
 *
 * <p>Source: ACOG Practice Bulletin 142; source text (about 16 weeks).
 */
public final class Rpl12HistoryIndicatedCerclage implements Recommendation {

    public static final String ID = "RPL-12";
    static final Citation SOURCE =
            new Citation("ACOG Practice Bulletin No. 142; source text (about 16 weeks)", Citation.ACOG_PB142.url());

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<Finding> evaluate(Assessment assessment) {
        PatientFacts facts = assessment.facts();
        GuidelineProfile profile = assessment.profile();
        if (!applies(assessment)) {
            return Optional.empty();
        }
        String window = GuidelineProfile.weeks(profile.cerclageWindowStartDays()) + " to "
                + GuidelineProfile.weeks(profile.cerclageWindowEndDays()) + " weeks";
        String detail = new Detail()
                .evidence("Cervical insufficiency history", CervicalHistory.evidence(facts))
                .text("Gestation today: " + facts.pregnancy().gestation()
                        + "; the history-indicated cerclage window is " + window
                        + ". Confirm a viable pregnancy without major anomaly first.")
                .sources("ACOG Practice Bulletin No. 142; source text");
        String openWindow =
                (profile.cerclageWindowStartDays() / 7) + "–" + (profile.cerclageWindowEndDays() / 7) + " wk";
        return Optional.of(new Finding(
                ID,
                "History-indicated cerclage",
                Indicator.WARNING,
                "Cervical insufficiency history at " + facts.pregnancy().gestation()
                        + ": history-indicated cerclage window (" + openWindow + ") is open. Check anomaly scan first.",
                detail,
                SOURCE,
                List.of(ProposedAction.order(
                        "Request cervical cerclage", SuggestedCodes.CERCLAGE, "History-indicated cerclage"))));
    }

    /** Shared with RPL-13, which stands back while this card applies. */
    static boolean applies(Assessment assessment) {
        PatientFacts facts = assessment.facts();
        GuidelineProfile profile = assessment.profile();
        int days = assessment.gestationDays();
        if (!assessment.pregnant()
                || days < profile.cerclageWindowStartDays()
                || days > profile.cerclageWindowEndDays()) {
            return false;
        }
        if (CervicalHistory.evidence(facts).isEmpty()) {
            return false;
        }
        return !assessment.cerclageThisPregnancy() && !facts.chart().ordered(ProcedureKind.CERCLAGE);
    }
}
