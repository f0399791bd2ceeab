package org.rplcds.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.rplcds.facts.DraftOrders;
import org.rplcds.facts.PatientFacts;

/**
 * The catalogue: runs every recommendation once behind the gates of {@link Eligibility} on {@code
 * patient-view}, and the order advice behind the same gates on {@code order-select} and {@code
 * order-sign}.
 */
public final class Recommendations {

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

    public List<Finding> evaluate(PatientFacts facts, GuidelineProfile profile) {
        if (eligible(facts, profile) == Eligibility.Scope.NONE) {
            return List.of();
        }
        // The derived facts are computed once per call; every rule reads the same assessment.
        return findings(Assessment.of(facts, profile, presentation));
    }

    /** Every recommendation the gates admit once, its card shown as the presentation says. */
    private List<Finding> findings(Assessment assessment) {
        Eligibility.Scope scope = Eligibility.of(assessment);
        if (scope == Eligibility.Scope.PAST_RPL) {
            return catalogue.stream()
                    .filter(Rpl01RecurrentPregnancyLoss.class::isInstance)
                    .map(rule -> ((Rpl01RecurrentPregnancyLoss) rule).past(assessment))
                    .toList();
        }
        List<Finding> findings = new ArrayList<>();
        for (Recommendation recommendation : catalogue) {
            if (scope.admits(recommendation.id())) {
                recommendation.evaluate(assessment).ifPresent(findings::add);
            }
        }
        findings = Anticoagulation.fold(findings);
        return presentation.aggregateWorkup() ? EvaluationCard.fold(assessment, findings, workUpParts) : findings;
    }

    /**
     * Whether any order advice speaks about these drafts while they are written: when none does, the
     * patient's record need not be read.
     */
    public boolean readsAny(DraftOrders drafts) {
        return orderAdvice.stream()
                .anyMatch(advice -> !advice.candidates(drafts).isEmpty());
    }

    /**
     * The cards while orders are written ({@code order-select}, {@code order-sign}): the order
     * advice, on the drafts. A draft that the {@code patient-view} cards suggest gets no card: the
     * clinician is already doing it (clinical rules §8.6).
     */
    public List<Finding> evaluateOrders(PatientFacts facts, DraftOrders drafts, GuidelineProfile profile) {
        if (drafts.isEmpty() || eligible(facts, profile) == Eligibility.Scope.NONE) {
            return List.of();
        }
        Assessment assessment = Assessment.of(facts, profile, presentation);
        // The same gates as the chart's cards: the reminder of a past RPL is no advice on an order.
        Eligibility.Scope scope = Eligibility.of(assessment);
        Assessment ordering = assessment.ordering(unsuggested(drafts, findings(assessment)));
        List<Finding> findings = new ArrayList<>();
        for (OrderAdvice advice : orderAdvice) {
            Assessment judged = advice.judgesSuggestedDrafts() ? assessment.ordering(drafts) : ordering;
            if (scope.admits(advice.id())
                    && !advice.candidates(judged.drafts().orElseThrow()).isEmpty()) {
                advice.evaluate(judged).ifPresent(findings::add);
            }
        }
        return findings;
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
