package org.rplcds.rules;

import java.util.List;
import org.rplcds.rules.derived.WorkUp;

/**
 * RPL-08 Assess the uterine cavity.
 *
 * <p><b>Guideline:</b> ESHRE 2022 prefers 3D transvaginal ultrasound, with sonohysterography, HSG,
 * hysteroscopy or MRI as alternatives; ASRM 2012: sonohysterography, HSG or hysteroscopy; the source
 * text: hysterosalpingogram (clinical rules 1.2, paraphrased).
 *
 * <p><b>When</b> RPL is identified, she is not pregnant and no uterine cavity assessment is on
 * record. <b>Then</b> an info card suggests the test its text prefers, 3D transvaginal ultrasound
 * (an order by text: no code for it is verified), or HSG as the alternative: one of the two (§8
 * R13). <b>Not when</b> imaging is ordered.
 *
 * <p><b>Source:</b> ESHRE 2022; ASRM 2012; source text.
 */
final class Rpl08UterineAssessment extends Rule implements WorkUpPart {

    /** Clinical rules 8.3 R13: no verified code, so the order is coded by its text. */
    static final Concept ULTRASOUND_3D = new Concept(null, null, "3D transvaginal ultrasound of the uterus");

    Rpl08UterineAssessment() {
        super(
                "RPL-08",
                "Uterine assessment",
                new Citation("ESHRE 2022; ASRM 2012; source text", Citation.ESHRE_2022.url()));
    }

    @Override
    boolean inclusion(Assessment assessment) {
        return assessment.rpl();
    }

    @Override
    public WorkUpItem item(WorkUp workUp) {
        return workUp.uterus();
    }

    /** Assessed, ordered, or waiting for the end of this pregnancy: as its work-up item says. */
    @Override
    boolean exclusion(Assessment assessment) {
        return !item(assessment.derived().workUp()).offered();
    }

    /** The two ways to assess the cavity, the preferred first: the clinician takes one. */
    static List<ProposedAction> alternatives() {
        return List.of(
                ProposedAction.order("Order 3D transvaginal ultrasound of the uterus", ULTRASOUND_3D),
                ProposedAction.order("Order hysterosalpingography (HSG) instead", SuggestedCodes.HSG));
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
                        alternatives())
                .asAlternatives();
    }
}
