package org.rplcds.facts;

/** A result's reading, from its coded value, its interpretation or its reference range. */
public enum Interpretation {
    POSITIVE,
    NEGATIVE,
    HIGH,
    LOW,
    NORMAL,
    /** A result that is not normal without being high or low, such as a karyotype other than 46,XX or 46,XY. */
    ABNORMAL,
    UNKNOWN
}
