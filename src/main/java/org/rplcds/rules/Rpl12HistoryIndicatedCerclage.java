package org.rplcds.rules;

import java.util.List;
import org.rplcds.facts.PatientFacts;
import org.rplcds.rules.derived.Cerclage;

/**
 * RPL-12 History-indicated cerclage.
 *
 * <p><b>Guideline:</b> ACOG Practice Bulletin 142: cervical insufficiency is the "inability of the
 * uterine cervix to retain a pregnancy in the absence of … contractions, or labor … in the second
 * trimester"; a history-indicated cerclage is placed at 13–14 weeks (12–14 in secondary sources);
 * the source text: about 16 weeks.
 *
 * <p><b>When</b> she is pregnant, the gestational age is within the profile's cerclage window (12+0
 * to 14+6 weeks; the source text's profile to 16+6) and cervical insufficiency or a cerclage in an
 * earlier pregnancy is on record. <b>Then</b> a warning that the window is open, once a viability
 * and dating scan is checked (the anomaly scan comes after the window). <b>Not when</b> a cerclage is placed, ordered or recorded in situ in this pregnancy. A
 * second-trimester loss with painless dilation qualifies too, but painless dilation has no code:
 * such a history needs the cervical insufficiency diagnosis on the record.
 *
 * <p><b>Source:</b> ACOG Practice Bulletin 142; source text (about 16 weeks).
 */
final class Rpl12HistoryIndicatedCerclage extends Rule {

    static final List<Citation> SOURCE = List.of(Citation.ACOG_PB142, Citation.SOURCE_TEXT);

    Rpl12HistoryIndicatedCerclage() {
        super("RPL-12", "History-indicated cerclage", SOURCE);
    }

    @Override
    boolean inclusion(Assessment assessment) {
        return assessment.derived().cerclage().windowOpen();
    }

    /** RPL-13 reads the same decision ({@link Cerclage#historyIndicatedDue}) and stands back while it holds. */
    @Override
    boolean exclusion(Assessment assessment) {
        Cerclage cerclage = assessment.derived().cerclage();
        return cerclage.inPlace() || cerclage.ordered();
    }

    @Override
    Finding card(Assessment assessment) {
        PatientFacts facts = assessment.facts();
        GuidelineProfile profile = assessment.profile();
        String window = GuidelineProfile.weeks(profile.cerclageWindowStartDays()) + " to "
                + GuidelineProfile.weeks(profile.cerclageWindowEndDays()) + " weeks";
        Detail detail = new Detail()
                .evidence(
                        "Cervical insufficiency history",
                        assessment.derived().cerclage().cervicalHistory())
                .text("Gestation today: " + facts.pregnancy().gestation()
                        + "; the history-indicated cerclage window is " + window
                        + ". Confirm viability and dating by scan first; the anomaly scan comes after the window.");
        String openWindow =
                (profile.cerclageWindowStartDays() / 7) + "–" + (profile.cerclageWindowEndDays() / 7) + " wk";
        return finding(
                assessment,
                Indicator.WARNING,
                "Cervical insufficiency history at " + facts.pregnancy().gestation()
                        + ": history-indicated cerclage window (" + openWindow
                        + ") is open. Check viability and dating scan first.",
                detail,
                List.of(ProposedAction.order(
                        "Request cervical cerclage", SuggestedCodes.CERCLAGE, "History-indicated cerclage")));
    }
}
