package org.rplcds.rules;

import java.util.Optional;

/** One recommendation of the catalogue. */
public interface Recommendation {

    /** The rule id, such as {@code RPL-01}. */
    String id();

    /** The card for this patient, if the rule applies; a rule gives at most one. */
    Optional<Finding> evaluate(Assessment assessment);
}
