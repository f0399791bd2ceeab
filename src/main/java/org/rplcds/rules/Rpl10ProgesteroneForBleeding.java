package org.rplcds.rules;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.rplcds.facts.Drug;
import org.rplcds.facts.PatientFacts;
import org.rplcds.facts.RequestStatus;

/**
 * RPL-10 Progesterone for early-pregnancy bleeding after a miscarriage.
 *
 * <p><b>Guideline:</b> RCOG 2023: "progesterone supplementation should be considered in women with
 * RM who experience bleeding in early pregnancy"; PRISM and NICE NG126: vaginal progesterone 400 mg
 * twice daily to 16 weeks (clinical rules 1.3).
 *
 * <p><b>When</b> she is pregnant before 16+0 weeks, has bleeding (an active threatened-miscarriage or
 * early-haemorrhage diagnosis, or one with onset in the last 7 days) and has had at least one
 * miscarriage. <b>Then</b> a warning to offer vaginal micronised progesterone 400 mg twice daily
 * until 16 weeks (the PRISM regimen), never the source text's intramuscular regimen. <b>Not
 * when</b> progesterone is active. A drafted prescription is not therapy: the card stays, without
 * suggesting progesterone a second time.
 *
 * <p><b>Source:</b> PRISM 2019; RCOG 2023; NICE NG126.
 */
final class Rpl10ProgesteroneForBleeding extends Rule {

    static final int SIXTEEN_WEEKS = 16 * 7;

    Rpl10ProgesteroneForBleeding() {
        super(
                "RPL-10",
                "Progesterone for early-pregnancy bleeding",
                new Citation(
                        "PRISM 2019; RCOG Green-top Guideline No. 17 (2023); NICE NG126", Citation.PRISM_2019.url()));
    }

    @Override
    boolean inclusion(Assessment assessment) {
        int days = assessment.gestationDays();
        return assessment.pregnant()
                && days >= 0
                && days < SIXTEEN_WEEKS
                && assessment.facts().history().lossCount() >= 1
                && !Bleeding.recent(assessment.facts(), assessment.profile()).isEmpty();
    }

    @Override
    boolean exclusion(Assessment assessment) {
        return assessment.facts().chart().onTherapy(Drug.PROGESTERONE);
    }

    @Override
    Finding card(Assessment assessment) {
        PatientFacts facts = assessment.facts();
        var bleeding = Bleeding.recent(facts, assessment.profile());
        var until = facts.evaluationDate().plusDays(SIXTEEN_WEEKS - assessment.gestationDays());
        Detail detail = new Detail()
                .evidence("Bleeding in this pregnancy (" + facts.pregnancy().gestation() + ")", bleeding)
                .text("Previous miscarriages on record: " + facts.history().lossCount() + ". In PRISM the benefit was"
                        + " concentrated in women with bleeding and one or more previous miscarriages. Continue until 16+0"
                        + " weeks (" + until + ").");
        // Clinical rules 2.8: a draft prescription only suppresses a duplicate suggestion.
        boolean drafted = facts.chart().prescribed(Drug.PROGESTERONE, Set.of(RequestStatus.DRAFT));
        return finding(
                assessment,
                Indicator.WARNING,
                "Early-pregnancy bleeding with previous miscarriage. Offer vaginal micronised progesterone 400 mg twice daily until 16 weeks.",
                detail,
                drafted
                        ? List.of()
                        : List.of(ProposedAction.prescription(
                                "Prescribe vaginal progesterone",
                                SuggestedCodes.PROGESTERONE,
                                "Progesterone 400 mg vaginal pessary, twice daily until 16+0 weeks",
                                Optional.of(until))));
    }
}
