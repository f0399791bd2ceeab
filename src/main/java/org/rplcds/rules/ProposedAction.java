package org.rplcds.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rplcds.facts.RequestCopy;

/**
 * Something a card offers to do for the clinician: a draft record for the EHR to create, or an
 * order to withdraw.
 *
 * @param label the button text
 * @param kind what the action does
 * @param concept what the new record is about; for {@link Kind#REMOVE}, what is ordered in place
 *     of the withdrawn record, or empty
 * @param text free-text instructions, such as a dose, or empty; for {@link Kind#REMOVE}, the
 *     record's own words for what is withdrawn
 * @param until for a prescription, the last day of treatment
 * @param target for {@link Kind#REMOVE}, the record to withdraw ({@code ServiceRequest/123})
 * @param recommended whether the active profile recommends it; advice offered after
 *     individual assessment, or only once a condition is met, is offered as not recommended
 * @param from for an order, the first day it should be done (the request's {@code
 *     occurrencePeriod.start}); empty when it may be done now
 * @param record for {@link Kind#STOP}, the prescription as the record holds it
 * @param with further actions taken by the same suggestion, in order (stop one drug, start another)
 */
public record ProposedAction(
        String label,
        Kind kind,
        Optional<Concept> concept,
        String text,
        Optional<LocalDate> until,
        Optional<String> target,
        boolean recommended,
        Optional<LocalDate> from,
        Optional<RequestCopy> record,
        List<ProposedAction> with) {

    public ProposedAction {
        with = List.copyOf(with);
    }

    /** An action of one step. */
    ProposedAction(
            String label,
            Kind kind,
            Optional<Concept> concept,
            String text,
            Optional<LocalDate> until,
            Optional<String> target,
            boolean recommended,
            Optional<LocalDate> from) {
        this(label, kind, concept, text, until, target, recommended, from, Optional.empty(), List.of());
    }

    /** What an accepted suggestion does. */
    public enum Kind {
        /** Creates a problem-list entry, provisional until the clinician confirms it. */
        PROBLEM,
        /** Creates a draft order for a test, imaging, procedure or referral. */
        SERVICE_REQUEST,
        /** Creates a draft prescription. */
        MEDICATION_REQUEST,
        /** Withdraws an existing order or prescription. */
        REMOVE,
        /** Stops an active prescription: the whole record, updated to status {@code stopped}. */
        STOP
    }

    /**
     * Stop an active prescription: the label is the verb, the text the record's own words for it.
     */
    public static ProposedAction stop(String label, String recordText, String reference, RequestCopy record) {
        return new ProposedAction(
                label,
                Kind.STOP,
                Optional.empty(),
                recordText,
                Optional.empty(),
                Optional.of(reference),
                true,
                Optional.empty(),
                Optional.of(record),
                List.of());
    }

    /** The same suggestion, doing {@code next} too, after what it does already. */
    public ProposedAction and(ProposedAction next) {
        List<ProposedAction> more = new ArrayList<>(with);
        more.add(next);
        return new ProposedAction(label, kind, concept, text, until, target, recommended, from, record, more);
    }

    public static ProposedAction problem(String label, Concept concept) {
        return create(label, Kind.PROBLEM, concept, "", Optional.empty());
    }

    public static ProposedAction order(String label, Concept concept) {
        return order(label, concept, "");
    }

    public static ProposedAction order(String label, Concept concept, String text) {
        return create(label, Kind.SERVICE_REQUEST, concept, text, Optional.empty());
    }

    public static ProposedAction prescription(String label, Concept concept, String dose, Optional<LocalDate> until) {
        return create(label, Kind.MEDICATION_REQUEST, concept, dose, until);
    }

    /** Withdraw the record: the label is the verb, the text the record's own words for it. */
    public static ProposedAction remove(String label, String recordText, String reference) {
        return withdraw(label, Optional.empty(), recordText, reference);
    }

    /** The same action, offered but not recommended by the active profile. */
    public ProposedAction notRecommended() {
        return new ProposedAction(label, kind, concept, text, until, target, false, from, record, with);
    }

    /** The same action under another button text. */
    public ProposedAction labelled(String newLabel) {
        return new ProposedAction(newLabel, kind, concept, text, until, target, recommended, from);
    }

    /** The same order, to be done on or after the day given. */
    public ProposedAction notBefore(LocalDate day) {
        return new ProposedAction(
                label, kind, concept, text, until, target, recommended, Optional.of(day), record, with);
    }

    /**
     * Withdraw the record and create another in its place, in one suggestion: the label is the
     * whole button text, the concept what is ordered instead (a test order).
     */
    public static ProposedAction replace(String label, String recordText, String reference, Concept instead) {
        return withdraw(label, Optional.of(instead), recordText, reference);
    }

    /** A new record, recommended, to be done now. */
    private static ProposedAction create(
            String label, Kind kind, Concept concept, String text, Optional<LocalDate> until) {
        return new ProposedAction(
                label, kind, Optional.of(concept), text, until, Optional.empty(), true, Optional.empty());
    }

    /** A withdrawal, recommended, with what is ordered in the withdrawn record's place if anything. */
    private static ProposedAction withdraw(
            String label, Optional<Concept> instead, String recordText, String reference) {
        return new ProposedAction(
                label,
                Kind.REMOVE,
                instead,
                recordText,
                Optional.empty(),
                Optional.of(reference),
                true,
                Optional.empty());
    }
}
