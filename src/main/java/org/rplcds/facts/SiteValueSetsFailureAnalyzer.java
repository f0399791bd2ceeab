package org.rplcds.facts;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A site value set the service cannot use is reported as the file and what is wrong with it,
 * without a stack trace, as every other refused setting is.
 */
class SiteValueSetsFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSiteValueSetException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidSiteValueSetException cause) {
        String unset = " Or leave " + TerminologySettings.SITE_VALUE_SETS + " unset to start with the shipped value"
                + " sets alone.";
        String action = cause.file().isPresent()
                ? "Correct or remove that file: the section \"Local codes\" of docs/governance.md shows a site value set."
                : "Point " + TerminologySettings.SITE_VALUE_SETS
                        + " (environment variable CDS_TERMINOLOGY_SITEVALUESETS) at a folder the service can read:"
                        + " the section \"Local codes\" of docs/governance.md says what it holds.";
        return new FailureAnalysis(cause.getMessage(), action + unset, cause);
    }
}
