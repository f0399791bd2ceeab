package org.rplcds.timeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.rplcds.cards.PlainText;
import org.rplcds.facts.Evidence;
import org.rplcds.facts.LabResult;
import org.rplcds.facts.LossKind;
import org.rplcds.facts.Medication;
import org.rplcds.facts.ObstetricHistory;
import org.rplcds.facts.Order;
import org.rplcds.facts.PatientFacts;
import org.rplcds.facts.PerformedProcedure;
import org.rplcds.facts.Pregnancy;
import org.rplcds.facts.PregnancyEvent;
import org.rplcds.facts.Problem;
import org.rplcds.facts.RequestStatus;
import org.rplcds.rules.Presentation;
import org.rplcds.rules.Quantities;

/**
 * A patient's story as the rules see it: the facts of one hook call, laid out by date for the
 * viewer's header and timeline picture. Nothing here is computed apart from the facts; the
 * pregnancy's start and due date follow from its gestational age.
 *
 * @param patientId the patient's id
 * @param evaluationDate the date the rules evaluated on
 * @param sex administrative sex, lower case
 * @param ageYears age in whole years on the evaluation date, if the birth date is known
 * @param pregnancy the current pregnancy, if any
 * @param lossCount losses as the guideline profile counts them
 * @param consecutiveRun the longest run of losses without a live birth, if known
 * @param rplDiagnosed whether recurrent pregnancy loss is diagnosed on record
 * @param events pregnancy outcomes, oldest first (undated last)
 * @param workUp results, diagnoses, orders, prescriptions and procedures, oldest first (undated last)
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
@Schema(description = "A patient's pregnancies, losses and work-up, from the facts the rules read")
public record TimelineJson(
        String patientId,
        LocalDate evaluationDate,
        String sex,
        Optional<Integer> ageYears,
        Optional<PregnancyJson> pregnancy,
        int lossCount,
        Optional<Integer> consecutiveRun,
        boolean rplDiagnosed,
        List<EventJson> events,
        List<ItemJson> workUp) {

    /**
     * @param gestationalAgeDays gestational age on the evaluation date, if known
     * @param gestation "9+1", if known
     * @param start the first day of the pregnancy (by gestational age), else its first record
     * @param dueDate 280 days after the start by gestational age
     */
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    public record PregnancyJson(
            Optional<Integer> gestationalAgeDays,
            Optional<String> gestation,
            Optional<LocalDate> start,
            Optional<LocalDate> dueDate) {}

    /**
     * @param date when the pregnancy ended, if dated
     * @param kind how it ended: spontaneous, biochemical, induced, ectopic, molar, fetal-death, live-birth
     * @param loss whether it counts as a pregnancy loss
     * @param gestationalWeeks completed weeks at the end, if known
     * @param label what it was, for a person
     * @param references the record entries that record it
     */
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    public record EventJson(
            Optional<LocalDate> date,
            String kind,
            boolean loss,
            Optional<Integer> gestationalWeeks,
            String label,
            List<String> references) {}

    /**
     * @param date when it was resulted, diagnosed, ordered, prescribed or done, if dated
     * @param category result, diagnosis, order, prescription or procedure
     * @param kind what it is without its value or date ({@code BMI}, {@code smoking status},
     *     {@code aspirin}): the items of one category and kind are one thing recorded again, which
     *     the viewer folds into one row
     * @param label what it is, for a person
     * @param status where an order or prescription stands (draft, active, completed, stopped)
     * @param reference the record entry
     */
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    public record ItemJson(
            Optional<LocalDate> date,
            String category,
            String kind,
            String label,
            Optional<String> status,
            String reference) {}

    private static final Comparator<Optional<LocalDate>> DATED_FIRST =
            Comparator.comparing(date -> date.orElse(LocalDate.MAX));

    /** The timeline of one call's facts. */
    public static TimelineJson of(PatientFacts facts) {
        ObstetricHistory history = facts.history();
        List<EventJson> events = history.events().stream()
                .map(event -> event(event, history.losses().contains(event)))
                .sorted(Comparator.comparing(EventJson::date, DATED_FIRST))
                .toList();
        List<ItemJson> items = new ArrayList<>();
        for (LabResult lab : facts.chart().labs()) {
            items.add(new ItemJson(
                    Optional.of(lab.date()),
                    "result",
                    lab.analyte().label(),
                    Quantities.describe(lab, Presentation.UnitSystem.CONVENTIONAL),
                    Optional.empty(),
                    reference(lab.evidence())));
        }
        for (Problem problem : facts.chart().problems()) {
            items.add(new ItemJson(
                    problem.date(),
                    "diagnosis",
                    problem.kind().label(),
                    problem.kind().label() + (problem.active() ? "" : " (resolved)"),
                    Optional.empty(),
                    reference(problem.evidence())));
        }
        for (Order order : facts.chart().orders()) {
            String label = orderLabel(order);
            items.add(new ItemJson(
                    order.authored(),
                    "order",
                    label,
                    label,
                    Optional.of(status(order.status())),
                    reference(order.evidence())));
        }
        for (Medication medication : facts.chart().medications()) {
            items.add(new ItemJson(
                    medication.authored(),
                    "prescription",
                    medication.drug().label(),
                    medication.drug().label(),
                    Optional.of(status(medication.status())),
                    reference(medication.evidence())));
        }
        for (PerformedProcedure procedure : facts.chart().procedures()) {
            items.add(new ItemJson(
                    procedure.date(),
                    "procedure",
                    procedure.kind().label(),
                    procedure.kind().label() + (procedure.completed() ? "" : " (in progress)"),
                    Optional.empty(),
                    reference(procedure.evidence())));
        }
        items.sort(Comparator.comparing(ItemJson::date, DATED_FIRST));
        return new TimelineJson(
                facts.patientId(),
                facts.evaluationDate(),
                facts.sex().name().toLowerCase(Locale.ROOT),
                facts.ageYears(),
                pregnancy(facts.pregnancy(), facts.evaluationDate()),
                history.lossCount(),
                history.consecutiveRun(),
                history.rplAsserted(),
                events,
                List.copyOf(items));
    }

    private static Optional<PregnancyJson> pregnancy(Pregnancy pregnancy, LocalDate today) {
        if (!pregnancy.pregnant()) {
            return Optional.empty();
        }
        Optional<Integer> days = pregnancy.gestationalAgeDays();
        return Optional.of(new PregnancyJson(
                days, days.map(d -> (d / 7) + "+" + (d % 7)), pregnancy.start(today), days.map(d -> today.minusDays(d)
                        .plusDays(280))));
    }

    private static EventJson event(PregnancyEvent event, boolean loss) {
        String kind = event.kind().name().toLowerCase(Locale.ROOT).replace('_', '-');
        String label = kindLabel(event.kind())
                + event.gestationalWeeks().map(w -> " at " + w + " weeks").orElse("");
        return new EventJson(
                event.date(),
                kind,
                loss,
                event.gestationalWeeks(),
                label,
                event.evidence().stream()
                        .map(TimelineJson::reference)
                        .distinct()
                        .toList());
    }

    private static String kindLabel(LossKind kind) {
        return switch (kind) {
            case SPONTANEOUS -> "Miscarriage";
            case BIOCHEMICAL -> "Biochemical loss";
            case INDUCED -> "Induced abortion";
            case ECTOPIC -> "Ectopic pregnancy";
            case MOLAR -> "Molar pregnancy";
            case FETAL_DEATH -> "Stillbirth";
            case LIVE_BIRTH -> "Live birth";
        };
    }

    private static String orderLabel(Order order) {
        if (!order.text().isBlank()) {
            // The order's own words, as a card's label shows them: one line, bounded.
            return PlainText.of(order.text(), PlainText.LABEL);
        }
        List<String> names = new ArrayList<>();
        order.tests().forEach(test -> names.add(test.label()));
        order.procedures().forEach(procedure -> names.add(procedure.label()));
        return names.isEmpty() ? "order" : String.join(", ", names);
    }

    private static String status(RequestStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    private static String reference(Evidence evidence) {
        return evidence.reference();
    }
}
