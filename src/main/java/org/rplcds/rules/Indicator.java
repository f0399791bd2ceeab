package org.rplcds.rules;

/**
 * Urgency of a finding, in the CDS Hooks card vocabulary, declared from least to most urgent:
 * cards/ lists the most urgent first.
 */
public enum Indicator {
    INFO,
    WARNING,
    CRITICAL
}
