package org.rplcds.rules;

import org.rplcds.facts.PatientFacts;

/** RPL with a complete evaluation and no cause on record. */
final class Unexplained {

    private Unexplained() {}

    static boolean applies(PatientFacts facts, GuidelineProfile profile) {
        if (!Rules.rpl(facts, profile)) {
            return false;
        }
        WorkUp workUp = WorkUp.of(facts, profile);
        return workUp.complete(profile) && !workUp.aplPositive() && !Rules.causeIdentified(facts, profile, workUp);
    }
}
