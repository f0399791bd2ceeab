package org.rplcds.rules;

/**
 * A recommendation that is one part of the RPL evaluation (RPL-02, 03, 05, 08): it says where its
 * part stands, for the evaluation card's checklist and for RPL-01's suppression.
 */
interface WorkUpPart extends Recommendation {

    /**
     * Where this part stands for a patient with RPL. {@link WorkUpItem.Status#TO_DO} exactly when
     * the recommendation gives a card; a card can also come with {@link WorkUpItem.Status#LATER}
     * when the profile offers the test without recommending it.
     */
    WorkUpItem item(Assessment assessment);
}
