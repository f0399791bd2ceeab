package org.rplcds.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.rplcds.facts.Analyte;
import org.rplcds.facts.Chart;
import org.rplcds.facts.Drug;
import org.rplcds.facts.LabResult;
import org.rplcds.facts.Medication;
import org.rplcds.facts.RequestStatus;
import org.rplcds.rules.derived.Thyroid;

/**
 * RPL-04 Thyroid treatment.
 *
 * <p><b>Guideline:</b> ATA 2017: in pregnancy, overt hypothyroidism is treated at once with a full
 * dose (about 1.6 µg/kg a day); subclinical hypothyroidism is treated; levothyroxine 25–50 µg/day
 * may be considered when TPO antibodies are positive and 2.5 &lt; TSH &lt; the pregnancy upper
 * limit; a woman already on levothyroxine needs about 25–30% more once pregnant, with TSH every 4
 * weeks to mid-gestation. The TABLET (2019) and T4LIFE (2022) trials found no gain in live births
 * from levothyroxine for TPO-positive women with a normal TSH. Outside pregnancy a raised TSH is
 * confirmed on a second test before treating. The RCOG Scientific Impact Paper: untreated
 * subclinical hypothyroidism with TSH 4.0–10.0 mIU/L "is associated with early pregnancy loss".
 *
 * <p><b>When</b> she has RPL, is pregnant or has lost a pregnancy, and the latest recent TSH (within
 * 12 months and, in pregnancy, in this pregnancy) shows, in pregnancy: A overt hypothyroidism (TSH
 * above the limit, free T4 below range); subclinical hypothyroidism (TSH above the limit, free T4
 * normal or unknown); C TPO antibodies with TSH above 2.5 and within the limit; D on levothyroxine,
 * a TSH above the trimester's target, or no TSH yet this pregnancy. Outside pregnancy: B a TSH above
 * the limit on one test, or confirmed by a second at least 4 weeks later; overt hypothyroidism. Also
 * when the latest TSH would mean one of these but is not recent and she has no RPL.
 * <b>Then</b> A: a critical card to start full-dose levothyroxine by weight today and refer; subclinical in
 * pregnancy: a warning to start levothyroxine; C: an info card offering low-dose levothyroxine as an
 * option; D: a warning to raise the dose by about 25–30% and recheck TSH in 4 weeks (critical when
 * free T4 is low), or an info card to check TSH now (a line on the evaluation card when there is
 * one); B: an info card to repeat TSH and free T4 before treating, once confirmed an info card to
 * consider 25 micrograms a day; overt outside pregnancy: a warning to start levothyroxine; an old
 * TSH: an info card to repeat TSH and free T4 before treating. <b>Not when</b> levothyroxine is
 * active outside pregnancy; TPO antibodies with a high-normal TSH outside pregnancy (no
 * levothyroxine then, in any profile); an old TSH with RPL (RPL-03 names it); a repeat TSH already
 * ordered. A drafted prescription is not therapy: the card stays, without suggesting
 * levothyroxine a second time. No suggestion changes a running prescription.
 *
 * <p><b>Source:</b> ATA 2017 (Alexander et al., Thyroid 2017); TABLET (NEJM 2019); T4LIFE (2022);
 * RCOG Scientific Impact Paper; source text.
 */
final class Rpl04ThyroidTreatment extends Rule {

    /** ATA 2017: the full replacement dose, micrograms per kg a day. */
    private static final BigDecimal FULL_DOSE_PER_KG = new BigDecimal("1.6");

    /** Tablets come in steps of 25 micrograms. */
    private static final BigDecimal TABLET_STEP = new BigDecimal("25");

    /** ATA 2017: TSH every 4 weeks to mid-gestation. */
    private static final int PREGNANCY_RECHECK_DAYS = 28;

    /** Outside pregnancy: a repeat TSH, or one after a dose change, 6 weeks on. */
    private static final int RECHECK_DAYS = 42;

    private static final String NO_TSH_THIS_PREGNANCY = "no TSH this pregnancy";

    private static final String TRIALS = "The TABLET (NEJM 2019) and T4LIFE (2022) trials found no gain in live births"
            + " from levothyroxine for TPO-positive women with a normal TSH.";

    private static final String REFERRAL =
            "Urgent referral to endocrinology or obstetric medicine: overt hypothyroidism in pregnancy";

    /** What the thyroid results call for. */
    private enum Branch {
        /** D: on levothyroxine in pregnancy, free T4 below range. */
        ON_LEVOTHYROXINE_OVERT,
        /** D: on levothyroxine in pregnancy, TSH above the trimester's target. */
        ON_LEVOTHYROXINE_ABOVE_TARGET,
        /** D: on levothyroxine in pregnancy, no TSH yet this pregnancy. */
        ON_LEVOTHYROXINE_NO_TSH,
        /** A: overt hypothyroidism in pregnancy. */
        OVERT_IN_PREGNANCY,
        /** TSH above the limit in pregnancy, free T4 normal or unknown. */
        RAISED_TSH_IN_PREGNANCY,
        /** C: TPO antibodies with a high-normal TSH in pregnancy. */
        TPO_IN_PREGNANCY,
        /** Overt hypothyroidism outside pregnancy. */
        OVERT,
        /** B: subclinical hypothyroidism on two tests outside pregnancy. */
        SUBCLINICAL_CONFIRMED,
        /** B: a raised TSH on one test outside pregnancy. */
        ONE_TEST,
        /** The latest TSH is abnormal but not recent. */
        NOT_RECENT,
        NONE
    }

    Rpl04ThyroidTreatment() {
        super("RPL-04", "Thyroid treatment", Citation.ATA_2017, Citation.RCOG_SIP_THYROID, Citation.SOURCE_TEXT);
    }

    /**
     * The card the evaluation card takes as a line of its own when it is shown: on levothyroxine,
     * pregnant, no TSH yet this pregnancy (its TSH suggestion is the evaluation's own).
     */
    static boolean lineOfTheEvaluation(Finding finding) {
        return finding.ruleId().equals("RPL-04")
                && finding.indicator() == Indicator.INFO
                && finding.summary().contains(NO_TSH_THIS_PREGNANCY);
    }

    @Override
    boolean inclusion(Assessment assessment) {
        boolean atRisk = assessment.rpl()
                || assessment.pregnant()
                || assessment.facts().history().lossCount() >= 1;
        Thyroid thyroid = assessment.derived().thyroid();
        boolean onLevothyroxineInPregnancy =
                assessment.pregnant() && assessment.facts().chart().onTherapy(Drug.LEVOTHYROXINE);
        return atRisk
                && (thyroid.category() != Thyroid.Category.NONE
                        || thyroid.staleAbnormal()
                        || onLevothyroxineInPregnancy);
    }

    @Override
    boolean exclusion(Assessment assessment) {
        return branch(assessment) == Branch.NONE;
    }

    private static Branch branch(Assessment assessment) {
        Thyroid thyroid = assessment.derived().thyroid();
        Chart chart = assessment.facts().chart();
        boolean treated = chart.onTherapy(Drug.LEVOTHYROXINE);
        boolean pregnant = assessment.pregnant();
        if (pregnant && treated) {
            // Checked before any other branch, and at any gestation.
            if (thyroid.tsh().isEmpty()) {
                return chart.orderedSince(Analyte.TSH, thyroid.recentSince())
                        ? Branch.NONE
                        : Branch.ON_LEVOTHYROXINE_NO_TSH;
            }
            if (!aboveTarget(assessment)) {
                return Branch.NONE;
            }
            return thyroid.freeT4Low() ? Branch.ON_LEVOTHYROXINE_OVERT : Branch.ON_LEVOTHYROXINE_ABOVE_TARGET;
        }
        return switch (thyroid.category()) {
                // With RPL, RPL-03 names the old value; never a prescription on it.
            case NONE -> thyroid.staleAbnormal() && !assessment.rpl() && !chart.ordered(Analyte.TSH) && !treated
                    ? Branch.NOT_RECENT
                    : Branch.NONE;
                // No levothyroxine outside pregnancy for TPO antibodies with a high-normal TSH (TABLET, T4LIFE).
            case TPO_POSITIVE_HIGH_NORMAL -> pregnant ? Branch.TPO_IN_PREGNANCY : Branch.NONE;
            case OVERT, SUBCLINICAL -> raised(assessment, thyroid, chart, treated, pregnant);
        };
    }

    private static Branch raised(
            Assessment assessment, Thyroid thyroid, Chart chart, boolean treated, boolean pregnant) {
        if (treated) {
            return Branch.NONE;
        }
        if (pregnant) {
            return thyroid.freeT4Low() ? Branch.OVERT_IN_PREGNANCY : Branch.RAISED_TSH_IN_PREGNANCY;
        }
        if (thyroid.freeT4Low()) {
            return Branch.OVERT;
        }
        if (thyroid.confirmed().isPresent()) {
            return Branch.SUBCLINICAL_CONFIRMED;
        }
        LocalDate tested = thyroid.tsh().orElseThrow().date();
        // The repeat is in hand once a TSH is ordered after the test.
        return chart.orderedSince(Analyte.TSH, tested.plusDays(1)) ? Branch.NONE : Branch.ONE_TEST;
    }

    private static boolean aboveTarget(Assessment assessment) {
        Thyroid thyroid = assessment.derived().thyroid();
        BigDecimal target = thyroid.target(assessment.profile().thresholds(), assessment.gestationDays());
        return thyroid.tsh()
                .flatMap(LabResult::value)
                .filter(v -> v.compareTo(target) > 0)
                .isPresent();
    }

    @Override
    Finding card(Assessment assessment) {
        Thyroid thyroid = assessment.derived().thyroid();
        return switch (branch(assessment)) {
            case NOT_RECENT -> notRecent(assessment, thyroid.staleTsh().orElseThrow());
            case ON_LEVOTHYROXINE_NO_TSH -> noTshThisPregnancy(assessment);
            case ON_LEVOTHYROXINE_ABOVE_TARGET -> aboveTargetOnLevothyroxine(assessment);
            case ON_LEVOTHYROXINE_OVERT -> overtOnLevothyroxine(assessment);
            case OVERT_IN_PREGNANCY -> overtInPregnancy(assessment);
            case RAISED_TSH_IN_PREGNANCY -> raisedInPregnancy(assessment);
            case TPO_IN_PREGNANCY -> tpoInPregnancy(assessment);
            case OVERT -> overt(assessment);
            case SUBCLINICAL_CONFIRMED -> confirmed(assessment);
            case ONE_TEST -> oneTest(assessment);
            case NONE -> throw new IllegalStateException("RPL-04 has nothing to say");
        };
    }

    // ---- In pregnancy, on levothyroxine (D) ----

    private Finding noTshThisPregnancy(Assessment assessment) {
        var facts = assessment.facts();
        return finding(
                assessment,
                Indicator.INFO,
                "On levothyroxine, pregnant at " + facts.pregnancy().gestation() + ", " + NO_TSH_THIS_PREGNANCY
                        + ". Check TSH now; most women need about 25–30% more.",
                new Detail()
                        .evidence(
                                "Levothyroxine",
                                facts.chart().medications(Drug.LEVOTHYROXINE).stream()
                                        .filter(m -> m.status() == RequestStatus.ACTIVE)
                                        .map(Medication::evidence)
                                        .toList())
                        .results(
                                "Earlier thyroid results",
                                thyroid(assessment).staleTsh().stream().toList())
                        .text("The need for levothyroxine rises by about 25–30% from early pregnancy; check TSH"
                                + " every 4 weeks to mid-gestation (ATA 2017)."),
                List.of(ProposedAction.order("Order TSH", SuggestedCodes.TSH)));
    }

    private Finding aboveTargetOnLevothyroxine(Assessment assessment) {
        var facts = assessment.facts();
        var units = assessment.presentation().units();
        Thyroid thyroid = thyroid(assessment);
        LabResult tsh = thyroid.tsh().orElseThrow();
        BigDecimal target = thyroid.target(assessment.profile().thresholds(), assessment.gestationDays());
        LocalDate recheck = facts.evaluationDate().plusDays(PREGNANCY_RECHECK_DAYS);
        return finding(
                assessment,
                Indicator.WARNING,
                "On levothyroxine at " + facts.pregnancy().gestation() + " with TSH " + Quantities.value(tsh, units)
                        + " (target below " + Quantities.threshold(Analyte.TSH, target, units)
                        + "). Raise the dose by about 25–30%; recheck TSH in 4 weeks.",
                onLevothyroxine(assessment)
                        .lead("Dose:", "Increase levothyroxine by about 25–30% (e.g. two extra doses a week).")
                        .text("The target is the lab's range for the trimester where given, else below "
                                + Quantities.threshold(
                                        Analyte.TSH,
                                        assessment
                                                .profile()
                                                .thresholds()
                                                .thyroid()
                                                .tshTargetFirstTrimester(),
                                        units)
                                + " before 14+0 weeks and "
                                + Quantities.threshold(
                                        Analyte.TSH,
                                        assessment
                                                .profile()
                                                .thresholds()
                                                .thyroid()
                                                .tshTargetLater(),
                                        units)
                                + " after (ATA 2017)."),
                List.of(ProposedAction.order("Order TSH in 4 weeks", SuggestedCodes.TSH)
                        .notBefore(recheck)));
    }

    private Finding overtOnLevothyroxine(Assessment assessment) {
        var facts = assessment.facts();
        var units = assessment.presentation().units();
        Thyroid thyroid = thyroid(assessment);
        LocalDate recheck = facts.evaluationDate().plusDays(PREGNANCY_RECHECK_DAYS);
        return finding(
                assessment,
                Indicator.CRITICAL,
                "Overt hypothyroidism on levothyroxine at " + facts.pregnancy().gestation() + " (TSH "
                        + Quantities.value(thyroid.tsh().orElseThrow(), units) + ", free T4 "
                        + Quantities.value(thyroid.freeT4().orElseThrow(), units)
                        + "). Raise the dose today; refer to endocrinology.",
                onLevothyroxine(assessment)
                        .lead("Dose:", "Increase levothyroxine today; most women need about 25–30% more in pregnancy.")
                        .text("Free T4 below range in pregnancy harms the fetus: same-day review of the dose."),
                List.of(
                        ProposedAction.order("Refer to endocrinology today", SuggestedCodes.text(REFERRAL)),
                        ProposedAction.order("Order TSH in 4 weeks", SuggestedCodes.TSH)
                                .notBefore(recheck),
                        ProposedAction.order("Order free T4 in 4 weeks", SuggestedCodes.FREE_T4)
                                .notBefore(recheck)));
    }

    /** The thyroid results and the prescription on record, for the cards of D. */
    private static Detail onLevothyroxine(Assessment assessment) {
        return new Detail()
                .results("Thyroid results", shown(thyroid(assessment)))
                .evidence(
                        "Levothyroxine",
                        assessment.facts().chart().medications(Drug.LEVOTHYROXINE).stream()
                                .filter(m -> m.status() == RequestStatus.ACTIVE)
                                .map(Medication::evidence)
                                .toList());
    }

    // ---- In pregnancy, not on levothyroxine ----

    private Finding overtInPregnancy(Assessment assessment) {
        var facts = assessment.facts();
        var units = assessment.presentation().units();
        Thyroid thyroid = thyroid(assessment);
        LocalDate recheck = facts.evaluationDate().plusDays(PREGNANCY_RECHECK_DAYS);
        List<ProposedAction> actions = new ArrayList<>();
        if (!drafted(assessment)) {
            actions.add(ProposedAction.prescription(
                    "Prescribe full-dose levothyroxine",
                    SuggestedCodes.LEVOTHYROXINE,
                    fullDose(assessment),
                    Optional.empty()));
        }
        actions.add(ProposedAction.order("Refer to endocrinology today", SuggestedCodes.text(REFERRAL)));
        actions.add(
                ProposedAction.order("Order TSH in 4 weeks", SuggestedCodes.TSH).notBefore(recheck));
        actions.add(ProposedAction.order("Order free T4 in 4 weeks", SuggestedCodes.FREE_T4)
                .notBefore(recheck));
        return finding(
                assessment,
                Indicator.CRITICAL,
                "Overt hypothyroidism at " + facts.pregnancy().gestation() + " (TSH "
                        + Quantities.value(thyroid.tsh().orElseThrow(), units) + ", free T4 "
                        + Quantities.value(thyroid.freeT4().orElseThrow(), units)
                        + "). Start full-dose levothyroxine today; refer to endocrinology.",
                weighed(assessment, new Detail().results("Thyroid results", shown(thyroid)))
                        .text("Untreated overt hypothyroidism in pregnancy raises the risk of miscarriage, preterm"
                                + " birth and impaired fetal neurodevelopment: start the full replacement dose, about"
                                + " 1.6 micrograms/kg a day, today (ATA 2017)."),
                actions);
    }

    private Finding raisedInPregnancy(Assessment assessment) {
        var units = assessment.presentation().units();
        Thyroid thyroid = thyroid(assessment);
        LabResult tsh = thyroid.tsh().orElseThrow();
        boolean overtRange = thyroid.category() == Thyroid.Category.OVERT;
        List<ProposedAction> actions = new ArrayList<>();
        if (!drafted(assessment)) {
            actions.add(ProposedAction.prescription(
                    "Prescribe levothyroxine",
                    SuggestedCodes.LEVOTHYROXINE,
                    overtRange
                            ? fullDose(assessment)
                            : "Levothyroxine orally once daily; dose by weight and TSH (for example 50 micrograms);"
                                    + " recheck TSH in 4-6 weeks",
                    Optional.empty()));
        }
        Chart chart = assessment.facts().chart();
        if (thyroid.freeT4().isEmpty() && !chart.orderedSince(Analyte.FREE_T4, thyroid.recentSince())) {
            actions.add(ProposedAction.order("Order free T4 today", SuggestedCodes.FREE_T4));
        }
        if (thyroid.tpo().isEmpty()) {
            actions.add(ProposedAction.order("Order TPO antibodies", SuggestedCodes.TPO_ANTIBODY));
        }
        Detail detail = new Detail()
                .results("Thyroid results", shown(thyroid))
                .text("The upper limit is the lab's reference range where given, else "
                        + Quantities.threshold(Analyte.TSH, upper(assessment), units)
                        + (thyroid.freeT4().isEmpty()
                                ? ". Free T4 today: below range, this is overt hypothyroidism, to be treated at full"
                                        + " dose the same day."
                                : "."));
        return finding(
                assessment,
                Indicator.WARNING,
                "TSH " + Quantities.value(tsh, units) + " above "
                        + Quantities.threshold(Analyte.TSH, thyroid.upper(), units) + ": "
                        + (overtRange ? "overt" : "subclinical")
                        + " hypothyroidism. Start levothyroxine; recheck TSH in 4–6 weeks.",
                overtRange ? weighed(assessment, detail) : detail,
                actions);
    }

    private Finding tpoInPregnancy(Assessment assessment) {
        var facts = assessment.facts();
        var units = assessment.presentation().units();
        Thyroid thyroid = thyroid(assessment);
        LocalDate recheck = facts.evaluationDate().plusDays(PREGNANCY_RECHECK_DAYS);
        List<ProposedAction> actions = new ArrayList<>();
        actions.add(
                ProposedAction.order("Order TSH in 4 weeks", SuggestedCodes.TSH).notBefore(recheck));
        if (!drafted(assessment)) {
            // An option in every profile, never a recommendation: the trials found no benefit.
            actions.add(ProposedAction.prescription(
                            "Optional: levothyroxine 25 micrograms daily",
                            SuggestedCodes.LEVOTHYROXINE,
                            "25 micrograms orally once daily",
                            Optional.empty())
                    .notRecommended());
        }
        return finding(
                assessment,
                Indicator.INFO,
                "TPO antibodies with TSH " + Quantities.value(thyroid.tsh().orElseThrow(), units) + " at "
                        + facts.pregnancy().gestation()
                        + ". Levothyroxine 25–50 micrograms may be considered (ATA 2017); trials found no benefit.",
                new Detail()
                        .results("Thyroid results", shown(thyroid))
                        .text("ATA 2017: levothyroxine 25–50 micrograms a day may be considered for TPO-positive"
                                + " women with TSH above 2.5 mIU/L and a history of loss. " + TRIALS
                                + " Check TSH every 4 weeks to mid-gestation."),
                actions);
    }

    // ---- Outside pregnancy ----

    private Finding overt(Assessment assessment) {
        var units = assessment.presentation().units();
        Thyroid thyroid = thyroid(assessment);
        List<ProposedAction> actions = new ArrayList<>();
        if (!drafted(assessment)) {
            actions.add(ProposedAction.prescription(
                    "Prescribe levothyroxine", SuggestedCodes.LEVOTHYROXINE, fullDose(assessment), Optional.empty()));
        }
        actions.add(ProposedAction.order("Order TSH in 6 weeks", SuggestedCodes.TSH)
                .notBefore(assessment.facts().evaluationDate().plusDays(RECHECK_DAYS)));
        if (thyroid.tpo().isEmpty()) {
            actions.add(ProposedAction.order("Order TPO antibodies", SuggestedCodes.TPO_ANTIBODY));
        }
        return finding(
                assessment,
                Indicator.WARNING,
                "Overt hypothyroidism (TSH " + Quantities.value(thyroid.tsh().orElseThrow(), units) + ", free T4 "
                        + Quantities.value(thyroid.freeT4().orElseThrow(), units)
                        + "). Start levothyroxine; aim for TSH below 2.5 before conception.",
                weighed(assessment, new Detail().results("Thyroid results", shown(thyroid)))
                        .text("Free T4 below range with a raised TSH is overt hypothyroidism: treat now and reach a"
                                + " TSH below 2.5 mIU/L before she conceives."),
                actions);
    }

    private Finding confirmed(Assessment assessment) {
        var units = assessment.presentation().units();
        Thyroid thyroid = thyroid(assessment);
        LabResult earlier = thyroid.confirmed().orElseThrow();
        LabResult latest = thyroid.tsh().orElseThrow();
        List<ProposedAction> actions = new ArrayList<>();
        if (!drafted(assessment)) {
            // A low fixed dose, never by weight; ESHRE 2022 makes it a conditional recommendation.
            actions.add(ProposedAction.prescription(
                    "Prescribe levothyroxine 25 micrograms daily" + (eshre(assessment) ? " (conditional)" : ""),
                    SuggestedCodes.LEVOTHYROXINE,
                    "25 micrograms orally once daily; recheck TSH in 6-8 weeks",
                    Optional.empty()));
        }
        actions.add(ProposedAction.order("Order TSH in 6 weeks", SuggestedCodes.TSH)
                .notBefore(assessment.facts().evaluationDate().plusDays(RECHECK_DAYS)));
        if (thyroid.tpo().isEmpty()) {
            actions.add(ProposedAction.order("Order TPO antibodies", SuggestedCodes.TPO_ANTIBODY));
        }
        List<LabResult> shown = new ArrayList<>(List.of(earlier));
        shown.addAll(shown(thyroid));
        return finding(
                assessment,
                Indicator.INFO,
                "Subclinical hypothyroidism confirmed (TSH "
                        + Quantities.decimal(earlier.value().orElseThrow()) + " and "
                        + Quantities.value(latest, units)
                        + "). Consider levothyroxine 25–50 micrograms before conception.",
                new Detail()
                        .results("Thyroid results", shown)
                        .text("Two TSH results above the limit at least "
                                + assessment.profile().thresholds().thyroid().confirmWeeks()
                                + " weeks apart, free T4 not low. Low-dose levothyroxine before conception may be"
                                + " considered; recheck TSH 6–8 weeks after starting."),
                actions);
    }

    private Finding oneTest(Assessment assessment) {
        var facts = assessment.facts();
        var units = assessment.presentation().units();
        Thyroid thyroid = thyroid(assessment);
        LabResult tsh = thyroid.tsh().orElseThrow();
        // At least 6 weeks after the raised result, or now when that is past.
        LocalDate repeat = tsh.date().plusDays(RECHECK_DAYS);
        Chart chart = facts.chart();
        List<ProposedAction> actions = new ArrayList<>();
        actions.add(from(ProposedAction.order("Repeat TSH", SuggestedCodes.TSH), repeat, facts.evaluationDate()));
        if (!chart.orderedSince(Analyte.FREE_T4, tsh.date().plusDays(1))) {
            actions.add(from(
                    ProposedAction.order("Order free T4", SuggestedCodes.FREE_T4), repeat, facts.evaluationDate()));
        }
        return finding(
                assessment,
                Indicator.INFO,
                "TSH " + Quantities.value(tsh, units) + " above "
                        + Quantities.threshold(Analyte.TSH, thyroid.upper(), units)
                        + " on one test. Repeat TSH and free T4 before treating.",
                new Detail()
                        .results("Thyroid results", shown(thyroid))
                        .text("Outside pregnancy a raised TSH is confirmed on a second test, at least "
                                + assessment.profile().thresholds().thyroid().confirmWeeks()
                                + " weeks later, before levothyroxine is considered: TSH often returns to range."),
                actions);
    }

    private static ProposedAction from(ProposedAction order, LocalDate day, LocalDate today) {
        return day.isAfter(today) ? order.notBefore(day) : order;
    }

    /** The latest TSH is abnormal but not recent; repeat before treating. */
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

    // ---- Shared ----

    private static Thyroid thyroid(Assessment assessment) {
        return assessment.derived().thyroid();
    }

    /** The recent TSH, free T4 and TPO antibodies. */
    private static List<LabResult> shown(Thyroid thyroid) {
        List<LabResult> shown = new ArrayList<>();
        thyroid.tsh().ifPresent(shown::add);
        thyroid.freeT4().ifPresent(shown::add);
        thyroid.tpo().ifPresent(shown::add);
        return shown;
    }

    /** A draft prescription only suppresses a duplicate suggestion. */
    private static boolean drafted(Assessment assessment) {
        return assessment.facts().chart().prescribed(Drug.LEVOTHYROXINE, Set.of(RequestStatus.DRAFT));
    }

    /**
     * The full replacement dose (ATA 2017): 1.6 micrograms/kg a day from the body weight on record,
     * rounded to a 25-microgram step; without a weight, the rule itself with an example.
     */
    static String fullDose(Assessment assessment) {
        return assessment
                .derived()
                .bodyWeight()
                .flatMap(LabResult::value)
                .map(kg -> fullDose(kg) + " micrograms daily (about 1.6 micrograms/kg)")
                .orElse("about 1.6 micrograms/kg daily (100 micrograms at 60 kg)");
    }

    /** 1.6 micrograms/kg, rounded to the nearest 25 micrograms, at least 25. */
    static int fullDose(BigDecimal kg) {
        int steps = kg.multiply(FULL_DOSE_PER_KG)
                .divide(TABLET_STEP, 0, RoundingMode.HALF_UP)
                .intValue();
        return Math.max(1, steps) * TABLET_STEP.intValue();
    }

    /** The detail with the body weight a full dose was worked out from, or its absence. */
    private static Detail weighed(Assessment assessment, Detail detail) {
        Optional<LabResult> weight = assessment.derived().bodyWeight();
        return weight.isPresent()
                ? detail.results("Body weight for the dose", List.of(weight.get()))
                : detail.lead("Body weight:", "none in the last 12 months; dose at about 1.6 micrograms/kg.");
    }

    /** The profile's TSH upper limit, for when the lab gives none. */
    private static BigDecimal upper(Assessment assessment) {
        Thresholds.Thyroid limits = assessment.profile().thresholds().thyroid();
        return assessment.pregnant() ? limits.tshPregnantUpper() : limits.tshUpper();
    }

    /** The profile follows ESHRE 2022, whose recommendation on subclinical hypothyroidism is conditional. */
    private static boolean eshre(Assessment assessment) {
        return Citation.ESHRE_2022.equals(assessment.profile().definition());
    }
}
