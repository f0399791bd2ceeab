package org.rplcds.support.ehr;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Type;

/** What the search parameters read from a resource, for every type the servers search. */
final class Elements {

    private Elements() {}

    /** The id of the Patient the resource is about, from {@code subject} (or {@code patient}). */
    static Optional<String> patientId(Resource resource) {
        return reference(resource, "subject")
                .or(() -> reference(resource, "patient"))
                .filter(r -> r.startsWith("Patient/"))
                .map(r -> r.substring("Patient/".length()));
    }

    /** The id of the Encounter the resource belongs to, if any. */
    static Optional<String> encounterId(Resource resource) {
        return reference(resource, "encounter")
                .filter(r -> r.startsWith("Encounter/"))
                .map(r -> r.substring("Encounter/".length()));
    }

    private static Optional<String> reference(Resource resource, String name) {
        var property = resource.getNamedProperty(name);
        if (property == null || !property.hasValues()) {
            return Optional.empty();
        }
        return property.getValues().get(0) instanceof Reference reference && reference.hasReference()
                ? Optional.of(reference.getReference())
                : Optional.empty();
    }

    /** The codings of a CodeableConcept element ({@code code}, {@code category}, ...), all repeats. */
    static List<Coding> codings(Resource resource, String name) {
        List<Coding> codings = new ArrayList<>();
        var property = resource.getNamedProperty(name);
        if (property != null) {
            for (Base value : property.getValues()) {
                if (value instanceof CodeableConcept concept) {
                    codings.addAll(concept.getCoding());
                }
            }
        }
        return codings;
    }

    /** A code element ({@code status}, {@code intent}) as its wire value. */
    static String code(Resource resource, String name) {
        var property = resource.getNamedProperty(name);
        if (property == null || !property.hasValues()) {
            return null;
        }
        return property.getValues().get(0) instanceof PrimitiveType<?> primitive ? primitive.getValueAsString() : null;
    }

    /** Condition.clinicalStatus as its code, or {@code null} when the Condition has none. */
    static String clinicalStatus(Condition condition) {
        return condition.getClinicalStatus().getCoding().stream()
                .map(Coding::getCode)
                .findFirst()
                .orElse(null);
    }

    /**
     * The resource's main date as a range (start, end), for the {@code date} parameter and for
     * ordering: Observation and DiagnosticReport effective[x], Procedure performed[x],
     * MedicationRequest and ServiceRequest authoredOn, Condition onset[x] else recordedDate.
     */
    static Optional<Instant[]> mainDate(Resource resource) {
        if (resource instanceof Observation o) {
            return range(o.hasEffective() ? o.getEffective() : null);
        }
        if (resource instanceof DiagnosticReport r) {
            return range(r.hasEffective() ? r.getEffective() : null);
        }
        if (resource instanceof Procedure p) {
            return range(p.hasPerformed() ? p.getPerformed() : null);
        }
        if (resource instanceof MedicationRequest m) {
            return range(m.getAuthoredOnElement());
        }
        if (resource instanceof ServiceRequest s) {
            return range(s.getAuthoredOnElement());
        }
        if (resource instanceof Condition c) {
            return range(c.hasOnset() ? c.getOnset() : null).or(() -> range(c.getRecordedDateElement()));
        }
        return Optional.empty();
    }

    /** meta.lastUpdated as a point in time, for {@code _lastUpdated}. */
    static Optional<Instant[]> lastUpdated(Resource resource) {
        return resource.getMeta().hasLastUpdated()
                ? Optional.of(point(resource.getMeta().getLastUpdated().toInstant()))
                : Optional.empty();
    }

    static Optional<Instant[]> range(Type value) {
        if (value instanceof BaseDateTimeType date && date.getValue() != null) {
            return Optional.of(point(date.getValue().toInstant()));
        }
        if (value instanceof Period period && period.hasStart()) {
            Instant start = period.getStart().toInstant();
            return Optional.of(
                    new Instant[] {start, period.hasEnd() ? period.getEnd().toInstant() : start});
        }
        return Optional.empty();
    }

    private static Instant[] point(Instant at) {
        return new Instant[] {at, at};
    }

    static boolean dateMatches(Optional<Instant[]> target, List<DateValue> values) {
        return target.map(r -> values.stream().allMatch(v -> v.matches(r[0], r[1])))
                .orElse(false);
    }
}
