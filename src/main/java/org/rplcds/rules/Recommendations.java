package org.rplcds.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.rplcds.facts.DraftOrders;
import org.rplcds.facts.PatientFacts;
import org.rplcds.rules.derived.WorkUp;

/**
 * The catalogue: runs every recommendation once behind the gates of {@link Eligibility} on {@code
 * patient-view}, and the order advice behind the same gates on {@code order-select} and {@code
 * order-sign}.
 *
 * <p>Each recommendation speaks as its {@link RuleModes mode} says: one that is off is not
 * evaluated; one that is silent is evaluated and its finding kept apart, never a card. A card that
 * holds the advice of several rules holds that of the rules that are on: the evaluation card leaves
 * out the line, the suggestions and the urgency of a part (RPL-02, 03, 05, 08) that is not on, and
 * with RPL-01 not on there is no evaluation card, each part that is on giving its own; RPL-27's
 * card holds RPL-07's only when both are on; RPL-04's line joins the evaluation card only when it
 * is on. Modes decide what is shown, never what the rules know: the order advice counts what every
 * rule of the chart would suggest as already advised, whatever its mode, so that switching a card
 * off never turns indicated care into low-value care.
 */
public final class Recommendations {

    /**
     * The cards of one call, and apart from them the findings of the silent recommendations.
     *
     * @param findings the cards, as the presentation shows them
     * @param silent the findings of the recommendations that are silent, each as the rule gave it
     */
    public record Evaluation(List<Finding> findings, List<Finding> silent) {

        static final Evaluation NONE = new Evaluation(List.of(), List.of());

        public Evaluation {
            findings = List.copyOf(findings);
            silent = List.copyOf(silent);
        }

        /** The findings of the recommendations that speak; those of the silent ones apart. */
        static Evaluation of(List<Finding> spoken, RuleModes modes) {
            return new Evaluation(
                    spoken.stream().filter(f -> modes.on(f.ruleId())).toList(),
                    spoken.stream().filter(f -> !modes.on(f.ruleId())).toList());
        }
    }

    private final List<Recommendation> catalogue;
    private final Presentation presentation;

    /** The ids of the parts of the RPL evaluation, whose cards the evaluation card holds. */
    private final Set<String> workUpParts;

    /** What speaks while orders are written, in rule order. */
    private final List<OrderAdvice> orderAdvice;

    public Recommendations(List<Recommendation> catalogue, List<OrderAdvice> orderAdvice, Presentation presentation) {
        this.catalogue = catalogue.stream()
                .sorted(Comparator.comparing(Recommendation::id))
                .toList();
        this.orderAdvice = orderAdvice.stream()
                .sorted(Comparator.comparing(OrderAdvice::id))
                .toList();
        this.presentation = presentation;
        this.workUpParts = catalogue.stream()
                .filter(WorkUpPart.class::isInstance)
                .map(Recommendation::id)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The catalogue as shipped, with the default presentation. */
    public static Recommendations all() {
        return all(Presentation.DEFAULT);
    }

    /**
     * The catalogue as shipped: one instance of each recommendation, in rule order (the cards of
     * one indicator are read in it), and the advice while orders are written. With an aggregated
     * work-up (the default) the cards of RPL-01, 02, 03, 05 and 08 are shown as one evaluation card
     * ({@link EvaluationCard}).
     */
    public static Recommendations all(Presentation presentation) {
        Rpl10ProgesteroneForBleeding bleeding = new Rpl10ProgesteroneForBleeding();
        Rpl11ProgesteroneWithoutIndication progesterone = new Rpl11ProgesteroneWithoutIndication();
        Rpl27Anticoagulation anticoagulation = new Rpl27Anticoagulation();
        return new Recommendations(
                List.of(
                        new Rpl01RecurrentPregnancyLoss(),
                        new Rpl02GeneticTesting(),
                        new Rpl03ThyroidWorkUp(),
                        new Rpl04ThyroidTreatment(),
                        new Rpl05AntiphospholipidScreening(),
                        new Rpl06AntiphospholipidConfirmation(),
                        new Rpl07AntiphospholipidTreatment(),
                        new Rpl08UterineAssessment(),
                        new Rpl09CavityLesion(),
                        bleeding,
                        progesterone,
                        new Rpl12HistoryIndicatedCerclage(),
                        new Rpl13CervicalSurveillance(),
                        new Rpl14DiabetesControl(),
                        new Rpl15Prolactin(),
                        new Rpl16Lifestyle(),
                        new Rpl17FeverInPregnancy(),
                        new Rpl18Anaemia(),
                        new Rpl19GenitalInfection(),
                        new Rpl20PartnerEvaluation(),
                        new Rpl21UnexplainedLoss(),
                        new Rpl22MaternalDisease(),
                        new Rpl23LowValueCare(),
                        new Rpl24CerclageRemoval(),
                        new Rpl25ChromosomalRearrangement(),
                        anticoagulation,
                        new Rpl28AspirinForPreeclampsia()),
                List.of(bleeding, progesterone, new Rpl23LowValueDrafts(), anticoagulation),
                presentation);
    }

    /** The cards of the chart, every recommendation on. */
    public List<Finding> evaluate(PatientFacts facts, GuidelineProfile profile) {
        return evaluate(facts, profile, RuleModes.ALL_ON).findings();
    }

    /** The cards of the chart, each recommendation in its mode. */
    public Evaluation evaluate(PatientFacts facts, GuidelineProfile profile, RuleModes modes) {
        if (eligible(facts, profile) == Eligibility.Scope.NONE) {
            return Evaluation.NONE;
        }
        // The derived facts are computed once per call; every rule reads the same assessment.
        return findings(Assessment.of(facts, profile, presentation), modes);
    }

    /**
     * Every recommendation the gates admit and its mode does not turn off, once, shown as the
     * presentation says.
     */
    private Evaluation findings(Assessment assessment, RuleModes modes) {
        Eligibility.Scope scope = Eligibility.of(assessment);
        if (scope == Eligibility.Scope.PAST_RPL) {
            return Evaluation.of(
                    catalogue.stream()
                            .filter(Rpl01RecurrentPregnancyLoss.class::isInstance)
                            .filter(rule -> modes.of(rule.id()) != RuleModes.Mode.OFF)
                            .map(rule -> ((Rpl01RecurrentPregnancyLoss) rule).past(assessment))
                            .toList(),
                    modes);
        }
        List<Finding> spoken = new ArrayList<>();
        for (Recommendation recommendation : catalogue) {
            if (scope.admits(recommendation.id()) && modes.of(recommendation.id()) != RuleModes.Mode.OFF) {
                recommendation.evaluate(assessment).ifPresent(spoken::add);
            }
        }
        Evaluation evaluation = Evaluation.of(spoken, modes);
        List<Finding> findings = Anticoagulation.fold(evaluation.findings());
        // The evaluation card is RPL-01's: without it, the parts that are on give their own cards.
        if (presentation.aggregateWorkup() && modes.on(EvaluationCard.RECOGNITION) && assessment.rpl()) {
            findings = EvaluationCard.fold(assessment, findings, workUpParts, checklist(assessment, modes));
        }
        return new Evaluation(findings, evaluation.silent());
    }

    /** The evaluation card's checklist: the work-up's items, less those of the parts that are not on. */
    private List<WorkUpItem> checklist(Assessment assessment, RuleModes modes) {
        WorkUp workUp = assessment.derived().workUp();
        List<WorkUpItem> items = new ArrayList<>(workUp.items());
        catalogue.stream()
                .filter(WorkUpPart.class::isInstance)
                .filter(part -> !modes.on(part.id()))
                .forEach(part -> items.remove(((WorkUpPart) part).item(workUp)));
        return items;
    }

    /**
     * Whether any order advice speaks about these drafts while they are written: when none does, the
     * patient's record need not be read.
     */
    public boolean readsAny(DraftOrders drafts) {
        return readsAny(drafts, RuleModes.ALL_ON);
    }

    /** Whether any order advice that is not off speaks about these drafts. */
    public boolean readsAny(DraftOrders drafts, RuleModes modes) {
        return orderAdvice.stream()
                .filter(advice -> modes.of(advice.id()) != RuleModes.Mode.OFF)
                .anyMatch(advice -> !advice.candidates(drafts).isEmpty());
    }

    /**
     * The cards while orders are written ({@code order-select}, {@code order-sign}): the order
     * advice, on the drafts. A draft that the {@code patient-view} cards suggest gets no card: the
     * clinician is already doing it.
     */
    public List<Finding> evaluateOrders(PatientFacts facts, DraftOrders drafts, GuidelineProfile profile) {
        return evaluateOrders(facts, drafts, profile, RuleModes.ALL_ON).findings();
    }

    /** The cards while orders are written, each order advice in its mode. */
    public Evaluation evaluateOrders(
            PatientFacts facts, DraftOrders drafts, GuidelineProfile profile, RuleModes modes) {
        if (drafts.isEmpty() || eligible(facts, profile) == Eligibility.Scope.NONE) {
            return Evaluation.NONE;
        }
        Assessment assessment = Assessment.of(facts, profile, presentation);
        // The same gates as the chart's cards: the reminder of a past RPL is no advice on an order.
        Eligibility.Scope scope = Eligibility.of(assessment);
        // What the chart's rules would suggest, every one on: a mode hides a card, not an indication.
        Assessment ordering = assessment.ordering(
                unsuggested(drafts, findings(assessment, RuleModes.ALL_ON).findings()));
        List<Finding> spoken = new ArrayList<>();
        for (OrderAdvice advice : orderAdvice) {
            Assessment judged = advice.judgesSuggestedDrafts() ? assessment.ordering(drafts) : ordering;
            if (scope.admits(advice.id())
                    && modes.of(advice.id()) != RuleModes.Mode.OFF
                    && !advice.candidates(judged.drafts().orElseThrow()).isEmpty()) {
                advice.evaluate(judged).ifPresent(spoken::add);
            }
        }
        return Evaluation.of(spoken, modes);
    }

    /** The recommendations of the chart's cards by id, in rule order, each with its title. */
    public Map<String, String> titles() {
        Map<String, String> titles = new LinkedHashMap<>();
        catalogue.forEach(r -> titles.put(r.id(), r instanceof Rule rule ? rule.title() : r.id()));
        return titles;
    }

    /** The ids of the advice while orders are written, in rule order. */
    public List<String> orderAdviceIds() {
        return orderAdvice.stream().map(OrderAdvice::id).distinct().toList();
    }

    /** Every recommendation's id, in rule order: those of the chart, then any of order advice alone. */
    public Set<String> ids() {
        Set<String> ids = new LinkedHashSet<>(titles().keySet());
        ids.addAll(orderAdviceIds());
        return ids;
    }

    /** The drafts that none of the cards suggests: a suggestion's code is on none of their codings. */
    static DraftOrders unsuggested(DraftOrders drafts, List<Finding> cards) {
        Set<String> suggested = new HashSet<>();
        cards.stream()
                .flatMap(finding -> finding.actions().stream())
                .flatMap(action -> Stream.concat(Stream.of(action), action.with().stream()))
                .filter(action -> action.kind() != ProposedAction.Kind.REMOVE)
                .flatMap(action -> action.concept().stream())
                .filter(concept -> concept.code() != null)
                .forEach(concept -> suggested.add(concept.system() + "|" + concept.code()));
        return drafts.without(draft -> draft.codings().stream().anyMatch(suggested::contains));
    }

    /**
     * The gates that need no derived facts (death, age, sex, the end of reproduction), read before
     * any is computed; {@link Eligibility} holds them all.
     */
    static Eligibility.Scope eligible(PatientFacts facts, GuidelineProfile profile) {
        return Eligibility.of(facts, profile.thresholds());
    }
}
