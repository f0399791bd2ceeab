package org.rplcds.facts;

import java.util.List;
import java.util.Optional;

/**
 * The patient's pregnancy outcomes, counted the way the guideline profile asks.
 *
 * @param events every pregnancy outcome found, in date order (undated last)
 * @param losses the events that count as pregnancy losses
 * @param lossCount the number of losses: counted events or a recorded count, whichever is larger
 * @param consecutiveRun the longest run of losses without a live birth; empty when unknown
 * @param recordedCount the latest recorded number of spontaneous abortions, if any
 * @param rplAssertions diagnoses of recurrent pregnancy loss on record
 * @param historyOnly entries saying "history of miscarriage" without a date or count
 * @param secondTrimesterLoss any loss at 12 weeks or later before viability
 * @param fetalLoss10w any loss or fetal death at 10 weeks or later
 */
public record ObstetricHistory(
        List<PregnancyEvent> events,
        List<PregnancyEvent> losses,
        int lossCount,
        Optional<Integer> consecutiveRun,
        Optional<Integer> recordedCount,
        List<Evidence> rplAssertions,
        List<Evidence> historyOnly,
        boolean secondTrimesterLoss,
        boolean fetalLoss10w) {

    public boolean rplAsserted() {
        return !rplAssertions.isEmpty();
    }

    public boolean anyEvidence() {
        return !events.isEmpty() || !rplAssertions.isEmpty() || !historyOnly.isEmpty() || lossCount > 0;
    }
}
