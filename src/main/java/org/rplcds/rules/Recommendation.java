package org.rplcds.rules;

import java.util.List;
import org.rplcds.facts.PatientFacts;

/** One recommendation of the catalogue. */
public interface Recommendation {

    /** The rule id, such as {@code RPL-01}. */
    String id();

    /** Findings for this patient under this profile; empty when the rule does not apply. */
    List<Finding> evaluate(PatientFacts facts, GuidelineProfile profile);
}
