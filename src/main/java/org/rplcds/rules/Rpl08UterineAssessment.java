package org.rplcds.rules;

import java.util.List;
import org.rplcds.facts.Analyte;

/**
 * RPL-08 Assess the uterine cavity.
 *
 * <p><b>Guideline:</b> ESHRE 2022 prefers 3D transvaginal ultrasound, with sonohysterography, HSG,
 * hysteroscopy or MRI as alternatives; ASRM 2012: sonohysterography, HSG or hysteroscopy; the source
 * text: hysterosalpingogram (clinical rules 1.2, paraphrased).
 *
 * <p><b>When</b> RPL is identified, she is not pregnant and no uterine cavity assessment is on
 * record. <b>Then</b> an info card suggests 3D transvaginal ultrasound, or sonohysterography, HSG or
 * hysteroscopy (the order carries the HSG code: no 3D ultrasound code is verified). <b>Not when</b>
 * imaging is ordered.
 *
 * <p><b>Source:</b> ESHRE 2022; ASRM 2012; source text.
 */
final class Rpl08UterineAssessment extends Rule {

    Rpl08UterineAssessment() {
        super(
                "RPL-08",
                "Uterine assessment",
                new Citation("ESHRE 2022; ASRM 2012; source text", Citation.ESHRE_2022.url()));
    }

    @Override
    boolean inclusion(Assessment assessment) {
        return assessment.rpl()
                && !assessment.pregnant()
                && !assessment.uterusAssessed().holds();
    }

    @Override
    boolean exclusion(Assessment assessment) {
        return assessment.facts().chart().ordered(Analyte.UTERINE_IMAGING);
    }

    @Override
    Finding card(Assessment assessment) {
        Detail detail = new Detail()
                .lead(
                        "No uterine cavity assessment is on record",
                        "(HSG, MRI, 3D ultrasound, sonohysterography or hysteroscopy).")
                .text("ESHRE 2022 prefers 3D transvaginal ultrasound; sonohysterography, HSG, hysteroscopy or MRI are"
                        + " alternatives. Not during pregnancy.");
        return finding(
                assessment,
                Indicator.INFO,
                "RPL without uterine cavity assessment. Consider 3D transvaginal ultrasound (or sonohysterography/HSG/hysteroscopy).",
                detail,
                List.of(ProposedAction.order(
                        "Order uterine cavity imaging",
                        SuggestedCodes.HSG,
                        "3D transvaginal ultrasound preferred; sonohysterography, HSG or hysteroscopy as available")));
    }
}
