package org.rplcds.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.rplcds.facts.Drug;
import org.rplcds.facts.PatientFacts;
import org.rplcds.facts.RequestStatus;

/**
 * RPL-07: treat antiphospholipid syndrome.
 *
 * <p>When APS is confirmed and the patient is pregnant or has RPL. Then, in pregnancy, a warning
 * to start what is missing of low-dose aspirin and prophylactic heparin; outside pregnancy, an
 * info card to plan aspirin before conception and heparin from a positive pregnancy test.
 *
 * <p>Not when, in pregnancy, aspirin and heparin are both active; outside pregnancy, when aspirin
 * is active or drafted (the plan is documented). In pregnancy a drafted drug is still missing, but is
 * not suggested a second time.
 *
 * <p>Source: ESHRE 2022; RCOG 2023; ASRM 2012.
 */
public final class Rpl07AntiphospholipidTreatment implements Recommendation {

    public static final String ID = "RPL-07";
    static final Citation SOURCE =
            new Citation("ESHRE 2022; RCOG Green-top Guideline No. 17 (2023); ASRM 2012", Citation.ESHRE_2022.url());
    private static final String SOURCES = "ESHRE 2022; RCOG Green-top Guideline No. 17 (2023); ASRM 2012";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<Finding> evaluate(Assessment assessment) {
        PatientFacts facts = assessment.facts();
        GuidelineProfile profile = assessment.profile();
        boolean pregnant = assessment.pregnant();
        if (!assessment.apsConfirmed().holds() || !(pregnant || assessment.rpl())) {
            return Optional.empty();
        }
        boolean aspirin = facts.chart().onTherapy(Drug.ASPIRIN);
        boolean heparin = facts.chart().onTherapy(Drug.HEPARIN);
        // Clinical rules 2.8: a draft prescription only suppresses a duplicate suggestion.
        Set<RequestStatus> draft = Set.of(RequestStatus.DRAFT);
        boolean aspirinDrafted = facts.chart().prescribed(Drug.ASPIRIN, draft);
        boolean heparinDrafted = facts.chart().prescribed(Drug.HEPARIN, draft);
        Detail detail = new Detail()
                .evidence(
                        "Antiphospholipid syndrome",
                        facts.chart().problems(org.rplcds.facts.ProblemKind.ANTIPHOSPHOLIPID_SYNDROME).stream()
                                .map(org.rplcds.facts.Problem::evidence)
                                .toList())
                .results("Positive antiphospholipid results", assessment.positiveApl());
        ProposedAction startAspirin = ProposedAction.prescription(
                "Prescribe low-dose aspirin",
                SuggestedCodes.ASPIRIN_81,
                "Aspirin 81 mg orally once daily",
                Optional.empty());
        ProposedAction startHeparin = ProposedAction.prescription(
                "Prescribe prophylactic enoxaparin",
                SuggestedCodes.ENOXAPARIN_40,
                "Enoxaparin 40 mg subcutaneously once daily",
                Optional.empty());
        if (pregnant) {
            if (aspirin && heparin) {
                return Optional.empty();
            }
            List<ProposedAction> actions = new ArrayList<>();
            if (!aspirin && !aspirinDrafted) {
                actions.add(startAspirin);
            }
            if (!heparin && !heparinDrafted) {
                actions.add(startHeparin);
            }
            String missing = !aspirin && !heparin ? "aspirin or heparin" : !aspirin ? "aspirin" : "heparin";
            return Optional.of(new Finding(
                    ID,
                    "Antiphospholipid syndrome treatment",
                    Indicator.WARNING,
                    "APS in current pregnancy without " + missing + ". Start low-dose aspirin plus prophylactic LMWH.",
                    detail.text(
                                    "Low-dose aspirin (75-100 mg) with prophylactic-dose heparin is recommended for pregnant women"
                                            + " with APS and pregnancy loss.")
                            .sources(SOURCES),
                    SOURCE,
                    actions));
        }
        if (aspirin || aspirinDrafted) {
            return Optional.empty();
        }
        return Optional.of(new Finding(
                ID,
                "Antiphospholipid syndrome treatment",
                Indicator.INFO,
                "APS with RPL: plan low-dose aspirin before conception and heparin from a positive pregnancy test.",
                detail.text(
                                "ESHRE orders the start: aspirin before conception, heparin from the positive pregnancy test.")
                        .sources(SOURCES),
                SOURCE,
                List.of(startAspirin)));
    }
}
