package org.rplcds.facts;

import java.time.LocalDate;
import java.util.Calendar;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Type;

/** The FHIR R4 status filters applied before any rule, and date reading. */
final class RecordFilters {

    private static final Set<String> REJECTED_VERIFICATION = Set.of("refuted", "entered-in-error");
    private static final Set<String> ACTIVE_CLINICAL = Set.of("active", "recurrence", "relapse");
    private static final Set<String> ENDED_CLINICAL = Set.of("inactive", "remission", "resolved");

    private RecordFilters() {}

    /** Conditions count unless refuted or entered in error; an absent status counts. */
    static boolean usable(Condition condition) {
        return !anyCode(condition.getVerificationStatus(), REJECTED_VERIFICATION);
    }

    /**
     * A usable condition whose clinical status is active, recurrence or relapse, or that has no
     * clinical status, no abatement and no later resolution in the chart ({@link #assumedCurrent}).
     */
    static boolean active(Condition condition, List<Condition> chart) {
        return usable(condition)
                && (assumedCurrent(condition, chart) || anyCode(condition.getClinicalStatus(), ACTIVE_CLINICAL));
    }

    /**
     * A condition read as current for want of a status ({@link #statusAssumed}) that no later
     * record of the same code says resolved: a Condition with a coding in common, dated on or
     * after it, that is inactive, resolved or in remission, or abated.
     */
    static boolean assumedCurrent(Condition condition, List<Condition> chart) {
        return statusAssumed(condition) && !resolvedLater(condition, chart);
    }

    private static boolean resolvedLater(Condition condition, List<Condition> chart) {
        Optional<LocalDate> since = date(condition);
        for (Condition other : chart) {
            if (other == condition || !usable(other) || !sharesCoding(condition, other)) {
                continue;
            }
            boolean resolved = other.hasAbatement() || anyCode(other.getClinicalStatus(), ENDED_CLINICAL);
            if (!resolved) {
                continue;
            }
            Optional<LocalDate> when = latest(date(other), abatement(other));
            if (since.isEmpty() || when.filter(d -> !d.isBefore(since.get())).isPresent()) {
                return true;
            }
        }
        return false;
    }

    private static boolean sharesCoding(Condition one, Condition other) {
        for (Coding coding : one.getCode().getCoding()) {
            for (Coding candidate : other.getCode().getCoding()) {
                if (coding.hasCode()
                        && coding.getCode().equals(candidate.getCode())
                        && java.util.Objects.equals(coding.getSystem(), candidate.getSystem())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Optional<LocalDate> abatement(Condition condition) {
        if (condition.hasAbatementDateTimeType()) {
            return date(condition.getAbatementDateTimeType());
        }
        if (condition.hasAbatementPeriod() && condition.getAbatementPeriod().hasEnd()) {
            return date(condition.getAbatementPeriod().getEndElement());
        }
        return Optional.empty();
    }

    private static Optional<LocalDate> latest(Optional<LocalDate> one, Optional<LocalDate> other) {
        if (one.isEmpty()) {
            return other;
        }
        return other.filter(d -> d.isAfter(one.get())).or(() -> one);
    }

    /**
     * A condition without a clinical status and without an abatement, read as current. FHIR R4
     * Condition con-3 ("clinicalStatus SHALL be present if verificationStatus is not
     * entered-in-error and category is problem-list-item") and con-4 (an abated condition is
     * inactive, resolved or remission) leave an encounter diagnosis free to carry none, as
     * athenahealth's do; an abatement on record says it resolved.
     */
    static boolean statusAssumed(Condition condition) {
        return !condition.hasClinicalStatus() && !condition.hasAbatement();
    }

    /** The condition's description, saying when its status was assumed, for every card citing it. */
    static String described(Condition condition, List<Condition> chart, String description) {
        return assumedCurrent(condition, chart) ? description + " (status not recorded: read as current)" : description;
    }

    private static boolean anyCode(CodeableConcept concept, Set<String> codes) {
        for (Coding coding : concept.getCoding()) {
            if (coding.getCode() != null && codes.contains(coding.getCode())) {
                return true;
            }
        }
        return false;
    }

    /** Final, amended or corrected results, with a value present. */
    static boolean usable(Observation observation) {
        if (!observation.hasStatus() || observation.hasDataAbsentReason()) {
            return false;
        }
        return switch (observation.getStatus()) {
            case FINAL, AMENDED, CORRECTED -> true;
            default -> false;
        };
    }

    static boolean completed(Procedure procedure) {
        return procedure.getStatus() == Procedure.ProcedureStatus.COMPLETED;
    }

    static Optional<LocalDate> date(Condition condition) {
        if (condition.hasOnsetDateTimeType()) {
            return date(condition.getOnsetDateTimeType());
        }
        if (condition.hasOnsetPeriod() && condition.getOnsetPeriod().hasStart()) {
            return date(condition.getOnsetPeriod().getStartElement());
        }
        if (condition.hasRecordedDate()) {
            return date(condition.getRecordedDateElement());
        }
        return Optional.empty();
    }

    static Optional<LocalDate> date(Procedure procedure) {
        if (procedure.hasPerformedDateTimeType()) {
            return date(procedure.getPerformedDateTimeType());
        }
        if (procedure.hasPerformedPeriod() && procedure.getPerformedPeriod().hasStart()) {
            return date(procedure.getPerformedPeriod().getStartElement());
        }
        return Optional.empty();
    }

    static Optional<LocalDate> date(Observation observation) {
        Type effective = observation.getEffective();
        if (effective instanceof BaseDateTimeType dateTime) {
            return date(dateTime);
        }
        if (observation.hasEffectivePeriod() && observation.getEffectivePeriod().hasStart()) {
            return date(observation.getEffectivePeriod().getStartElement());
        }
        if (observation.hasIssued()) {
            return date(observation.getIssuedElement());
        }
        return Optional.empty();
    }

    /**
     * The calendar date as written, without moving it across time zones: HAPI's calendar keeps
     * the value's own zone (a year alone is 1 January; a month alone its first day). One calendar
     * for the three fields, where {@code getYear()}, {@code getMonth()} and {@code getDay()} build
     * one each.
     */
    static Optional<LocalDate> date(BaseDateTimeType value) {
        if (value == null || value.isEmpty() || value.getValue() == null) {
            return Optional.empty();
        }
        Calendar calendar = value.getValueAsCalendar();
        return Optional.of(LocalDate.of(
                calendar.get(Calendar.YEAR), calendar.get(Calendar.MONTH) + 1, calendar.get(Calendar.DAY_OF_MONTH)));
    }
}
