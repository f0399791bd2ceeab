package org.rplcds.rules;

/** Urgency of a finding, in the CDS Hooks card vocabulary. */
public enum Indicator {
    INFO,
    WARNING,
    CRITICAL
}
