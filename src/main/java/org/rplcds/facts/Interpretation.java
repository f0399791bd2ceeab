package org.rplcds.facts;

/** A result's reading, from its coded value, its interpretation or its reference range. */
public enum Interpretation {
    POSITIVE,
    NEGATIVE,
    HIGH,
    LOW,
    NORMAL,
    UNKNOWN
}
