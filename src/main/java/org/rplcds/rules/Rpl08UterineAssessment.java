package org.rplcds.rules;

import java.util.List;
import java.util.regex.Pattern;
import org.rplcds.rules.derived.WorkUp;

/**
 * RPL-08 Assess the uterine cavity.
 *
 * <p><b>Guideline:</b> ESHRE 2022 prefers 3D transvaginal ultrasound, with sonohysterography, HSG,
 * hysteroscopy or MRI as alternatives; ASRM 2012: sonohysterography, HSG or hysteroscopy; the source
 * text: hysterosalpingogram (paraphrased).
 *
 * <p><b>When</b> RPL is identified, she is not pregnant and no uterine cavity assessment is on
 * record. <b>Then</b> an info card suggests the test its text prefers, 3D transvaginal ultrasound
 * (an order by text: no code for it is verified), or HSG as the alternative: one of the two.
 * <b>Not when</b> imaging is ordered.
 *
 * <p><b>Source:</b> ESHRE 2022; ASRM 2012; source text.
 */
final class Rpl08UterineAssessment extends Rule implements WorkUpPart {

    private static final Pattern UP_TO_ALTERNATIVES = Pattern.compile("^.* preferred; alternatives: ");

    Rpl08UterineAssessment() {
        super("RPL-08", "Uterine assessment", Citation.ESHRE_2022, Citation.ASRM_2012, Citation.SOURCE_TEXT);
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

    /**
     * On its own card the profile's preferred test and one alternative, of which the clinician
     * takes one; on the evaluation card the preferred test alone, its checklist line naming the
     * alternatives.
     */
    static List<ProposedAction> actions(Assessment assessment) {
        UterineTest preferred = UterineTest.preferred(assessment.profile());
        if (assessment.presentation().aggregateWorkup()) {
            return List.of(preferred.order());
        }
        return List.of(preferred.order(), preferred.alternative().alternativeOrder());
    }

    @Override
    Finding card(Assessment assessment) {
        UterineTest preferred = UterineTest.preferred(assessment.profile());
        Detail detail = new Detail()
                .lead(
                        "No uterine cavity assessment is on record",
                        "(HSG, MRI, 3D ultrasound, sonohysterography or hysteroscopy).")
                .text(assessment.profile().label() + ": " + preferred.withAlternatives() + ". Not during pregnancy.");
        List<ProposedAction> actions = actions(assessment);
        Finding finding = finding(
                assessment,
                Indicator.INFO,
                "RPL without uterine cavity assessment. Consider " + preferred.shortName() + " ("
                        + UP_TO_ALTERNATIVES
                                .matcher(preferred.withAlternatives())
                                .replaceFirst("or ")
                        + ").",
                detail,
                actions);
        return actions.size() > 1 ? finding.asAlternatives() : finding;
    }
}
