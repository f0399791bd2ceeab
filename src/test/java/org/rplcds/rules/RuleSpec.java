package org.rplcds.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.rplcds.cards.DetailMarkdown;
import org.rplcds.facts.DraftOrderReader;
import org.rplcds.facts.DraftOrders;
import org.rplcds.facts.PatientFacts;
import org.rplcds.support.Fhir;
import org.rplcds.support.FhirOrders;
import org.rplcds.support.Profiles;
import org.rplcds.support.Records;

/**
 * The given / when / then of every recommendation spec: a record read the way the service reads
 * it, under a profile (ESHRE 2022 unless named), assessed once, then one rule.
 *
 * <pre>{@code
 * given(woman, loss, loss).under(Profiles.SOURCE).when(rule).card()
 * given(woman, loss, loss).whenOrdering(rule, nkCellDraft).card()
 * }</pre>
 */
final class RuleSpec {

    private RuleSpec() {}

    /** A card's detail as the clinician reads it. */
    static String markdown(Finding finding) {
        return DetailMarkdown.render(finding.detail());
    }

    static Given given(IBaseResource... resources) {
        return new Given(List.of(resources), Profiles.ESHRE2022, Presentation.DEFAULT);
    }

    static Given given(List<? extends IBaseResource> resources) {
        return new Given(List.copyOf(resources), Profiles.ESHRE2022, Presentation.DEFAULT);
    }

    /**
     * Recurrent pregnancy loss under ESHRE 2022: patient p1, born 1990, two first-trimester
     * miscarriages (January 2023 and January 2024), not pregnant; then the resources given.
     */
    static Given givenRpl(IBaseResource... more) {
        return given(
                        Fhir.woman("p1", "1990-01-01"),
                        Fhir.condition("a", "p1", Fhir.SNOMED, "19169002", "2023-01-01"),
                        Fhir.condition("b", "p1", Fhir.SNOMED, "19169002", "2024-01-01"))
                .and(more);
    }

    /** Patient p1, born 1990, after one first-trimester miscarriage (April 2024), not pregnant: no RPL. */
    static Given givenOneLoss(IBaseResource... more) {
        return given(
                        Fhir.woman("p1", "1990-01-01"),
                        Fhir.condition("loss-1", "p1", Fhir.SNOMED, "19169002", "2024-04-01"))
                .and(more);
    }

    /** Patient p1, born 1990, pregnant since the date given, with no due date or gestational age on record. */
    static Given givenPregnantWithoutAge(String since, IBaseResource... more) {
        return given(
                        Fhir.woman("p1", "1990-01-01"),
                        Fhir.activeCondition("pregnancy", "p1", Fhir.SNOMED, "77386006", since))
                .and(more);
    }

    /** Patient p1, born 1990, pregnant at weeks+days without an earlier loss; then the resources given. */
    static Given givenPregnantAt(int weeks, int days, IBaseResource... more) {
        List<IBaseResource> resources = new ArrayList<>(List.of(Fhir.woman("p1", "1990-01-01")));
        resources.addAll(FhirOrders.pregnantAt("p1", weeks, days));
        return given(resources).and(more);
    }

    /**
     * The one card, checked for what the clinician reads first: the rule that gave it, its
     * indicator and its summary.
     */
    static Finding headline(List<Finding> findings, String ruleId, Indicator indicator, String summary) {
        assertThat(findings).as("the rule's card").hasSize(1);
        Finding card = findings.get(0);
        assertThat(card.ruleId()).isEqualTo(ruleId);
        assertThat(card.indicator()).isEqualTo(indicator);
        assertThat(card.summary()).isEqualTo(summary);
        return card;
    }

    /** The codes a card suggests, in its order. */
    static List<String> codes(Finding finding) {
        return finding.actions().stream()
                .map(a -> a.concept().orElseThrow().code())
                .toList();
    }

    /** The record, the profile and how the cards speak. */
    record Given(List<IBaseResource> resources, GuidelineProfile profile, Presentation presentation) {

        Given and(IBaseResource... more) {
            List<IBaseResource> all = new ArrayList<>(resources);
            all.addAll(List.of(more));
            return new Given(all, profile, presentation);
        }

        Given under(GuidelineProfile other) {
            return new Given(resources, other, presentation);
        }

        /** Each rule on a card of its own ({@code cds.ui.aggregate-workup=false}). */
        Given separately() {
            return new Given(resources, profile, presentation.withAggregateWorkup(false));
        }

        /** The cards in the site's units ({@code cds.ui.units}). */
        Given in(Presentation.UnitSystem units) {
            return new Given(resources, profile, presentation.withUnits(units));
        }

        PatientFacts facts() {
            return Records.facts(profile.lossCounting(), resources.toArray(IBaseResource[]::new));
        }

        Assessment assessment() {
            return Assessment.of(facts(), profile, presentation);
        }

        Then when(Recommendation rule) {
            return new Then(rule.evaluate(assessment()).stream().toList());
        }

        /**
         * The RPL evaluation card: the whole catalogue run as on {@code patient-view}, the work-up
         * aggregated, and the card holding RPL-01's advice kept (RPL-21's when the RPL is unexplained).
         */
        Then whenEvaluated() {
            return new Then(
                    Recommendations.all(presentation.withAggregateWorkup(true)).evaluate(facts(), profile).stream()
                            .filter(f -> f.rules().contains(EvaluationCard.RECOGNITION))
                            .toList());
        }

        /**
         * While the drafts are signed: read as {@code order-sign} reads them, the whole catalogue
         * run as it runs there, and the advice's findings kept.
         */
        Then whenOrdering(OrderAdvice rule, IBaseResource... drafts) {
            DraftOrders orders = new DraftOrderReader(Records.TERMINOLOGY).read(List.of(drafts), Optional.empty());
            return new Then(Recommendations.all().evaluateOrders(facts(), orders, profile).stream()
                    .filter(f -> f.ruleId().equals(rule.id()))
                    .toList());
        }

        /** Every card while the drafts are signed. */
        List<Finding> ordering(IBaseResource... drafts) {
            DraftOrders orders = new DraftOrderReader(Records.TERMINOLOGY).read(List.of(drafts), Optional.empty());
            return Recommendations.all().evaluateOrders(facts(), orders, profile);
        }
    }

    /** What the rule concluded: no card, or one. */
    record Then(List<Finding> findings) {

        Finding card() {
            assertThat(findings).as("the rule's card").hasSize(1);
            return findings.get(0);
        }

        void noCard() {
            assertThat(findings).as("the rule's card").isEmpty();
        }
    }
}
