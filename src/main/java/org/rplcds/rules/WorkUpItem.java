package org.rplcds.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.rplcds.facts.Analyte;
import org.rplcds.facts.Chart;
import org.rplcds.facts.Evidence;
import org.rplcds.facts.LabResult;
import org.rplcds.facts.Order;
import org.rplcds.facts.ProcedureKind;

/**
 * One line of the RPL evaluation checklist (§8 R6): a part of the work-up and where it stands.
 *
 * @param name what the item is, such as {@code Thyroid: TSH and TPO antibodies}
 * @param todo its short name in the evaluation card's summary, such as {@code TSH/TPO}
 * @param status where it stands
 * @param note the service's words on it: what is missing, why it waits; may be empty
 * @param evidence the results, procedures or orders it rests on
 */
public record WorkUpItem(String name, String todo, Status status, String note, List<Evidence> evidence) {

    public WorkUpItem {
        evidence = List.copyOf(evidence);
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

    static WorkUpItem done(String name, String todo, String note, List<Evidence> evidence) {
        return new WorkUpItem(name, todo, Status.DONE, note, evidence);
    }

    static WorkUpItem ordered(String name, String todo, List<Evidence> orders) {
        return new WorkUpItem(name, todo, Status.ORDERED, "", orders);
    }

    static WorkUpItem toDo(String name, String todo, String note) {
        return new WorkUpItem(name, todo, Status.TO_DO, note, List.of());
    }

    static WorkUpItem later(String name, String todo, String note) {
        return new WorkUpItem(name, todo, Status.LATER, note, List.of());
    }

    /** The placed orders for any of the tests or procedures. */
    static List<Evidence> orders(Chart chart, Set<Analyte> tests, Set<ProcedureKind> procedures) {
        return chart.orders().stream()
                .filter(Order::placed)
                .filter(o -> o.tests().stream().anyMatch(tests::contains)
                        || o.procedures().stream().anyMatch(procedures::contains))
                .map(Order::evidence)
                .toList();
    }

    /** A result as a checklist shows it: the value and unit with its date and resource. */
    static Evidence result(LabResult result) {
        String described = result.describe();
        String dated = " on " + result.date();
        String value =
                described.endsWith(dated) ? described.substring(0, described.length() - dated.length()) : described;
        return new Evidence(result.evidence().reference(), value, Optional.of(result.date()));
    }

    /** The results as the checklist shows them, the other entries as they are. */
    static List<Evidence> shown(List<LabResult> results, List<Evidence> evidence) {
        List<Evidence> shown = new ArrayList<>();
        results.forEach(r -> shown.add(result(r)));
        Set<String> seen = new HashSet<>();
        shown.forEach(e -> seen.add(e.reference()));
        evidence.stream().filter(e -> seen.add(e.reference())).forEach(shown::add);
        return shown;
    }
}
