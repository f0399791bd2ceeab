package org.rplcds.facts;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.rplcds.prefetch.PatientRecord;

/** Works out whether the patient is pregnant now, and the gestational age. */
final class PregnancyReader {

    /**
     * A "pregnant" status, or an active pregnancy diagnosis, dated longer ago than this no longer
     * describes the current state.
     */
    static final int STATUS_VALID_DAYS = 300;

    private static final int TERM_DAYS = 280;

    private final Terminology terminology;

    PregnancyReader(Terminology terminology) {
        this.terminology = terminology;
    }

    Pregnancy read(PatientRecord record, ObstetricHistory history, LocalDate today, Codes codes) {
        List<Evidence> evidence = new ArrayList<>();
        LocalDate onset = null;
        for (Condition condition : record.conditions()) {
            if (RecordFilters.active(condition, record.conditions())
                    && codes.in(ValueSets.PREGNANCY, condition.getCode())) {
                Optional<LocalDate> date = RecordFilters.date(condition);
                // Time ends a pregnancy: an active pregnancy diagnosis counts while its onset (else
                // its recorded date) is recent enough for the pregnancy to still be going on, as a
                // pregnancy status observation does. An older one, never abated, is a stale list
                // entry, as Synthea's charts keep them.
                if (date.filter(d -> ChronoUnit.DAYS.between(d, today) <= STATUS_VALID_DAYS)
                        .isEmpty()) {
                    continue;
                }
                Coding coding = codes.firstMatch(ValueSets.PREGNANCY, condition.getCode())
                        .orElseThrow();
                evidence.add(new Evidence(
                        "Condition/" + condition.getIdElement().getIdPart(),
                        RecordFilters.described(
                                condition, record.conditions(), terminology.describe(condition.getCode(), coding)),
                        date));
                onset = earliest(onset, date.orElse(null));
            }
        }
        Observation status = latest(record, codes, ValueSets.PREGNANCY_STATUS);
        if (status != null && status.hasValueCodeableConcept()) {
            LocalDate date = RecordFilters.date(status).orElse(null);
            boolean recent = date != null && ChronoUnit.DAYS.between(date, today) <= STATUS_VALID_DAYS;
            boolean pregnantValue = codes.in(ValueSets.PREGNANT_VALUE, status.getValueCodeableConcept());
            if (recent && pregnantValue) {
                evidence.add(new Evidence(
                        "Observation/" + status.getIdElement().getIdPart(),
                        "Pregnancy status: pregnant",
                        Optional.of(date)));
                onset = earliest(onset, date);
            } else if (!pregnantValue && date != null && (onset == null || date.isAfter(onset))) {
                // A newer "not pregnant" status ends the pregnancy the conditions describe.
                return Pregnancy.none();
            }
        }
        if (evidence.isEmpty()) {
            return Pregnancy.none();
        }
        final LocalDate start = onset;
        boolean ended = start != null
                && history.events().stream()
                        .anyMatch(e -> e.date().filter(d -> !d.isBefore(start)).isPresent());
        if (ended) {
            return Pregnancy.none();
        }
        return new Pregnancy(
                true, gestationalAge(record, today, codes), Optional.ofNullable(start), List.copyOf(evidence));
    }

    /** EDD, then a gestational-age observation, then LMP, then a Z3A code. */
    private Optional<Integer> gestationalAge(PatientRecord record, LocalDate today, Codes codes) {
        Observation edd = latest(record, codes, ValueSets.ESTIMATED_DUE_DATE);
        if (edd != null && edd.hasValueDateTimeType()) {
            Optional<Integer> days = RecordFilters.date(edd.getValueDateTimeType())
                    .map(due -> TERM_DAYS - (int) ChronoUnit.DAYS.between(today, due));
            if (days.filter(PregnancyReader::plausible).isPresent()) {
                return days;
            }
        }
        Observation ga = latest(record, codes, ValueSets.GESTATIONAL_AGE);
        if (ga != null && ga.hasValueQuantity()) {
            Optional<LocalDate> measured = RecordFilters.date(ga);
            Optional<Integer> days = Gestation.days(ga.getValueQuantity())
                    .flatMap(d -> measured.map(m -> d + (int) ChronoUnit.DAYS.between(m, today)));
            if (days.filter(PregnancyReader::plausible).isPresent()) {
                return days;
            }
        }
        Observation lmp = latest(record, codes, ValueSets.LAST_MENSTRUAL_PERIOD);
        if (lmp != null && lmp.hasValueDateTimeType()) {
            Optional<Integer> days = RecordFilters.date(lmp.getValueDateTimeType())
                    .map(start -> (int) ChronoUnit.DAYS.between(start, today));
            if (days.filter(PregnancyReader::plausible).isPresent()) {
                return days;
            }
        }
        Condition latestZ3a = null;
        LocalDate latestDate = null;
        for (Condition condition : record.conditions()) {
            Optional<LocalDate> date = RecordFilters.date(condition);
            if (RecordFilters.usable(condition)
                    && date.isPresent()
                    && Gestation.weeksFromZ3a(codes, condition.getCode()).isPresent()
                    && (latestDate == null || date.get().isAfter(latestDate))) {
                latestZ3a = condition;
                latestDate = date.get();
            }
        }
        if (latestZ3a != null) {
            int days = Gestation.weeksFromZ3a(codes, latestZ3a.getCode()).orElseThrow() * 7
                    + (int) ChronoUnit.DAYS.between(latestDate, today);
            if (plausible(days)) {
                return Optional.of(days);
            }
        }
        return Optional.empty();
    }

    private static boolean plausible(int days) {
        return days >= 0 && days <= Gestation.MAX_DAYS;
    }

    private static Observation latest(PatientRecord record, Codes codes, String valueSet) {
        Observation latest = null;
        LocalDate latestDate = null;
        for (Observation observation : record.observations()) {
            if (!RecordFilters.usable(observation) || !codes.in(valueSet, observation.getCode())) {
                continue;
            }
            LocalDate date = RecordFilters.date(observation).orElse(LocalDate.MIN);
            if (latest == null || date.isAfter(latestDate)) {
                latest = observation;
                latestDate = date;
            }
        }
        return latest;
    }

    private static LocalDate earliest(LocalDate current, LocalDate candidate) {
        if (candidate == null) {
            return current;
        }
        return current == null || candidate.isBefore(current) ? candidate : current;
    }
}
