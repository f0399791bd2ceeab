package org.rplcds.rules;

import java.util.Optional;

/**
 * Low-dose aspirin until birth, at the profile's dose ({@code aspirin.preeclampsia-dose}): 150 mg
 * at night (NICE NG133), or 81 mg daily (ACOG, USPSTF). RPL-28 gives it to prevent pre-eclampsia,
 * RPL-07 in thrombotic antiphospholipid syndrome.
 */
final class LowDoseAspirin {

    /** The US low dose, a tablet of its own (RxNorm 243670). */
    static final int US_LOW_DOSE_MG = 81;

    private LowDoseAspirin() {}

    /** The profile's dose, until birth. */
    static ProposedAction untilBirth(Assessment assessment) {
        return untilBirth(assessment.profile().aspirin().preeclampsiaDose());
    }

    static ProposedAction untilBirth(int dose) {
        if (dose == US_LOW_DOSE_MG) {
            return ProposedAction.prescription(
                    "Prescribe aspirin 81 mg daily",
                    SuggestedCodes.ASPIRIN_81,
                    "81 mg daily until birth",
                    Optional.empty());
        }
        return ProposedAction.prescription(
                "Prescribe aspirin " + dose + " mg at night",
                SuggestedCodes.ASPIRIN,
                dose + " mg at night until birth",
                Optional.empty());
    }
}
