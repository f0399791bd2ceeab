package org.rplcds.rules;

/** How a guideline treats parental karyotyping: the policy changes the card's wording only. */
public enum KaryotypePolicy {
    /** Parental karyotype for every couple with RPL (source text, ASRM). */
    ROUTINE,
    /** Only after individual risk assessment (ESHRE). */
    SELECTIVE,
    /** Karyotype the pregnancy tissue first; the parents when it is unbalanced (RCOG). */
    POC_FIRST
}
