package org.rplcds.facts;

/** Where an order or a prescription stands. */
public enum RequestStatus {
    /** A proposal not yet signed: suppresses only a duplicate suggestion. */
    DRAFT,
    /** Active or on hold. */
    ACTIVE,
    COMPLETED,
    /** Stopped or cancelled: not on therapy. */
    STOPPED
}
