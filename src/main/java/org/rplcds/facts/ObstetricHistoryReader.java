package org.rplcds.facts;

import static java.util.Comparator.comparing;
import static java.util.Comparator.naturalOrder;
import static java.util.Comparator.nullsLast;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.rplcds.prefetch.PatientRecord;

/** Finds, classifies, merges and counts pregnancy outcomes. */
final class ObstetricHistoryReader {

    /** Codings of one loss recorded this close together are one loss (ED visit, problem list, follow-up). */
    static final int MERGE_WINDOW_DAYS = 42;

    private static final int SECOND_TRIMESTER_WEEKS = 12;
    private static final int FETAL_LOSS_WEEKS = 10;

    private final Terminology terminology;

    ObstetricHistoryReader(Terminology terminology) {
        this.terminology = terminology;
    }

    /** One classified record entry before merging. */
    private record Item(
            LossKind kind,
            Optional<LocalDate> date,
            Optional<Integer> weeks,
            boolean secondTrimester,
            Evidence evidence) {}

    ObstetricHistory read(PatientRecord record, LossCounting counting, Codes codes) {
        List<Item> items = new ArrayList<>();
        List<Evidence> assertions = new ArrayList<>();
        List<Evidence> historyOnly = new ArrayList<>();
        Set<LocalDate> fetalDeathDates = new HashSet<>();
        GestationIndex gestation = gestationIndex(record, codes);
        for (Condition condition : record.conditions()) {
            if (!RecordFilters.usable(condition)) {
                continue;
            }
            CodeableConcept code = condition.getCode();
            Optional<LocalDate> date = RecordFilters.date(condition);
            String reference = "Condition/" + condition.getIdElement().getIdPart();
            codes.firstMatch(ValueSets.RECURRENT_PREGNANCY_LOSS, code)
                    .ifPresent(coding ->
                            assertions.add(new Evidence(reference, terminology.describe(code, coding), date)));
            codes.firstMatch(ValueSets.MISCARRIAGE_HISTORY, code)
                    .ifPresent(coding ->
                            historyOnly.add(new Evidence(reference, terminology.describe(code, coding), date)));
            if (fetalDeath(code, codes)) {
                date.ifPresent(fetalDeathDates::add);
            }
            Optional<Integer> weeks = gestationalWeeksAt(gestation, condition, date, codes);
            classify(code, weeks, counting, codes)
                    .ifPresent(kind -> items.add(new Item(
                            kind,
                            date,
                            weeks,
                            codes.in(ValueSets.MISCARRIAGE_SECOND_TRIMESTER, code),
                            new Evidence(reference, terminology.describe(code, matching(code, kind, codes)), date))));
        }
        int conditionItems = items.size();
        for (Procedure procedure : record.procedures()) {
            if (!RecordFilters.completed(procedure)) {
                continue;
            }
            CodeableConcept code = procedure.getCode();
            Optional<LossKind> kind = codes.in(ValueSets.SPONTANEOUS_LOSS_PROCEDURE, code)
                    ? Optional.of(LossKind.SPONTANEOUS)
                    : classify(code, Optional.empty(), counting, codes);
            Optional<LocalDate> date = RecordFilters.date(procedure);
            if (fetalDeath(code, codes)) {
                date.ifPresent(fetalDeathDates::add);
            }
            String reference = "Procedure/" + procedure.getIdElement().getIdPart();
            kind.ifPresent(k -> items.add(new Item(
                    k,
                    date,
                    Optional.empty(),
                    false,
                    new Evidence(reference, terminology.describe(code, code.getCodingFirstRep()), date))));
        }
        Optional<Integer> recordedCount = recordedCount(record, codes);
        stillbirthDeliveriesRemoved(items, conditionItems, fetalDeathDates);

        List<PregnancyEvent> events = merge(items);
        List<PregnancyEvent> losses = events.stream()
                .filter(e -> e.kind() == LossKind.SPONTANEOUS
                        || (counting.countBiochemical() && e.kind() == LossKind.BIOCHEMICAL))
                .toList();
        int lossCount = Math.max(losses.size(), recordedCount.orElse(0));
        if (lossCount == 0 && !historyOnly.isEmpty()) {
            lossCount = 1;
        }
        Optional<Integer> run = consecutiveRun(events, losses, lossCount);
        boolean secondTrimester = losses.stream().anyMatch(PregnancyEvent::secondTrimester);
        boolean fetalLoss10w = events.stream()
                .anyMatch(e -> e.kind() == LossKind.FETAL_DEATH
                        || ((e.kind() == LossKind.SPONTANEOUS)
                                && (e.secondTrimester()
                                        || e.gestationalWeeks()
                                                .filter(w -> w >= FETAL_LOSS_WEEKS)
                                                .isPresent())));
        return new ObstetricHistory(
                events,
                losses,
                lossCount,
                run,
                recordedCount,
                List.copyOf(assertions),
                List.copyOf(historyOnly),
                secondTrimester,
                fetalLoss10w);
    }

    /**
     * A delivery procedure on the day a stillbirth or fetal death is coded delivered that baby: it
     * is not a live birth and does not break a run of losses.
     */
    private static void stillbirthDeliveriesRemoved(
            List<Item> items, int firstProcedureItem, Set<LocalDate> fetalDeathDates) {
        for (int i = items.size() - 1; i >= firstProcedureItem; i--) {
            Item item = items.get(i);
            if (item.kind() == LossKind.LIVE_BIRTH
                    && item.date().filter(fetalDeathDates::contains).isPresent()) {
                items.remove(i);
            }
        }
    }

    /** A stillbirth or fetal death code that names no live-born child (Z37.3, twins one liveborn, names one). */
    private static boolean fetalDeath(CodeableConcept code, Codes codes) {
        return (codes.in(ValueSets.FETAL_DEATH, code) || codes.in(ValueSets.INTRAUTERINE_DEATH, code))
                && !codes.in(ValueSets.LIVE_BIRTH, code);
    }

    /** Precedence when one entry carries several codings: induced, ectopic, molar, fetal death, spontaneous. */
    private static Optional<LossKind> classify(
            CodeableConcept code, Optional<Integer> weeks, LossCounting counting, Codes codes) {
        if (codes.in(ValueSets.INDUCED_ABORTION, code)) {
            return Optional.of(LossKind.INDUCED);
        }
        if (codes.in(ValueSets.ECTOPIC_PREGNANCY, code)) {
            return Optional.of(LossKind.ECTOPIC);
        }
        if (codes.in(ValueSets.MOLAR_PREGNANCY, code)) {
            return Optional.of(LossKind.MOLAR);
        }
        if (codes.in(ValueSets.FETAL_DEATH, code)) {
            return Optional.of(LossKind.FETAL_DEATH);
        }
        if (codes.in(ValueSets.INTRAUTERINE_DEATH, code)) {
            // A miscarriage only when a gestational age below the viability limit is recorded.
            return Optional.of(
                    weeks.filter(w -> w < counting.viabilityWeeks()).isPresent()
                            ? LossKind.SPONTANEOUS
                            : LossKind.FETAL_DEATH);
        }
        if (codes.in(ValueSets.MISCARRIAGE, code)) {
            return Optional.of(
                    weeks.filter(w -> w >= counting.viabilityWeeks()).isPresent()
                            ? LossKind.FETAL_DEATH
                            : LossKind.SPONTANEOUS);
        }
        if (codes.in(ValueSets.BIOCHEMICAL_PREGNANCY, code)) {
            return Optional.of(LossKind.BIOCHEMICAL);
        }
        if (codes.in(ValueSets.LIVE_BIRTH, code)) {
            return Optional.of(LossKind.LIVE_BIRTH);
        }
        return Optional.empty();
    }

    private Coding matching(CodeableConcept code, LossKind kind, Codes codes) {
        String valueSet =
                switch (kind) {
                    case INDUCED -> ValueSets.INDUCED_ABORTION;
                    case ECTOPIC -> ValueSets.ECTOPIC_PREGNANCY;
                    case MOLAR -> ValueSets.MOLAR_PREGNANCY;
                    case FETAL_DEATH, SPONTANEOUS -> codes.in(ValueSets.MISCARRIAGE, code)
                            ? ValueSets.MISCARRIAGE
                            : codes.in(ValueSets.FETAL_DEATH, code)
                                    ? ValueSets.FETAL_DEATH
                                    : ValueSets.INTRAUTERINE_DEATH;
                    case BIOCHEMICAL -> ValueSets.BIOCHEMICAL_PREGNANCY;
                    case LIVE_BIRTH -> ValueSets.LIVE_BIRTH;
                };
        return codes.firstMatch(valueSet, code).orElse(code.getCodingFirstRep());
    }

    /**
     * Where the record gives gestational age, looked up once per record rather than once per
     * condition: the first same-day gestational-age observation of each date, and each encounter's
     * usable conditions with a Z3A code, in record order.
     */
    private record GestationIndex(Map<LocalDate, Integer> weeksOnDate, Map<String, List<Z3a>> z3aByEncounter) {}

    private record Z3a(Condition condition, int weeks) {}

    private GestationIndex gestationIndex(PatientRecord record, Codes codes) {
        Map<LocalDate, Integer> weeksOnDate = new HashMap<>();
        for (Observation observation : record.observations()) {
            if (RecordFilters.usable(observation)
                    && codes.in(ValueSets.GESTATIONAL_AGE, observation.getCode())
                    && observation.hasValueQuantity()) {
                Optional<LocalDate> date = RecordFilters.date(observation);
                Optional<Integer> days = Gestation.days(observation.getValueQuantity());
                if (date.isPresent() && days.isPresent()) {
                    weeksOnDate.putIfAbsent(date.get(), days.get() / 7);
                }
            }
        }
        Map<String, List<Z3a>> z3aByEncounter = new HashMap<>();
        for (Condition condition : record.conditions()) {
            String encounter =
                    condition.hasEncounter() ? condition.getEncounter().getReference() : null;
            if (encounter != null && RecordFilters.usable(condition)) {
                Gestation.weeksFromZ3a(codes, condition.getCode()).ifPresent(weeks -> z3aByEncounter
                        .computeIfAbsent(encounter, e -> new ArrayList<>())
                        .add(new Z3a(condition, weeks)));
            }
        }
        return new GestationIndex(weeksOnDate, z3aByEncounter);
    }

    /** GA at a loss: a same-day gestational-age observation, else a Z3A code of the same encounter. */
    private static Optional<Integer> gestationalWeeksAt(
            GestationIndex index, Condition loss, Optional<LocalDate> date, Codes codes) {
        if (date.isPresent() && index.weeksOnDate().containsKey(date.get())) {
            return Optional.of(index.weeksOnDate().get(date.get()));
        }
        if (loss.hasEncounter() && loss.getEncounter().getReference() != null) {
            for (Z3a other :
                    index.z3aByEncounter().getOrDefault(loss.getEncounter().getReference(), List.of())) {
                if (other.condition() != loss) {
                    return Optional.of(other.weeks());
                }
            }
        }
        return Gestation.weeksFromZ3a(codes, loss.getCode());
    }

    private static Optional<Integer> recordedCount(PatientRecord record, Codes codes) {
        Observation latest = null;
        LocalDate latestDate = null;
        for (Observation observation : record.observations()) {
            if (!RecordFilters.usable(observation)
                    || !codes.in(ValueSets.SPONTANEOUS_ABORTION_COUNT, observation.getCode())) {
                continue;
            }
            LocalDate date = RecordFilters.date(observation).orElse(LocalDate.MIN);
            if (latest == null || date.isAfter(latestDate)) {
                latest = observation;
                latestDate = date;
            }
        }
        if (latest == null) {
            return Optional.empty();
        }
        if (latest.hasValueIntegerType()) {
            return Optional.of(latest.getValueIntegerType().getValue()).filter(n -> n >= 0 && n < 100);
        }
        if (latest.hasValueQuantity()) {
            Quantity value = latest.getValueQuantity();
            return value.hasValue()
                    ? Optional.of(value.getValue().intValue()).filter(n -> n >= 0 && n < 100)
                    : Optional.empty();
        }
        return Optional.empty();
    }

    /** Entries of the same kind within the merge window are one event; undated entries stay apart. */
    private static List<PregnancyEvent> merge(List<Item> items) {
        List<Item> sorted = new ArrayList<>(absorbed(items));
        sorted.sort(comparing((Item item) -> item.date().orElse(null), nullsLast(naturalOrder())));
        List<List<Item>> groups = new ArrayList<>();
        for (Item item : sorted) {
            List<Item> joined = null;
            if (item.date().isPresent() && item.kind() != LossKind.LIVE_BIRTH) {
                for (List<Item> group : groups) {
                    Item last = group.get(group.size() - 1);
                    if (last.kind() == item.kind()
                            && last.date().isPresent()
                            && ChronoUnit.DAYS.between(
                                            last.date().get(), item.date().get())
                                    <= MERGE_WINDOW_DAYS) {
                        joined = group;
                    }
                }
            }
            if (joined == null) {
                groups.add(new ArrayList<>(List.of(item)));
            } else {
                joined.add(item);
            }
        }
        return groups.stream()
                .map(ObstetricHistoryReader::event)
                .sorted(EVENT_ORDER)
                .toList();
    }

    /**
     * One pregnancy has one outcome: a miscarriage coding within the merge window of an ectopic,
     * molar or induced one describes that pregnancy (EHRs and Synthea code a tubal pregnancy as
     * "miscarriage in first trimester" beside "tubal pregnancy"), so it is not a loss of its own.
     */
    private static List<Item> absorbed(List<Item> items) {
        List<Item> others = items.stream()
                .filter(i -> i.date().isPresent()
                        && (i.kind() == LossKind.ECTOPIC || i.kind() == LossKind.MOLAR || i.kind() == LossKind.INDUCED))
                .toList();
        return items.stream()
                .filter(item -> item.kind() != LossKind.SPONTANEOUS
                        || item.date().isEmpty()
                        || others.stream()
                                .noneMatch(o -> Math.abs(ChronoUnit.DAYS.between(
                                                o.date().get(), item.date().get()))
                                        <= MERGE_WINDOW_DAYS))
                .toList();
    }

    private static final Comparator<PregnancyEvent> EVENT_ORDER =
            comparing((PregnancyEvent e) -> e.date().orElse(null), nullsLast(naturalOrder()));

    private static PregnancyEvent event(List<Item> group) {
        Item first = group.get(0);
        Optional<Integer> weeks =
                group.stream().map(Item::weeks).flatMap(Optional::stream).max(Integer::compare);
        boolean secondTrimester = group.stream().anyMatch(Item::secondTrimester)
                || weeks.filter(w -> w >= SECOND_TRIMESTER_WEEKS).isPresent();
        return new PregnancyEvent(
                first.kind(),
                first.date(),
                weeks,
                secondTrimester && first.kind() == LossKind.SPONTANEOUS,
                group.stream().map(Item::evidence).toList());
    }

    /** Longest run of losses not interrupted by a live birth; unknown when an entry cannot be placed in time. */
    private static Optional<Integer> consecutiveRun(
            List<PregnancyEvent> events, List<PregnancyEvent> losses, int lossCount) {
        if (lossCount > losses.size()) {
            return Optional.empty();
        }
        boolean undated = events.stream()
                .filter(e -> losses.contains(e) || e.kind() == LossKind.LIVE_BIRTH)
                .anyMatch(e -> e.date().isEmpty());
        if (undated && losses.size() > 1) {
            return Optional.empty();
        }
        int longest = 0;
        int current = 0;
        for (PregnancyEvent event : events) {
            if (losses.contains(event)) {
                current++;
                longest = Math.max(longest, current);
            } else if (event.kind() == LossKind.LIVE_BIRTH) {
                current = 0;
            }
        }
        return Optional.of(longest);
    }
}
