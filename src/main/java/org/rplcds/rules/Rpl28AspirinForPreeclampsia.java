package org.rplcds.rules;

import java.util.List;
import org.rplcds.facts.Drug;
import org.rplcds.rules.derived.PreeclampsiaRisk;

/**
 * RPL-28 Aspirin to prevent pre-eclampsia.
 *
 * <p><b>Guideline:</b> NICE NG133 (1.1.2): "Advise pregnant women at high risk of pre-eclampsia to
 * take 75–150 mg of aspirin daily from 12 weeks until the birth of the baby"; high risk is
 * hypertensive disease during a previous pregnancy, chronic kidney disease, autoimmune disease
 * such as systemic lupus erythematosus or antiphospholipid syndrome, type 1 or type 2 diabetes, or
 * chronic hypertension. RCOG and NICE practice give 150 mg at night; ACOG and the USPSTF 81 mg
 * daily. The profile sets the dose ({@code aspirin.preeclampsia-dose}).
 *
 * <p><b>When</b> she is pregnant at 12+0 to 27+6 weeks with a high-risk factor on record ({@link
 * PreeclampsiaRisk}), is not on aspirin, and RPL-07 is silent: APS in pregnancy is not treated by it
 * (no confirmed APS, or aspirin and heparin both active). <b>Then</b> a warning naming the first
 * factor in NICE's order, with low-dose aspirin daily until birth: 150 mg at night (the aspirin
 * ingredient, the dose in words), or the 81 mg tablet daily where the profile gives 81 mg. <b>Not
 * when</b> aspirin is active; before 12+0 or from 28+0 weeks; when RPL-07 speaks, whose card holds
 * aspirin for APS; for heart failure, which is not a risk factor.
 *
 * <p><b>Source:</b> NICE NG133; ACOG and USPSTF for 81 mg.
 */
final class Rpl28AspirinForPreeclampsia extends Rule {

    static final int FROM = 12 * 7;
    static final int UNTIL = 28 * 7;

    Rpl28AspirinForPreeclampsia() {
        super(
                "RPL-28",
                "Aspirin to prevent pre-eclampsia",
                new Citation("NICE NG133: hypertension in pregnancy", Citation.NICE_NG133.url()));
    }

    @Override
    boolean inclusion(Assessment assessment) {
        int days = assessment.gestationDays();
        return assessment.pregnant()
                && days >= FROM
                && days < UNTIL
                && assessment.derived().preeclampsiaHighRisk().holds();
    }

    @Override
    boolean exclusion(Assessment assessment) {
        return assessment.facts().chart().onTherapy(Drug.ASPIRIN) || antiphospholipidTreatmentSpeaks(assessment);
    }

    /**
     * RPL-07's card in pregnancy: confirmed APS without both aspirin and heparin active. It holds the
     * aspirin, so this card stays away.
     */
    private static boolean antiphospholipidTreatmentSpeaks(Assessment assessment) {
        var chart = assessment.facts().chart();
        boolean treated = chart.onTherapy(Drug.ASPIRIN) && chart.onTherapy(Drug.HEPARIN);
        return assessment.derived().apsConfirmed().holds() && assessment.pregnant() && !treated;
    }

    @Override
    Finding card(Assessment assessment) {
        PreeclampsiaRisk risk = assessment.derived().preeclampsiaHighRisk();
        int dose = assessment.profile().aspirin().preeclampsiaDose();
        Detail detail = new Detail();
        for (PreeclampsiaRisk.Risk each : risk.risks()) {
            detail = detail.evidence(each.name(), each.evidence());
        }
        return finding(
                assessment,
                Indicator.WARNING,
                risk.first().orElseThrow().name() + ", pregnant at "
                        + assessment.facts().pregnancy().gestation()
                        + ": low-dose aspirin daily from 12 weeks until birth to prevent pre-eclampsia (NICE NG133).",
                detail.text("Best begun before 16 weeks. Check for aspirin allergy and bleeding disorders first.")
                        .text(
                                dose == LowDoseAspirin.US_LOW_DOSE_MG
                                        ? "ACOG and the USPSTF give 81 mg daily; NICE NG133 gives 75-150 mg."
                                        : "NICE NG133 gives 75-150 mg daily; " + dose + " mg is taken at night."),
                List.of(LowDoseAspirin.untilBirth(dose)));
    }
}
