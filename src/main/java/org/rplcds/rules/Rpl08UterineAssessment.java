package org.rplcds.rules;

import java.util.List;
import java.util.Optional;
import org.rplcds.facts.Analyte;
import org.rplcds.facts.PatientFacts;

/**
 * RPL-08: assess the uterine cavity.
 *
 * <p>When RPL is identified, the patient is not pregnant and no uterine cavity assessment is on
 * record. Then an info card suggests 3D transvaginal ultrasound, or sonohysterography, HSG or
 * hysteroscopy (the order carries the HSG code: no 3D ultrasound code is verified).
 *
 * <p>Not when imaging is ordered.
 *
 * <p>Source: ESHRE 2022; ASRM 2012; source text.
 */
public final class Rpl08UterineAssessment implements Recommendation {

    public static final String ID = "RPL-08";
    static final Citation SOURCE = new Citation("ESHRE 2022; ASRM 2012; source text", Citation.ESHRE_2022.url());

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<Finding> evaluate(Assessment assessment) {
        PatientFacts facts = assessment.facts();
        GuidelineProfile profile = assessment.profile();
        if (!assessment.rpl()
                || assessment.pregnant()
                || assessment.uterusAssessed().holds()) {
            return Optional.empty();
        }
        if (facts.chart().ordered(Analyte.UTERINE_IMAGING)) {
            return Optional.empty();
        }
        String detail = new Detail()
                .text(
                        "**No uterine cavity assessment is on record** (HSG, MRI, 3D ultrasound, sonohysterography or hysteroscopy).")
                .text("ESHRE 2022 prefers 3D transvaginal ultrasound; sonohysterography, HSG, hysteroscopy or MRI are"
                        + " alternatives. Not during pregnancy.")
                .sources("ESHRE 2022; ASRM 2012; source text");
        return Optional.of(new Finding(
                ID,
                "Uterine assessment",
                Indicator.INFO,
                "RPL without uterine cavity assessment. Consider 3D transvaginal ultrasound (or sonohysterography/HSG/hysteroscopy).",
                detail,
                SOURCE,
                List.of(ProposedAction.order(
                        "Order uterine cavity imaging",
                        SuggestedCodes.HSG,
                        "3D transvaginal ultrasound preferred; sonohysterography, HSG or hysteroscopy as available"))));
    }
}
