package org.rplcds.rules;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.rplcds.facts.Drug;
import org.rplcds.facts.PatientFacts;
import org.rplcds.facts.RequestStatus;

/**
 * RPL-10: progesterone for early-pregnancy bleeding after a miscarriage.
 *
 * <p>When the patient is pregnant before 16+0 weeks, has bleeding (an active threatened-miscarriage
 * or early-haemorrhage diagnosis, or one with onset in the last 7 days) and has had at least one
 * miscarriage. Then a warning to offer vaginal micronised progesterone 400 mg twice daily until
 * 16 weeks (the PRISM regimen), never the source text's intramuscular regimen.
 *
 * <p>Not when progesterone is active. A drafted prescription is not therapy: the card stays, without
 * suggesting progesterone a second time.
 *
 * <p>Source: PRISM 2019; RCOG 2023; NICE NG126.
 */
public final class Rpl10ProgesteroneForBleeding implements Recommendation {

    public static final String ID = "RPL-10";
    static final int SIXTEEN_WEEKS = 16 * 7;
    static final Citation SOURCE =
            new Citation("PRISM 2019; RCOG Green-top Guideline No. 17 (2023); NICE NG126", Citation.PRISM_2019.url());

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<Finding> evaluate(Assessment assessment) {
        PatientFacts facts = assessment.facts();
        GuidelineProfile profile = assessment.profile();
        int days = assessment.gestationDays();
        if (!assessment.pregnant()
                || days < 0
                || days >= SIXTEEN_WEEKS
                || facts.history().lossCount() < 1) {
            return Optional.empty();
        }
        var bleeding = Bleeding.recent(facts, profile);
        if (bleeding.isEmpty() || facts.chart().onTherapy(Drug.PROGESTERONE)) {
            return Optional.empty();
        }
        var until = facts.evaluationDate().plusDays(SIXTEEN_WEEKS - days);
        String detail = new Detail()
                .evidence("Bleeding in this pregnancy (" + facts.pregnancy().gestation() + ")", bleeding)
                .text("Previous miscarriages on record: " + facts.history().lossCount() + ". In PRISM the benefit was"
                        + " concentrated in women with bleeding and one or more previous miscarriages. Continue until 16+0"
                        + " weeks (" + until + ").")
                .sources("PRISM 2019; RCOG Green-top Guideline No. 17 (2023); NICE NG126");
        // Clinical rules 2.8: a draft prescription only suppresses a duplicate suggestion.
        boolean drafted = facts.chart().prescribed(Drug.PROGESTERONE, Set.of(RequestStatus.DRAFT));
        return Optional.of(new Finding(
                ID,
                "Progesterone for early-pregnancy bleeding",
                Indicator.WARNING,
                "Early-pregnancy bleeding with previous miscarriage. Offer vaginal micronised progesterone 400 mg twice daily until 16 weeks.",
                detail,
                SOURCE,
                drafted
                        ? List.of()
                        : List.of(ProposedAction.prescription(
                                "Prescribe vaginal progesterone",
                                SuggestedCodes.PROGESTERONE,
                                "Progesterone 400 mg vaginal pessary, twice daily until 16+0 weeks",
                                Optional.of(until)))));
    }
}
