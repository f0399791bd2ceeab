package org.rplcds.rules;

import java.util.List;
import org.rplcds.facts.Evidence;

/**
 * One part of the RPL work-up and where it stands: the one decision of that part. Its line
 * on the evaluation card's checklist, RPL-01's suppression (nothing {@link Status#TO_DO}) and the
 * part's own card ({@link #offered}) all read it.
 *
 * @param name what the item is, such as {@code Thyroid: TSH and TPO antibodies}
 * @param todo its short name in the evaluation card's summary, such as {@code TSH/TPO}
 * @param status where it stands
 * @param note the service's words on it: what is missing, why it waits; may be empty
 * @param evidence the results, procedures or orders it rests on
 * @param offered the part's own card suggests it: always when it is to do; also when it waits for
 *     an individual risk assessment, offered then without being recommended
 */
public record WorkUpItem(
        String name, String todo, Status status, String note, List<Evidence> evidence, boolean offered) {

    public WorkUpItem {
        evidence = List.copyOf(evidence);
    }

    /** An item that is offered exactly when it is to do. */
    public WorkUpItem(String name, String todo, Status status, String note, List<Evidence> evidence) {
        this(name, todo, status, note, evidence, status == Status.TO_DO);
    }

    /** Still to do: the evaluation card's summary names it, and RPL-01 does not stand back. */
    public boolean stillToDo() {
        return status == Status.TO_DO;
    }

    /** The same item, offered by the part's card although it waits. */
    public WorkUpItem alsoOffered() {
        return new WorkUpItem(name, todo, status, note, evidence, true);
    }

    /** Where an item of the work-up stands. */
    public enum Status {
        DONE("Done"),
        ORDERED("Ordered"),
        TO_DO("To do"),
        /** Waits for something: the end of this pregnancy, or an individual risk assessment. */
        LATER("Later"),
        /** Not needed: what it would look for is already known. */
        NOT_NEEDED("Not needed");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        /** How the checklist shows it. */
        public String label() {
            return label;
        }
    }

    public static WorkUpItem done(String name, String todo, String note, List<Evidence> evidence) {
        return new WorkUpItem(name, todo, Status.DONE, note, evidence);
    }

    public static WorkUpItem ordered(String name, String todo, List<Evidence> orders) {
        return new WorkUpItem(name, todo, Status.ORDERED, "", orders);
    }

    public static WorkUpItem toDo(String name, String todo, String note) {
        return new WorkUpItem(name, todo, Status.TO_DO, note, List.of());
    }

    public static WorkUpItem later(String name, String todo, String note) {
        return new WorkUpItem(name, todo, Status.LATER, note, List.of());
    }
}
