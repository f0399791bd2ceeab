package org.rplcds.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.rplcds.facts.Drug;
import org.rplcds.facts.ProblemKind;
import org.rplcds.facts.RequestStatus;

/**
 * RPL-07 Treat antiphospholipid syndrome.
 *
 * <p><b>Guideline:</b> low-dose aspirin and heparin for APS: all three guidelines agree, and "only
 * the ESHRE guideline specified the order of starting them" (RBMO 2019 comparison): aspirin before
 * conception, heparin from the positive pregnancy test (clinical rules 1.3).
 *
 * <p><b>When</b> APS is confirmed and she is pregnant or has RPL. <b>Then</b>, in pregnancy, a warning
 * that names what she is on and adds only what is missing of low-dose aspirin and prophylactic
 * heparin, suggesting only the missing drug (clinical rules §8 R12); outside pregnancy, an info
 * card to plan aspirin before conception and heparin from a positive pregnancy test. <b>Not
 * when</b>, in pregnancy, aspirin and heparin are both active; outside pregnancy, when aspirin is
 * active or drafted (the plan is documented). In pregnancy a drafted drug is still missing, but is
 * not suggested a second time.
 *
 * <p><b>Source:</b> ESHRE 2022; RCOG 2023; ASRM 2012.
 */
final class Rpl07AntiphospholipidTreatment extends Rule {

    // Clinical rules 2.8: a draft prescription only suppresses a duplicate suggestion.
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
        boolean aspirin = chart.onTherapy(Drug.ASPIRIN);
        if (assessment.pregnant()) {
            return aspirin && chart.onTherapy(Drug.HEPARIN);
        }
        return aspirin || chart.prescribed(Drug.ASPIRIN, DRAFT);
    }

    @Override
    Finding card(Assessment assessment) {
        var chart = assessment.facts().chart();
        Detail detail = new Detail()
                .evidence("Antiphospholipid syndrome", chart.problemEvidence(ProblemKind.ANTIPHOSPHOLIPID_SYNDROME))
                .results(
                        "Positive antiphospholipid results",
                        assessment.derived().positiveApl());
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

    /** The summary names what she is on and only what is missing (clinical rules §8 R12). */
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
