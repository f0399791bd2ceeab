package org.rplcds.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.rplcds.facts.Analyte;
import org.rplcds.facts.Drug;
import org.rplcds.facts.LabResult;
import org.rplcds.facts.PatientFacts;
import org.rplcds.facts.RequestStatus;

/**
 * RPL-04: thyroid treatment.
 *
 * <p>When the patient has RPL, is pregnant or has lost a pregnancy, and the latest TSH (within
 * the testing window) shows: A overt hypothyroidism (TSH above the limit with low free T4, or TSH
 * at 10 or more); B subclinical hypothyroidism (TSH above the limit, free T4 normal or unknown);
 * C TPO antibodies with TSH above 2.5 and within the limit. Then A/B: a warning to start
 * levothyroxine and recheck TSH in 4–6 weeks; C: an info card to consider low-dose levothyroxine.
 *
 * <p>Only a recent TSH counts (clinical rules 8 R4: within 12 months and, in pregnancy, in this
 * pregnancy). When the latest TSH is abnormal but old and there is no RPL, an info card asks to
 * repeat TSH and free T4 before treating; with RPL, RPL-03 names the old value instead.
 *
 * <p>Not when levothyroxine is active, except in pregnancy with TSH still above the limit, when the
 * card asks to recheck the dose. A drafted prescription is not therapy: the card stays, without
 * suggesting levothyroxine a second time.
 *
 * <p>Source: ATA 2017; RCOG Scientific Impact Paper; source text.
 */
public final class Rpl04ThyroidTreatment implements Recommendation {

    public static final String ID = "RPL-04";
    static final Citation SOURCE = new Citation(
            "ATA 2017; RCOG Scientific Impact Paper on thyroid disease and miscarriage; source text",
            Citation.ATA_2017.url());
    static final String TITLE = "Thyroid treatment";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<Finding> evaluate(Assessment assessment) {
        PatientFacts facts = assessment.facts();
        GuidelineProfile profile = assessment.profile();
        boolean atRisk =
                assessment.rpl() || assessment.pregnant() || facts.history().lossCount() >= 1;
        Thyroid thyroid = assessment.thyroid();
        if (!atRisk) {
            return Optional.empty();
        }
        if (thyroid.category() == Thyroid.Category.NONE) {
            return thyroid.staleAbnormal() ? notRecent(assessment, thyroid) : Optional.empty();
        }
        LabResult tsh = thyroid.tsh().orElseThrow();
        String value = Rules.number(tsh.value().orElseThrow());
        String upper = Rules.number(thyroid.upper());
        boolean treated = facts.chart().onTherapy(Drug.LEVOTHYROXINE);
        // Clinical rules 2.8: a draft prescription only suppresses a duplicate suggestion.
        boolean drafted = facts.chart().prescribed(Drug.LEVOTHYROXINE, Set.of(RequestStatus.DRAFT));
        List<LabResult> shown = new ArrayList<>();
        shown.add(tsh);
        thyroid.freeT4().ifPresent(shown::add);
        thyroid.tpo().ifPresent(shown::add);
        Detail detail = new Detail().results("Thyroid results", shown);
        if (thyroid.dysfunction()) {
            if (treated && !assessment.pregnant()) {
                return Optional.empty();
            }
            String kind = thyroid.category() == Thyroid.Category.OVERT ? "overt" : "subclinical";
            if (treated) {
                return Optional.of(new Finding(
                        ID,
                        TITLE,
                        Indicator.INFO,
                        "TSH " + value + " mIU/L above " + upper
                                + " on levothyroxine in pregnancy. Recheck the dose; recheck TSH in 4–6 weeks.",
                        detail.text("Levothyroxine is active; the TSH is still above the limit for pregnancy.")
                                .sources("ATA 2017; RCOG Scientific Impact Paper"),
                        SOURCE,
                        List.of()));
            }
            List<ProposedAction> actions = new ArrayList<>();
            if (!drafted) {
                actions.add(ProposedAction.prescription(
                        "Prescribe levothyroxine",
                        SuggestedCodes.LEVOTHYROXINE,
                        "Levothyroxine orally once daily; dose by weight and TSH (for example 50 micrograms); recheck TSH in 4-6 weeks",
                        java.util.Optional.empty()));
            }
            if (thyroid.tpo().isEmpty()) {
                actions.add(ProposedAction.order("Order TPO antibodies", SuggestedCodes.TPO_ANTIBODY));
            }
            return Optional.of(new Finding(
                    ID,
                    TITLE,
                    Indicator.WARNING,
                    "TSH " + value + " mIU/L above " + upper + ": " + kind
                            + " hypothyroidism. Start levothyroxine; recheck TSH in 4–6 weeks.",
                    detail.text("The upper limit is the lab's reference range where given, else " + upper + " mIU/L.")
                            .sources("ATA 2017; RCOG Scientific Impact Paper; source text"),
                    SOURCE,
                    actions));
        }
        if (treated) {
            return Optional.empty();
        }
        return Optional.of(new Finding(
                ID,
                TITLE,
                Indicator.INFO,
                "TPO antibody positive with TSH " + value
                        + " mIU/L (>2.5). Consider low-dose levothyroxine (25–50 µg).",
                detail.text(
                                "ATA 2017 suggests considering levothyroxine for TPO-positive women with RPL and TSH above 2.5 mIU/L;"
                                        + " the TABLET and T4LIFE trials found no gain in live births, so discuss it.")
                        .sources("ATA 2017; RCOG Scientific Impact Paper"),
                SOURCE,
                drafted
                        ? List.of()
                        : List.of(ProposedAction.prescription(
                                "Prescribe low-dose levothyroxine",
                                SuggestedCodes.LEVOTHYROXINE,
                                "Levothyroxine 25-50 micrograms orally once daily",
                                java.util.Optional.empty()))));
    }

    /**
     * Clinical rules 8.7 R4: the latest TSH is abnormal but not recent. Without RPL, RPL-03 does not
     * speak, so this card asks for the repeat; with RPL, RPL-03 names the old value and this stays
     * silent. Never a prescription on an old result.
     */
    private static Optional<Finding> notRecent(Assessment assessment, Thyroid thyroid) {
        PatientFacts facts = assessment.facts();
        var chart = facts.chart();
        boolean treated = chart.onTherapy(Drug.LEVOTHYROXINE);
        if (assessment.rpl() || chart.ordered(Analyte.TSH) || (treated && !assessment.pregnant())) {
            return Optional.empty();
        }
        LabResult old = thyroid.staleTsh().orElseThrow();
        List<ProposedAction> actions = new ArrayList<>();
        actions.add(ProposedAction.order("Order " + Analyte.TSH.label(), SuggestedCodes.TSH));
        if (!chart.ordered(Analyte.FREE_T4)) {
            actions.add(ProposedAction.order("Order " + Analyte.FREE_T4.label(), SuggestedCodes.FREE_T4));
        }
        String value = Rules.number(old.value().orElseThrow());
        return Optional.of(new Finding(
                ID,
                TITLE,
                Indicator.INFO,
                "TSH " + value + " mIU/L on " + old.date() + " is not recent: repeat TSH and free T4 before treating.",
                new Detail()
                        .results("Thyroid results", List.of(old))
                        .text("A TSH counts when taken within the last "
                                + assessment.profile().thresholds().thyroidTestMonths()
                                + " months and, in pregnancy, in this pregnancy. Treatment waits for a recent result.")
                        .sources("ATA 2017; RCOG Scientific Impact Paper"),
                SOURCE,
                actions));
    }
}
