package org.rplcds.rules;

import org.rplcds.rules.derived.WorkUp;

/**
 * A recommendation that is one part of the RPL evaluation (RPL-02, 03, 05, 08). Its item of the
 * call's {@link WorkUp} is its one decision: the part gives its card when the item is {@link
 * WorkUpItem#offered}; the evaluation card lists the item, and holds the part's card when the work-up
 * is aggregated ({@link EvaluationCard}).
 */
interface WorkUpPart extends Recommendation {

    /** This part's item of the work-up. */
    WorkUpItem item(WorkUp workUp);
}
