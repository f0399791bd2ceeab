package org.rplcds.rules;

/**
 * Something a card offers to do for the clinician, as a draft for the EHR to create.
 *
 * @param label the button text
 * @param kind what kind of record the action creates
 * @param concept what the record is about
 * @param text free-text instructions, such as a dose, or empty
 */
public record ProposedAction(String label, Kind kind, Concept concept, String text) {

    /** The record an accepted suggestion creates. */
    public enum Kind {
        /** A problem-list entry, provisional until the clinician confirms it. */
        PROBLEM,
        /** A draft order for a test, imaging or referral. */
        SERVICE_REQUEST,
        /** A draft prescription. */
        MEDICATION_REQUEST
    }
}
