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
import org.rplcds.rules.derived.Thyroid;

/**
 * RPL-04 Thyroid treatment.
 *
 * <p><b>Guideline:</b> ATA 2017: in pregnancy consider levothyroxine 25–50 µg/day when TPO
 * antibodies are positive and 2.5 &lt; TSH &lt; the pregnancy upper limit, and in women with RPL;
 * the RCOG Scientific Impact Paper: untreated subclinical hypothyroidism with TSH 4.0–10.0 mIU/L
 * "is associated with early pregnancy loss" (clinical rules 1.3).
 *
 * <p><b>When</b> she has RPL, is pregnant or has lost a pregnancy, and the latest recent TSH (within
 * 12 months and, in pregnancy, in this pregnancy: clinical rules 8 R4) shows: A overt hypothyroidism
 * (TSH above the limit with low free T4, or TSH at 10 or more); B subclinical hypothyroidism (TSH
 * above the limit, free T4 normal or unknown); C TPO antibodies with TSH above 2.5 and within the
 * limit. Also when the latest TSH would mean one of these but is not recent and she has no RPL.
 * <b>Then</b> A/B: a warning to start levothyroxine and recheck TSH in 4–6 weeks; on levothyroxine in
 * pregnancy, an info card to recheck the dose; C: an info card to consider low-dose levothyroxine;
 * an old TSH: an info card to repeat TSH and free T4 before treating. <b>Not when</b> levothyroxine
 * is active (outside pregnancy, or for C); an old TSH with RPL (RPL-03 names it) or a TSH already
 * ordered. A drafted prescription is not therapy: the card stays, without suggesting levothyroxine
 * a second time.
 *
 * <p><b>Source:</b> ATA 2017; RCOG Scientific Impact Paper; source text.
 */
final class Rpl04ThyroidTreatment extends Rule {

    Rpl04ThyroidTreatment() {
        super("RPL-04", "Thyroid treatment", Citation.ATA_2017, Citation.RCOG_SIP_THYROID, Citation.SOURCE_TEXT);
    }

    @Override
    boolean inclusion(Assessment assessment) {
        boolean atRisk = assessment.rpl()
                || assessment.pregnant()
                || assessment.facts().history().lossCount() >= 1;
        Thyroid thyroid = assessment.derived().thyroid();
        return atRisk && (thyroid.category() != Thyroid.Category.NONE || thyroid.staleAbnormal());
    }

    @Override
    boolean exclusion(Assessment assessment) {
        Thyroid thyroid = assessment.derived().thyroid();
        var chart = assessment.facts().chart();
        boolean treated = chart.onTherapy(Drug.LEVOTHYROXINE);
        if (thyroid.category() == Thyroid.Category.NONE) {
            // Clinical rules 8.7 R4: with RPL, RPL-03 names the old value; never a prescription on it.
            return assessment.rpl() || chart.ordered(Analyte.TSH) || (treated && !assessment.pregnant());
        }
        return treated && (!thyroid.dysfunction() || !assessment.pregnant());
    }

    @Override
    Finding card(Assessment assessment) {
        Thyroid thyroid = assessment.derived().thyroid();
        if (thyroid.category() == Thyroid.Category.NONE) {
            return notRecent(assessment, thyroid.staleTsh().orElseThrow());
        }
        PatientFacts facts = assessment.facts();
        LabResult tsh = thyroid.tsh().orElseThrow();
        var units = assessment.presentation().units();
        String value = Quantities.value(tsh, units);
        String upper = Quantities.threshold(Analyte.TSH, thyroid.upper(), units);
        boolean treated = facts.chart().onTherapy(Drug.LEVOTHYROXINE);
        // Clinical rules 2.8: a draft prescription only suppresses a duplicate suggestion.
        boolean drafted = facts.chart().prescribed(Drug.LEVOTHYROXINE, Set.of(RequestStatus.DRAFT));
        List<LabResult> shown = new ArrayList<>();
        shown.add(tsh);
        thyroid.freeT4().ifPresent(shown::add);
        thyroid.tpo().ifPresent(shown::add);
        Detail detail = new Detail().results("Thyroid results", shown);
        if (thyroid.dysfunction() && treated) {
            return finding(
                    assessment,
                    Indicator.INFO,
                    "TSH " + value + " above " + upper
                            + " on levothyroxine in pregnancy. Recheck the dose; recheck TSH in 4–6 weeks.",
                    detail.text("Levothyroxine is active; the TSH is still above the limit for pregnancy."),
                    List.of());
        }
        if (thyroid.dysfunction()) {
            String kind = thyroid.category() == Thyroid.Category.OVERT ? "overt" : "subclinical";
            List<ProposedAction> actions = new ArrayList<>();
            if (!drafted) {
                actions.add(ProposedAction.prescription(
                        "Prescribe levothyroxine",
                        SuggestedCodes.LEVOTHYROXINE,
                        "Levothyroxine orally once daily; dose by weight and TSH (for example 50 micrograms); recheck TSH in 4-6 weeks",
                        Optional.empty()));
            }
            if (thyroid.tpo().isEmpty()) {
                actions.add(ProposedAction.order("Order TPO antibodies", SuggestedCodes.TPO_ANTIBODY));
            }
            return finding(
                    assessment,
                    Indicator.WARNING,
                    "TSH " + value + " above " + upper + ": " + kind
                            + " hypothyroidism. Start levothyroxine; recheck TSH in 4–6 weeks.",
                    detail.text("The upper limit is the lab's reference range where given, else "
                            + Quantities.threshold(Analyte.TSH, upper(assessment), units) + "."),
                    actions);
        }
        return finding(
                assessment,
                Indicator.INFO,
                "TPO antibody positive with TSH " + value + " (above "
                        + Quantities.threshold(
                                Analyte.TSH,
                                assessment.profile().thresholds().thyroid().tshTpoTreat(),
                                units)
                        + "). Consider low-dose levothyroxine (25–50 µg).",
                detail.text(
                        "ATA 2017 suggests considering levothyroxine for TPO-positive women with RPL and TSH above 2.5 mIU/L;"
                                + " the TABLET and T4LIFE trials found no gain in live births, so discuss it."),
                drafted
                        ? List.of()
                        : List.of(ProposedAction.prescription(
                                "Prescribe low-dose levothyroxine",
                                SuggestedCodes.LEVOTHYROXINE,
                                "Levothyroxine 25-50 micrograms orally once daily",
                                Optional.empty())));
    }

    /** The profile's TSH upper limit, for when the lab gives none. */
    private static java.math.BigDecimal upper(Assessment assessment) {
        Thresholds.Thyroid limits = assessment.profile().thresholds().thyroid();
        return assessment.pregnant() ? limits.tshPregnantUpper() : limits.tshUpper();
    }

    /** Clinical rules 8.7 R4: the latest TSH is abnormal but not recent; repeat before treating. */
    private Finding notRecent(Assessment assessment, LabResult old) {
        var chart = assessment.facts().chart();
        List<ProposedAction> actions = new ArrayList<>();
        actions.add(ProposedAction.order("Order " + Analyte.TSH.label(), SuggestedCodes.TSH));
        if (!chart.ordered(Analyte.FREE_T4)) {
            actions.add(ProposedAction.order("Order " + Analyte.FREE_T4.label(), SuggestedCodes.FREE_T4));
        }
        String value = Quantities.value(old, assessment.presentation().units());
        return finding(
                assessment,
                Indicator.INFO,
                "TSH " + value + " on " + old.date() + " is not recent: repeat TSH and free T4 before treating.",
                new Detail()
                        .results("Thyroid results", List.of(old))
                        .text("A TSH counts when taken within the last "
                                + assessment.profile().thresholds().thyroid().testMonths()
                                + " months and, in pregnancy, in this pregnancy. Treatment waits for a recent result."),
                actions);
    }
}
