package org.rplcds.rules;

import java.util.Optional;
import org.rplcds.facts.ObstetricHistory;

/**
 * Whether the record meets the profile's definition of recurrent pregnancy loss.
 *
 * @param identified the definition is met (or a clinician has recorded RPL)
 * @param orderUnknown the profile needs consecutive losses and their order cannot be told
 */
record RecurrentLoss(boolean identified, boolean orderUnknown) {

    static RecurrentLoss of(ObstetricHistory history, GuidelineProfile profile) {
        if (history.rplAsserted()) {
            return new RecurrentLoss(true, false);
        }
        if (history.lossCount() < profile.minLosses()) {
            return new RecurrentLoss(false, false);
        }
        if (!profile.requireConsecutive()) {
            return new RecurrentLoss(true, false);
        }
        Optional<Integer> run = history.consecutiveRun();
        if (run.isEmpty()) {
            // The losses are enough in number but cannot be put in order: a possible RPL.
            return new RecurrentLoss(true, true);
        }
        return new RecurrentLoss(run.get() >= profile.minLosses(), false);
    }
}
