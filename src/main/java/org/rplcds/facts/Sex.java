package org.rplcds.facts;

/** Administrative sex as recorded on the Patient resource. */
public enum Sex {
    FEMALE,
    MALE,
    OTHER,
    UNKNOWN
}
