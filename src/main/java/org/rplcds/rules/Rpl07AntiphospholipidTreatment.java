package org.rplcds.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.rplcds.facts.Drug;
import org.rplcds.facts.Medication;
import org.rplcds.facts.ProblemKind;
import org.rplcds.facts.RequestStatus;
import org.rplcds.rules.derived.Thrombosis;

/**
 * RPL-07 Treat antiphospholipid syndrome.
 *
 * <p><b>Guideline:</b> low-dose aspirin and heparin for APS: all three guidelines agree, and "only
 * the ESHRE guideline specified the order of starting them" (RBMO 2019 comparison): aspirin before
 * conception, heparin from the positive pregnancy test.
 *
 * <p><b>When</b> APS is confirmed and she is pregnant or has RPL. <b>Then</b>, in pregnancy, a warning
 * that names what she is on and adds only what is missing of low-dose aspirin and prophylactic
 * heparin, suggesting only the missing drug; outside pregnancy, an info
 * card to plan aspirin before conception and heparin from a positive pregnancy test. <b>Not
 * when</b>, in pregnancy, aspirin and heparin are both active; outside pregnancy, when aspirin is
 * active or drafted (the plan is documented). In pregnancy a drafted drug is still missing, but is
 * not suggested a second time.
 *
 * <p><b>Source:</b> ESHRE 2022; RCOG 2023; ASRM 2012.
 */
final class Rpl07AntiphospholipidTreatment extends Rule {

    // A draft prescription only suppresses a duplicate suggestion.
    private static final Set<RequestStatus> DRAFT = Set.of(RequestStatus.DRAFT);

    Rpl07AntiphospholipidTreatment() {
        super(
                "RPL-07",
                "Antiphospholipid syndrome treatment",
                Citation.ESHRE_2022,
                Citation.RCOG_2023,
                Citation.ASRM_2012);
    }

    @Override
    boolean inclusion(Assessment assessment) {
        return assessment.derived().apsConfirmed().holds() && (assessment.pregnant() || assessment.rpl());
    }

    @Override
    boolean exclusion(Assessment assessment) {
        var chart = assessment.facts().chart();
        Thrombosis thrombosis = assessment.derived().thrombosis();
        boolean aspirin = chart.onTherapy(Drug.ASPIRIN);
        if (thrombosis.thromboticAps().holds()) {
            if (assessment.pregnant()) {
                return aspirin
                        && !thrombosis.onOralAnticoagulant()
                        && thrombosis.heparinDose() == Thrombosis.HeparinDose.THERAPEUTIC;
            }
            if (thrombosis.onOralAnticoagulant()) {
                return false;
            }
        }
        if (assessment.pregnant()) {
            return aspirin && chart.onTherapy(Drug.HEPARIN);
        }
        return aspirin || chart.prescribed(Drug.ASPIRIN, DRAFT);
    }

    @Override
    Finding card(Assessment assessment) {
        var chart = assessment.facts().chart();
        Thrombosis thrombosis = assessment.derived().thrombosis();
        Detail detail = new Detail()
                .evidence("Antiphospholipid syndrome", chart.problemEvidence(ProblemKind.ANTIPHOSPHOLIPID_SYNDROME))
                .results(
                        "Positive antiphospholipid results",
                        assessment.derived().positiveApl())
                .evidence(
                        "Anticoagulants on record (prescribed)", Anticoagulation.onRecord(thrombosis.anticoagulants()));
        if (thrombosis.thromboticAps().holds()) {
            return thrombotic(assessment, thrombosis, detail);
        }
        ProposedAction startAspirin = ProposedAction.prescription(
                "Prescribe low-dose aspirin",
                SuggestedCodes.ASPIRIN_81,
                "Aspirin 81 mg orally once daily",
                Optional.empty());
        if (!assessment.pregnant()) {
            return finding(
                    assessment,
                    Indicator.INFO,
                    "APS with RPL: plan low-dose aspirin before conception and heparin from a positive pregnancy test.",
                    detail.text(
                            "ESHRE orders the start: aspirin before conception, heparin from the positive pregnancy test."),
                    List.of(startAspirin));
        }
        boolean aspirin = chart.onTherapy(Drug.ASPIRIN);
        boolean heparin = chart.onTherapy(Drug.HEPARIN);
        List<ProposedAction> actions = new ArrayList<>();
        if (!aspirin && !chart.prescribed(Drug.ASPIRIN, DRAFT)) {
            actions.add(startAspirin);
        }
        if (!heparin && !chart.prescribed(Drug.HEPARIN, DRAFT)) {
            actions.add(ProposedAction.prescription(
                    "Prescribe prophylactic enoxaparin",
                    SuggestedCodes.ENOXAPARIN_40,
                    "Enoxaparin 40 mg subcutaneously once daily",
                    Optional.empty()));
        }
        return finding(
                assessment,
                Indicator.WARNING,
                missing(aspirin, heparin),
                detail.text(
                        "Low-dose aspirin (75-100 mg) with prophylactic-dose heparin is recommended for pregnant women"
                                + " with APS and pregnancy loss."),
                actions);
    }

    /**
     * Thrombotic APS: a therapeutic dose of LMWH in pregnancy, never a prophylactic one; on an oral
     * anticoagulant in pregnancy RPL-27's critical card holds this advice.
     */
    private Finding thrombotic(Assessment assessment, Thrombosis thrombosis, Detail detail) {
        var chart = assessment.facts().chart();
        String gestation = assessment.facts().pregnancy().gestation();
        List<Citation> links = List.of(Citation.RCOG_GTG_37A, Citation.EULAR_2019);
        Detail why = detail.text("Antiphospholipid syndrome with a thrombosis (or on long-term anticoagulation) needs"
                + " therapeutic-dose LMWH with low-dose aspirin in pregnancy, until 6 weeks after birth; a"
                + " prophylactic dose is not enough (RCOG Green-top Guideline No. 37a, EULAR 2019, ACOG Practice"
                + " Bulletins 196 and 197).");
        if (!assessment.pregnant()) {
            Medication drug = thrombosis.oralAnticoagulants().isEmpty()
                    ? null
                    : thrombosis.oralAnticoagulants().get(0);
            if (drug != null) {
                return finding(
                        assessment,
                        Indicator.INFO,
                        "Thrombotic APS on " + drug.ingredient()
                                + ": plan a switch to therapeutic LMWH as soon as pregnancy is confirmed, before 6 weeks.",
                        why,
                        List.of(),
                        links);
            }
            return finding(
                    assessment,
                    Indicator.INFO,
                    "Thrombotic APS with RPL: plan low-dose aspirin before conception and therapeutic-dose LMWH from a"
                            + " positive pregnancy test.",
                    why,
                    List.of(aspirin(assessment)),
                    links);
        }
        boolean aspirin = chart.onTherapy(Drug.ASPIRIN) || chart.prescribed(Drug.ASPIRIN, DRAFT);
        List<ProposedAction> actions = new ArrayList<>();
        if (thrombosis.onOralAnticoagulant()) {
            // RPL-27's critical card holds the switch; this card adds what APS needs besides, folded into it.
            if (!aspirin && !thrombosis.mechanicalValve().holds()) {
                actions.add(aspirin(assessment));
            }
            return finding(
                    assessment,
                    Indicator.WARNING,
                    "Thrombotic APS, pregnant at " + gestation
                            + ": therapeutic-dose LMWH plus low-dose aspirin. Same-day haematology or obstetric medicine"
                            + " review.",
                    why,
                    actions,
                    links);
        }
        Thrombosis.HeparinDose dose = thrombosis.heparinDose();
        boolean onHeparin = chart.onTherapy(Drug.HEPARIN);
        String summary;
        if (onHeparin && dose == Thrombosis.HeparinDose.PROPHYLACTIC) {
            summary = "Thrombotic APS on prophylactic-dose LMWH at " + gestation
                    + ": raise to therapeutic dose. Same-day haematology or obstetric medicine review.";
            actions.add(Anticoagulation.therapeuticEnoxaparin(
                    assessment, "Raise to therapeutic-dose enoxaparin (in place of the prophylactic dose)"));
        } else {
            summary = "Thrombotic APS, pregnant at " + gestation
                    + ": therapeutic-dose LMWH plus low-dose aspirin. Same-day haematology or obstetric medicine review.";
            if (!onHeparin && !chart.prescribed(Drug.HEPARIN, DRAFT)) {
                actions.add(Anticoagulation.therapeuticEnoxaparin(assessment, "Prescribe therapeutic-dose enoxaparin"));
            }
            if (onHeparin && dose == Thrombosis.HeparinDose.UNKNOWN) {
                why = why.text("The heparin on record gives no dose: check that it is therapeutic.");
            }
        }
        if (!aspirin) {
            actions.add(aspirin(assessment));
        }
        actions.add(ProposedAction.order(Anticoagulation.SAME_DAY_REVIEW.display(), Anticoagulation.SAME_DAY_REVIEW));
        return finding(assessment, Indicator.WARNING, summary, why, actions, links);
    }

    /** Low-dose aspirin at the profile's pre-eclampsia dose (150 mg at night; 81 mg under ASRM 2012). */
    private static ProposedAction aspirin(Assessment assessment) {
        return LowDoseAspirin.untilBirth(assessment);
    }

    /** The summary names what she is on and only what is missing. */
    static String missing(boolean aspirin, boolean heparin) {
        if (aspirin) {
            return "APS in current pregnancy on aspirin without heparin. Add prophylactic LMWH.";
        }
        if (heparin) {
            return "APS in current pregnancy on heparin without aspirin. Add low-dose aspirin.";
        }
        return "APS in current pregnancy without aspirin or heparin. Start low-dose aspirin plus prophylactic LMWH.";
    }
}
