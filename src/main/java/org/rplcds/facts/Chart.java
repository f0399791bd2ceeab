package org.rplcds.facts;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the record holds besides pregnancy outcomes, read into facts.
 *
 * @param labs final results, oldest first
 * @param problems diagnoses
 * @param orders tests and procedures ordered
 * @param medications prescriptions
 * @param procedures procedures done
 */
public record Chart(
        List<LabResult> labs,
        List<Problem> problems,
        List<Order> orders,
        List<Medication> medications,
        List<PerformedProcedure> procedures) {

    public List<LabResult> results(Analyte analyte) {
        return labs.stream().filter(r -> r.analyte() == analyte).toList();
    }

    public Optional<LabResult> latest(Analyte analyte) {
        return labs.stream().filter(r -> r.analyte() == analyte).max(Comparator.comparing(LabResult::date));
    }

    /** The latest result with a value in the analyte's unit. */
    public Optional<LabResult> latestValue(Analyte analyte) {
        return labs.stream()
                .filter(r -> r.analyte() == analyte && r.value().isPresent())
                .max(Comparator.comparing(LabResult::date));
    }

    public boolean resulted(Analyte analyte) {
        return labs.stream().anyMatch(r -> r.analyte() == analyte);
    }

    public List<Problem> problems(ProblemKind kind) {
        return problems.stream().filter(p -> p.kind() == kind).toList();
    }

    /** Where the diagnoses of the kind are recorded, for a card's detail. */
    public List<Evidence> problemEvidence(ProblemKind kind) {
        return problems(kind).stream().map(Problem::evidence).toList();
    }

    /** Where the active diagnoses of the kind are recorded, for a card's detail. */
    public List<Evidence> activeProblemEvidence(ProblemKind kind) {
        return problems(kind).stream()
                .filter(Problem::active)
                .map(Problem::evidence)
                .toList();
    }

    public boolean hasProblem(ProblemKind kind) {
        return problems.stream().anyMatch(p -> p.kind() == kind);
    }

    public boolean hasActiveProblem(ProblemKind kind) {
        return problems.stream().anyMatch(p -> p.kind() == kind && p.active());
    }

    /** An order for the test that is draft, active, on hold or completed. */
    public boolean ordered(Analyte analyte) {
        return orders.stream().anyMatch(o -> o.placed() && o.tests().contains(analyte));
    }

    /** Such an order placed on or after the date. */
    public boolean orderedSince(Analyte analyte, LocalDate since) {
        return orders.stream()
                .anyMatch(o -> o.placed()
                        && o.tests().contains(analyte)
                        && o.authored().filter(d -> !d.isBefore(since)).isPresent());
    }

    public boolean ordered(ProcedureKind kind) {
        return orders.stream().anyMatch(o -> o.placed() && o.procedures().contains(kind));
    }

    public List<PerformedProcedure> procedures(ProcedureKind kind) {
        return procedures.stream().filter(p -> p.kind() == kind).toList();
    }

    /** Active or on-hold prescriptions of the drug. */
    public boolean onTherapy(Drug drug) {
        return medications.stream().anyMatch(m -> m.drug() == drug && m.status() == RequestStatus.ACTIVE);
    }

    public List<Medication> medications(Drug drug) {
        return medications.stream().filter(m -> m.drug() == drug).toList();
    }

    public boolean prescribed(Drug drug, Set<RequestStatus> statuses) {
        return medications.stream().anyMatch(m -> m.drug() == drug && statuses.contains(m.status()));
    }
}
