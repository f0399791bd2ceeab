package org.rplcds.rules;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.rplcds.facts.Chart;
import org.rplcds.facts.Drug;
import org.rplcds.facts.Evidence;
import org.rplcds.facts.Medication;
import org.rplcds.facts.ObstetricHistory;
import org.rplcds.facts.Order;
import org.rplcds.facts.PregnancyEvent;
import org.rplcds.facts.ProblemKind;
import org.rplcds.facts.Reasons;
import org.rplcds.facts.ValueSets;

/**
 * What RPL-23 holds of low value in RPL, and when, read by its card on the record ({@link
 * Rpl23LowValueCare}) and by its advice while orders are written ({@link Rpl23LowValueDrafts}): the
 * one decision on an order, whichever hook.
 *
 * <p>An order is judged only in the context of a pregnancy loss (RPL, a loss on record, or a loss
 * given as its reason): pregnancy, infertility or age alone is no context. An order with another
 * indication is never judged: a reason that is not a pregnancy loss, or, without a reason, a
 * condition on record that the order treats (an immunodeficiency for IVIG, a donor for HLA typing,
 * a thrombosis for heparin, lupus for prednisolone, fertility care for hCG, neutropenia for G-CSF).
 * Single-allele HLA tests (HLA-B27, HLA-B*57:01) are never RPL typing.
 */
final class LowValueCare {

    static final String ID = "RPL-23";
    static final String TITLE = "Low-value test or treatment";
    static final List<Citation> SOURCE = List.of(Citation.ESHRE_2022, Citation.RCOG_2023);

    /** What an order is, to RPL-23. */
    enum Kind {
        NK_CELL_TEST("NK-cell testing"),
        HLA_TYPING("HLA typing"),
        ANTI_SPERM_ANTIBODIES("anti-sperm antibodies"),
        ANTI_ENDOMETRIAL_ANTIBODIES("anti-endometrial antibodies"),
        THROMBOPHILIA_TEST("inherited thrombophilia testing"),
        IMMUNOTHERAPY("immunotherapy"),
        GLUCOCORTICOID("glucocorticoid"),
        HCG("hCG"),
        G_CSF("G-CSF"),
        ASPIRIN("aspirin"),
        HEPARIN("heparin");

        private final String words;

        Kind(String words) {
            this.words = words;
        }

        /** What it is, in clinician words. */
        String words() {
            return words;
        }
    }

    private static final Pattern NK_CELL = Pattern.compile("\\b(?:natural killer|nk[- ]?cells?|nk|cd56)\\b");
    private static final Pattern HLA = Pattern.compile("\\bhla\\b");
    /** One named allele or antigen (HLA-B27, HLA-B*57:01, HLA-DQ2): never RPL typing. */
    private static final Pattern HLA_ONE_ALLELE =
            Pattern.compile("\\bhla[- ]?(?:a|b|c|dr|dq|dp)[a-z]?[0-9]?\\*?\\s?[0-9]");

    private static final Pattern ANTI_SPERM = Pattern.compile("\\b(?:anti-?sperm|sperm antibod(?:y|ies))\\b");
    private static final Pattern ANTI_ENDOMETRIAL =
            Pattern.compile("\\b(?:anti-?endometrial|endometrial antibod(?:y|ies))\\b");
    /**
     * Inherited-thrombophilia tests by whole-word name, where no code says so; factor V activity
     * (3193-0), a clotting-factor assay, is neither in the value set nor named here.
     */
    private static final Pattern THROMBOPHILIA = Pattern.compile("\\b(?:inherited thrombophilia|thrombophilia"
            + "|factor v leiden|prothrombin gene|prothrombin 20210a?|prothrombin g20210a|protein c|protein s"
            + "|antithrombin|mthfr|activated protein c resistance)\\b");

    /** A hydrocortisone dose at or below this a day replaces the adrenal's own: never judged. */
    private static final BigDecimal HYDROCORTISONE_REPLACEMENT_MG = BigDecimal.valueOf(30);
    /** From this gestation, dexamethasone by injection is given to mature the fetal lungs. */
    private static final int ANTENATAL_STEROIDS_FROM_DAYS = 22 * 7;

    private static final Set<String> ORAL = Set.of("", "oral", "orally", "by mouth", "po", "oral use");

    private LowValueCare() {}

    /** What the test order is, to RPL-23; empty when it is none of its tests. */
    static Optional<Kind> kind(Order order) {
        String text = " " + order.text().toLowerCase(Locale.ROOT) + " ";
        if (order.valueSets().contains(ValueSets.HLA_SINGLE_ALLELE_TEST)
                || HLA_ONE_ALLELE.matcher(text).find()) {
            return Optional.empty();
        }
        if (order.valueSets().contains(ValueSets.INHERITED_THROMBOPHILIA_TEST)) {
            return Optional.of(Kind.THROMBOPHILIA_TEST);
        }
        if (NK_CELL.matcher(text).find()) {
            return Optional.of(Kind.NK_CELL_TEST);
        }
        if (HLA.matcher(text).find()) {
            return Optional.of(Kind.HLA_TYPING);
        }
        if (ANTI_SPERM.matcher(text).find()) {
            return Optional.of(Kind.ANTI_SPERM_ANTIBODIES);
        }
        if (ANTI_ENDOMETRIAL.matcher(text).find()) {
            return Optional.of(Kind.ANTI_ENDOMETRIAL_ANTIBODIES);
        }
        if (THROMBOPHILIA.matcher(text).find()) {
            return Optional.of(Kind.THROMBOPHILIA_TEST);
        }
        return Optional.empty();
    }

    /** What the prescription is, to RPL-23; empty when it is none of its treatments. */
    static Optional<Kind> kind(Medication medication, Assessment assessment) {
        return switch (medication.drug()) {
            case IMMUNOTHERAPY -> Optional.of(Kind.IMMUNOTHERAPY);
            case GLUCOCORTICOID -> systemicForLoss(medication, assessment)
                    ? Optional.of(Kind.GLUCOCORTICOID)
                    : Optional.empty();
            case HCG -> Optional.of(Kind.HCG);
            case G_CSF -> Optional.of(Kind.G_CSF);
            case ASPIRIN -> Optional.of(Kind.ASPIRIN);
            case HEPARIN -> Optional.of(Kind.HEPARIN);
            default -> Optional.empty();
        };
    }

    /** Judged as RPL-23 judges: in the context of a pregnancy loss, with no other indication. */
    static boolean judged(Kind kind, Reasons reasons, Assessment assessment) {
        return lossContext(reasons, assessment) && !otherIndication(kind, reasons, assessment);
    }

    /**
     * A pregnancy loss is the context: RPL, a loss on record, a mid-trimester loss or a loss from 10
     * weeks, or a loss given as the order's reason.
     */
    static boolean lossContext(Reasons reasons, Assessment assessment) {
        ObstetricHistory history = assessment.facts().history();
        return assessment.rpl()
                || history.lossCount() >= 1
                || history.secondTrimesterLoss()
                || history.fetalLoss10w()
                || reasons.loss()
                || reasons.references().stream().anyMatch(lossRecords(assessment)::contains);
    }

    /** The order has an indication of its own: a reason that is no loss, or a condition it treats. */
    static boolean otherIndication(Kind kind, Reasons reasons, Assessment assessment) {
        var thrombosis = assessment.derived().thrombosis();
        // A thrombosis, thrombotic APS, a known thrombophilia, long-term anticoagulation or a valve.
        if (Set.of(Kind.HEPARIN, Kind.ASPIRIN, Kind.THROMBOPHILIA_TEST).contains(kind)
                && thrombosis.anticoagulationIndicated()) {
            return true;
        }
        List<String> losses = lossRecords(assessment);
        // A reason that is not a pregnancy loss, or a record named as the reason that is none on record.
        if (reasons.other() || reasons.references().stream().anyMatch(r -> !losses.contains(r))) {
            return true;
        }
        if (reasons.any()) {
            return false;
        }
        Chart chart = assessment.facts().chart();
        return switch (kind) {
            case IMMUNOTHERAPY -> chart.hasProblem(ProblemKind.IVIG_INDICATION);
            case HLA_TYPING -> chart.hasProblem(ProblemKind.HLA_TEST_INDICATION);
            case THROMBOPHILIA_TEST -> chart.hasProblem(ProblemKind.FAMILY_HISTORY_VTE);
            case ASPIRIN -> chart.hasProblem(ProblemKind.LONG_TERM_ANTIPLATELET)
                    || (assessment.pregnant()
                            && assessment.gestationDays() >= 12 * 7
                            && assessment.derived().preeclampsiaHighRisk().holds());
            case GLUCOCORTICOID -> chart.hasProblem(ProblemKind.GLUCOCORTICOID_INDICATION);
            case HCG -> recent(chart, ProblemKind.HCG_INDICATION, assessment);
            case G_CSF -> chart.hasProblem(ProblemKind.GCSF_INDICATION);
            default -> false;
        };
    }

    /**
     * A glucocorticoid taken by mouth at more than a replacement dose: never betamethasone (left
     * out as it is read), dexamethasone by injection from 22 weeks (antenatal steroids),
     * hydrocortisone up to 30 mg a day, or an inhaled, topical, nasal, eye or rectal steroid.
     */
    static boolean systemicForLoss(Medication medication, Assessment assessment) {
        String route = medication.dose().route();
        boolean injected = route.contains("intravenous") || route.contains("intramuscular");
        if (medication.ingredient().equals("dexamethasone") && injected) {
            return !assessment.pregnant() || assessment.gestationDays() < ANTENATAL_STEROIDS_FROM_DAYS;
        }
        if (!ORAL.contains(route)) {
            return false;
        }
        if (medication.ingredient().equals("hydrocortisone")) {
            var dose = medication.dose();
            if (dose.amount().isPresent() && dose.unit().equals("mg")) {
                BigDecimal daily = dose.amount().get().multiply(dose.perDay().orElse(BigDecimal.ONE));
                return daily.compareTo(HYDROCORTISONE_REPLACEMENT_MG) > 0;
            }
        }
        return true;
    }

    /** Fertility care within the last 12 months, or still active. */
    private static boolean recent(Chart chart, ProblemKind kind, Assessment assessment) {
        var since = assessment.facts().evaluationDate().minusMonths(12);
        return chart.problems(kind).stream()
                .anyMatch(p ->
                        p.active() || p.date().filter(d -> !d.isBefore(since)).isPresent());
    }

    /** The records of a pregnancy loss or an RPL diagnosis: a reason that names one gives the context. */
    private static List<String> lossRecords(Assessment assessment) {
        ObstetricHistory history = assessment.facts().history();
        List<String> references = new ArrayList<>();
        Stream.concat(
                        history.losses().stream().map(PregnancyEvent::evidence).flatMap(List::stream),
                        history.rplAssertions().stream())
                .map(Evidence::reference)
                .forEach(references::add);
        return references;
    }

    private static final Pattern LINE_BREAKS = Pattern.compile("[\\p{Cntrl}\\s\u2028\u2029]+");

    /** An order's words cut for a summary or a label: one line, at most 40 characters. */
    static String cut(String text) {
        String line = LINE_BREAKS.matcher(text).replaceAll(" ").strip();
        return line.length() <= 40 ? line : line.substring(0, 39).stripTrailing() + "…";
    }

    /** The guideline named in a summary, as people say it. */
    static String guideline(GuidelineProfile profile) {
        return profile.name().startsWith("RCOG") ? "RCOG 2023" : "ESHRE 2022";
    }

    /** Whether the drug is one of RPL-23's treatments. */
    static boolean treatment(Drug drug) {
        return switch (drug) {
            case IMMUNOTHERAPY, GLUCOCORTICOID, HCG, G_CSF, ASPIRIN, HEPARIN -> true;
            default -> false;
        };
    }
}
