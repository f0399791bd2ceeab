package org.rplcds.rules;

/**
 * The tests that assess the uterine cavity, and the one each profile prefers: ESHRE 2022 and RCOG
 * 2023 3D transvaginal ultrasound, ASRM 2012 sonohysterography, the source textbook HSG. The evaluation card offers the preferred test alone and names the others in its
 * checklist; the stand-alone RPL-08 card offers the preferred and one alternative.
 */
public enum UterineTest {
    /** No verified code: the order is coded by its text. */
    ULTRASOUND_3D("3D transvaginal ultrasound", new Concept(null, null, "3D transvaginal ultrasound of the uterus")),
    /** No verified code: the order is coded by its text. */
    SONOHYSTEROGRAPHY("sonohysterography", new Concept(null, null, "Sonohysterography")),
    HSG("HSG", SuggestedCodes.HSG);

    private final String name;
    private final Concept concept;

    UterineTest(String name, Concept concept) {
        this.name = name;
        this.concept = concept;
    }

    /**
     * The test the profile prefers, by the guideline whose definition it follows; a site's own
     * guideline is read as ESHRE 2022, the default.
     */
    public static UterineTest preferred(GuidelineProfile profile) {
        Citation guideline = profile.definition();
        if (guideline.equals(Citation.ASRM_2012)) {
            return SONOHYSTEROGRAPHY;
        }
        if (guideline.equals(Citation.SOURCE_TEXT)) {
            return HSG;
        }
        return ULTRASOUND_3D;
    }

    /** How the checklist names it: {@code 3D transvaginal ultrasound}. */
    public String shortName() {
        return name;
    }

    /** The preferred test and the alternatives, as the checklist's line reads them. */
    public String withAlternatives() {
        String others =
                switch (this) {
                    case ULTRASOUND_3D -> "sonohysterography, HSG, hysteroscopy or MRI";
                    case SONOHYSTEROGRAPHY -> "HSG or hysteroscopy";
                    case HSG -> "3D transvaginal ultrasound, sonohysterography or hysteroscopy";
                };
        return name + " preferred; alternatives: " + others;
    }

    /** The order, labelled in clinician words. */
    ProposedAction order() {
        return switch (this) {
            case ULTRASOUND_3D -> ProposedAction.order("Order 3D transvaginal ultrasound of the uterus", concept);
            case SONOHYSTEROGRAPHY -> ProposedAction.order("Order sonohysterography", concept);
            case HSG -> ProposedAction.order("Order hysterosalpingography (HSG)", concept);
        };
    }

    /** The same test offered as the alternative to the preferred one. */
    ProposedAction alternativeOrder() {
        ProposedAction order = order();
        return order.labelled(order.label() + " instead");
    }

    /** The alternative the stand-alone RPL-08 card offers beside the preferred test. */
    UterineTest alternative() {
        return this == HSG ? ULTRASOUND_3D : HSG;
    }
}
