package org.rplcds.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.rplcds.facts.DraftOrder;
import org.rplcds.facts.DraftOrders;
import org.rplcds.facts.Drug;
import org.rplcds.facts.Evidence;
import org.rplcds.facts.Medication;
import org.rplcds.facts.Order;
import org.rplcds.facts.ProblemKind;
import org.rplcds.facts.RequestStatus;

/**
 * RPL-23 Tests and treatments of low value in RPL.
 *
 * <p><b>Guideline:</b> ESHRE 2022 and RCOG 2023 do not recommend HLA typing, NK-cell testing,
 * anti-sperm or anti-endometrial antibodies, inherited thrombophilia screening without other risk
 * factors, or immunotherapy; ALIFE2: no aspirin or heparin in unexplained RPL (clinical rules 1.2,
 * 1.3, paraphrased).
 *
 * <p><b>When</b> a draft or active order is for NK-cell testing, HLA typing, anti-sperm or
 * anti-endometrial antibodies, an inherited-thrombophilia panel (without a venous thromboembolism
 * history), IVIG or lymphocyte immunotherapy; or aspirin or heparin in unexplained RPL without APS.
 * No verified codes exist for these tests: they are recognised by name. <b>Then</b> an info card
 * saying these are not recommended, with a suggestion to withdraw each order. <b>Not when</b> the
 * aspirin is from 12 weeks of pregnancy (another indication), or the heparin follows a venous
 * thromboembolism.
 *
 * <p><b>While the orders are written</b> ({@code order-select}, {@code order-sign}; clinical rules
 * §8.6 and its clarification in §8.7) the rule reads the draft orders instead of the chart's: a
 * low-value draft gets {@code Not recommended for recurrent pregnancy loss ({guideline}): {what}.}
 * with a suggestion to withdraw the draft, which also orders the antiphospholipid tests when an
 * inherited-thrombophilia panel is drafted and they were never done. A draft aspirin or heparin in
 * unexplained RPL without APS is of low value too, <b>not when</b> it has a documented indication:
 * aspirin from 12 weeks with a pre-eclampsia risk factor on record (chronic hypertension, chronic
 * kidney disease, diabetes, autoimmune disease), a venous thromboembolism history, or APS.
 *
 * <p><b>Source:</b> ESHRE 2022; RCOG 2023.
 */
final class Rpl23LowValueCare extends Rule {

    private static final List<String> IMMUNE_TESTS = List.of(
            "natural killer",
            "nk cell",
            "nk-cell",
            "cd56",
            "hla typing",
            "hla-",
            "hla ",
            "anti-sperm",
            "antisperm",
            "sperm antibod",
            "anti-endometrial",
            "endometrial antibod");
    private static final List<String> THROMBOPHILIA_TESTS = List.of(
            "thrombophilia",
            "factor v leiden",
            "prothrombin gene",
            "prothrombin 20210",
            "protein c ",
            "protein s ",
            "antithrombin",
            "mthfr");
    private static final Set<RequestStatus> OPEN = Set.of(RequestStatus.DRAFT, RequestStatus.ACTIVE);

    Rpl23LowValueCare() {
        super(
                "RPL-23",
                "Low-value test or treatment",
                new Citation("ESHRE 2022; RCOG Green-top Guideline No. 17 (2023)", Citation.ESHRE_2022.url()));
    }

    /** Pre-eclampsia risk factors that make low-dose aspirin from 12 weeks indicated (clinical rules §8.7). */
    private static final List<ProblemKind> PRE_ECLAMPSIA_RISKS = List.of(
            ProblemKind.HYPERTENSION,
            ProblemKind.CHRONIC_KIDNEY_DISEASE,
            ProblemKind.DIABETES,
            ProblemKind.AUTOIMMUNE_DISEASE);

    /** The tests ESHRE 2022 and RCOG 2023 recommend in place of an inherited-thrombophilia panel. */
    static final Concept ANTIPHOSPHOLIPID_TESTS = SuggestedCodes.text(
            "Antiphospholipid antibodies: lupus anticoagulant, anticardiolipin IgG and IgM, anti-beta2-glycoprotein I");

    @Override
    boolean inclusion(Assessment assessment) {
        if (assessment.drafts().isPresent()) {
            return !flaggedDrafts(assessment).isEmpty();
        }
        return !flagged(assessment).isEmpty();
    }

    /** Drafts of the kinds this rule judges, before the patient's record is read. */
    @Override
    List<DraftOrder> candidates(DraftOrders drafts) {
        List<DraftOrder> candidates = new ArrayList<>();
        for (DraftOrder draft : drafts.drafts()) {
            boolean test = draft.order().isPresent()
                    && (immune(draft.order().get())
                            || thrombophilia(draft.order().get()));
            boolean drug = draft.prescribes(Drug.IMMUNOTHERAPY)
                    || draft.prescribes(Drug.ASPIRIN)
                    || draft.prescribes(Drug.HEPARIN);
            if (test || drug) {
                candidates.add(draft);
            }
        }
        return candidates;
    }

    private static boolean immune(Order order) {
        String text = " " + order.text().toLowerCase(Locale.ROOT) + " ";
        return IMMUNE_TESTS.stream().anyMatch(text::contains);
    }

    private static boolean thrombophilia(Order order) {
        String text = " " + order.text().toLowerCase(Locale.ROOT) + " ";
        return THROMBOPHILIA_TESTS.stream().anyMatch(text::contains);
    }

    /** The draft orders of low value for this patient, in bundle order. */
    private List<DraftOrder> flaggedDrafts(Assessment assessment) {
        var chart = assessment.facts().chart();
        boolean vte = chart.hasProblem(ProblemKind.VENOUS_THROMBOEMBOLISM);
        boolean unexplainedWithoutAps = assessment.derived().unexplained()
                && !assessment.derived().apsConfirmed().holds();
        List<DraftOrder> flagged = new ArrayList<>();
        for (DraftOrder draft : candidates(assessment.drafts().orElseThrow())) {
            boolean lowValue = draft.order()
                            .filter(o -> immune(o) || (!vte && thrombophilia(o)))
                            .isPresent()
                    || draft.prescribes(Drug.IMMUNOTHERAPY)
                    || (unexplainedWithoutAps && draft.prescribes(Drug.ASPIRIN) && !aspirinIndicated(assessment, vte))
                    || (unexplainedWithoutAps && draft.prescribes(Drug.HEPARIN) && !vte);
            if (lowValue) {
                flagged.add(draft);
            }
        }
        return flagged;
    }

    /** Aspirin's own indications: from 12 weeks with a pre-eclampsia risk factor, or a thrombosis history. */
    private static boolean aspirinIndicated(Assessment assessment, boolean vte) {
        boolean fromTwelveWeeks = assessment.pregnant() && assessment.gestationDays() >= 12 * 7;
        boolean risk = PRE_ECLAMPSIA_RISKS.stream()
                .anyMatch(kind -> assessment.facts().chart().hasActiveProblem(kind));
        return vte || (fromTwelveWeeks && risk);
    }

    /**
     * The exceptions (a thrombosis history; aspirin from 12 weeks with a pre-eclampsia risk factor)
     * are applied in {@link #flagged}.
     */
    @Override
    boolean exclusion(Assessment assessment) {
        return false;
    }

    /** The open orders and prescriptions of low value, each once. */
    private static List<Evidence> flagged(Assessment assessment) {
        var chart = assessment.facts().chart();
        boolean vte = chart.hasProblem(ProblemKind.VENOUS_THROMBOEMBOLISM);
        List<Evidence> flagged = new ArrayList<>();
        for (Order order : chart.orders()) {
            if (!OPEN.contains(order.status())) {
                continue;
            }
            String text = " " + order.text().toLowerCase(Locale.ROOT) + " ";
            boolean immune = IMMUNE_TESTS.stream().anyMatch(text::contains);
            boolean thrombophilia = !vte && THROMBOPHILIA_TESTS.stream().anyMatch(text::contains);
            if (immune || thrombophilia) {
                flagged.add(order.evidence());
            }
        }
        chart.medications(Drug.IMMUNOTHERAPY).stream()
                .filter(m -> OPEN.contains(m.status()))
                .map(Medication::evidence)
                .forEach(flagged::add);
        if (assessment.derived().unexplained()
                && !assessment.derived().apsConfirmed().holds()) {
            // Clinical rules 8.7: aspirin is indicated from 12 weeks with a pre-eclampsia risk factor, or after a
            // thrombosis.
            boolean indicated = aspirinIndicated(assessment, vte);
            chart.medications(Drug.ASPIRIN).stream()
                    .filter(m -> OPEN.contains(m.status()) && !indicated)
                    .map(Medication::evidence)
                    .forEach(flagged::add);
            if (!vte) {
                chart.medications(Drug.HEPARIN).stream()
                        .filter(m -> OPEN.contains(m.status()))
                        .map(Medication::evidence)
                        .forEach(flagged::add);
            }
        }
        return flagged.stream().distinct().toList();
    }

    @Override
    Finding card(Assessment assessment) {
        if (assessment.drafts().isPresent()) {
            return draftCard(assessment);
        }
        List<Evidence> flagged = flagged(assessment);
        return finding(
                assessment,
                Indicator.INFO,
                "This test/treatment is not recommended for recurrent pregnancy loss by ESHRE/RCOG.",
                new Detail()
                        .evidence("Orders", flagged)
                        .text(
                                "NK-cell and HLA testing, anti-sperm or anti-endometrial antibodies, inherited thrombophilia"
                                        + " screening without a thrombosis history, immunotherapy, and aspirin or heparin for unexplained RPL"
                                        + " do not improve live birth rates."),
                flagged.stream()
                        .map(e -> ProposedAction.remove(withdrawal(e.description()), e.description(), e.reference()))
                        .toList());
    }

    /**
     * The button, in clinician words rather than the record's (§8 R9): {@code Withdraw the NK-cell
     * assay order}, {@code Stop the aspirin prescription}.
     */
    static String withdrawal(String recordText) {
        String text = " " + recordText.toLowerCase(Locale.ROOT) + " ";
        if (text.contains("aspirin")) {
            return "Stop the aspirin prescription";
        }
        if (text.contains("heparin") || text.contains("parin ") || text.contains("lmwh")) {
            return "Stop the heparin prescription";
        }
        if (text.contains("immunoglobulin")
                || text.contains("ivig")
                || text.contains("intralipid")
                || text.contains("immunotherapy")
                || text.contains("lymphocyte")) {
            return "Stop the immunotherapy prescription";
        }
        if (text.contains(" nk") || text.contains("natural killer") || text.contains("cd56")) {
            return "Withdraw the NK-cell assay order";
        }
        if (text.contains("hla")) {
            return "Withdraw the HLA typing order";
        }
        if (text.contains("sperm")) {
            return "Withdraw the anti-sperm antibody order";
        }
        if (text.contains("endometri")) {
            return "Withdraw the anti-endometrial antibody order";
        }
        return "Withdraw the thrombophilia test order";
    }

    /** The card on the drafts being signed or selected (clinical rules §8.6). */
    private Finding draftCard(Assessment assessment) {
        List<DraftOrder> flagged = flaggedDrafts(assessment);
        String opening = "Not recommended for recurrent pregnancy loss (" + guideline(assessment.profile()) + "): ";
        String summary = opening
                + String.join(", ", flagged.stream().map(DraftOrder::text).toList()) + ".";
        if (summary.length() > Finding.MAX_SUMMARY) {
            // The drafts' own names are too long for one line: what they are, in clinician words.
            summary = opening
                    + String.join(
                            ", ",
                            flagged.stream()
                                    .map(Rpl23LowValueCare::kind)
                                    .distinct()
                                    .toList())
                    + ".";
        }
        List<ProposedAction> actions = new ArrayList<>();
        for (DraftOrder draft : flagged) {
            if (draft.reference().isEmpty()) {
                // A draft without an id cannot be named in action.resourceId.
                continue;
            }
            boolean thrombophilia =
                    draft.order().filter(Rpl23LowValueCare::thrombophilia).isPresent()
                            && draft.order().filter(Rpl23LowValueCare::immune).isEmpty();
            if (thrombophilia && !assessment.derived().aplTested().holds()) {
                actions.add(ProposedAction.replace(
                        "Withdraw this thrombophilia panel; order antiphospholipid antibodies instead",
                        draft.text(),
                        draft.reference(),
                        ANTIPHOSPHOLIPID_TESTS));
            } else {
                actions.add(
                        ProposedAction.remove("Withdraw the draft " + draft.text(), draft.text(), draft.reference()));
            }
        }
        return finding(
                assessment,
                Indicator.INFO,
                summary,
                new Detail()
                        .evidence(
                                "Draft orders",
                                flagged.stream().map(DraftOrder::evidence).toList())
                        .text(
                                "NK-cell and HLA testing, anti-sperm or anti-endometrial antibodies, inherited thrombophilia"
                                        + " screening without a thrombosis history, immunotherapy, and aspirin or heparin for unexplained RPL"
                                        + " without antiphospholipid syndrome do not improve live birth rates."),
                actions);
    }

    /** What a flagged draft is, in clinician words. */
    private static String kind(DraftOrder draft) {
        if (draft.order().isPresent()) {
            String text = " " + draft.order().get().text().toLowerCase(Locale.ROOT) + " ";
            if (text.contains("nk") || text.contains("natural killer") || text.contains("cd56")) {
                return "NK-cell testing";
            }
            if (text.contains("hla")) {
                return "HLA typing";
            }
            if (text.contains("sperm")) {
                return "anti-sperm antibodies";
            }
            if (text.contains("endometrial")) {
                return "anti-endometrial antibodies";
            }
            return "inherited thrombophilia testing";
        }
        if (draft.prescribes(Drug.IMMUNOTHERAPY)) {
            return "immunotherapy";
        }
        return draft.prescribes(Drug.ASPIRIN) ? "aspirin" : "heparin";
    }

    /** The guideline named in the order-time summary, as people say it. */
    private static String guideline(GuidelineProfile profile) {
        return profile.name().startsWith("RCOG") ? "RCOG 2023" : "ESHRE 2022";
    }
}
