package org.rplcds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.rules.EvaluationCardTest.twoLosses;
import static org.rplcds.rules.EvaluationCardTest.workUpDone;
import static org.rplcds.rules.RuleSpec.given;
import static org.rplcds.rules.RuleSpec.markdown;
import static org.rplcds.support.Fhir.ICD10CM;
import static org.rplcds.support.Fhir.activeCondition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rplcds.facts.PatientFacts;
import org.rplcds.support.Profiles;

@DisplayName("Recommendations on, silent or off")
class RuleModesTest {

    static RuleModes modes(String ruleId, RuleModes.Mode mode) {
        return new RuleModes(Map.of(ruleId, mode));
    }

    /** Two losses under ESHRE 2022, nothing of the work-up done: the evaluation card holds every part. */
    static PatientFacts rpl() {
        return given(twoLosses()).facts();
    }

    static Recommendations.Evaluation evaluated(PatientFacts facts, RuleModes modes) {
        return Recommendations.all().evaluate(facts, Profiles.ESHRE2022, modes);
    }

    @Test
    @DisplayName("Should not evaluate a recommendation that is off, and evaluate one that is silent once")
    void offIsNotEvaluated() {
        // given a recommendation that counts its evaluations
        AtomicInteger evaluations = new AtomicInteger();
        Recommendation counted = new Recommendation() {
            @Override
            public String id() {
                return "RPL-16";
            }

            @Override
            public Optional<Finding> evaluate(Assessment assessment) {
                evaluations.incrementAndGet();
                return Optional.empty();
            }
        };
        Recommendations catalogue = new Recommendations(List.of(counted), List.of(), Presentation.DEFAULT);

        // when
        catalogue.evaluate(rpl(), Profiles.ESHRE2022, modes("RPL-16", RuleModes.Mode.OFF));
        int whenOff = evaluations.get();
        catalogue.evaluate(rpl(), Profiles.ESHRE2022, modes("RPL-16", RuleModes.Mode.SILENT));

        // then
        assertThat(whenOff).isZero();
        assertThat(evaluations.get()).isEqualTo(1);
    }

    @Test
    @DisplayName("Should give the same cards as before with every recommendation on")
    void allOnChangesNothing() {
        // when
        Recommendations.Evaluation evaluation = evaluated(rpl(), RuleModes.ALL_ON);

        // then
        assertThat(evaluation.findings()).isEqualTo(Recommendations.all().evaluate(rpl(), Profiles.ESHRE2022));
        assertThat(evaluation.silent()).isEmpty();
    }

    @Nested
    @DisplayName("a part of the evaluation card")
    class APartOfTheEvaluationCard {

        @Test
        @DisplayName(
                "Should leave a part that is off out of the card: its line, its name in the summary, its suggestions")
        void offPartLeftOut() {
            // given
            Finding whole = evaluated(rpl(), RuleModes.ALL_ON).findings().get(0);

            // when
            Recommendations.Evaluation evaluation = evaluated(rpl(), modes("RPL-03", RuleModes.Mode.OFF));

            // then
            assertThat(whole.rules()).contains("RPL-03");
            assertThat(markdown(whole)).contains("Thyroid: TSH and TPO antibodies");
            assertThat(evaluation.findings()).extracting(Finding::ruleId).containsExactly("RPL-01");
            Finding card = evaluation.findings().get(0);
            assertThat(card.rules()).containsExactly("RPL-01", "RPL-02", "RPL-05", "RPL-08");
            assertThat(card.summary())
                    .isEqualTo("Recurrent pregnancy loss: 2 losses (ESHRE 2022). Still to do: aPL tests, uterine"
                            + " imaging.");
            assertThat(markdown(card)).doesNotContain("Thyroid: TSH and TPO antibodies");
            assertThat(card.actions())
                    .hasSizeLessThan(whole.actions().size())
                    .allSatisfy(action -> assertThat(whole.actions()).contains(action));
            assertThat(evaluation.silent()).isEmpty();
        }

        @Test
        @DisplayName("Should leave a silent part out of the card as an off one, and keep its finding apart")
        void silentPartKeptApart() {
            // when
            Recommendations.Evaluation off = evaluated(rpl(), modes("RPL-03", RuleModes.Mode.OFF));
            Recommendations.Evaluation silent = evaluated(rpl(), modes("RPL-03", RuleModes.Mode.SILENT));

            // then
            assertThat(silent.findings()).isEqualTo(off.findings());
            assertThat(silent.silent()).extracting(Finding::ruleId).containsExactly("RPL-03");
        }

        @Test
        @DisplayName("Should give no evaluation card when the part left out was all there was to do on a listed RPL")
        void standsBackWhenNothingIsLeftToDo() {
            // given RPL on the problem list and the work-up done but for the thyroid tests
            List<IBaseResource> record = twoLosses(activeCondition("rpl", "p1", ICD10CM, "N96", "2024-06-01"));
            Arrays.stream(workUpDone())
                    .filter(r ->
                            !List.of("tsh", "tpo").contains(r.getIdElement().getIdPart()))
                    .forEach(record::add);
            PatientFacts facts = given(record).facts();

            // when
            List<Finding> on = evaluated(facts, RuleModes.ALL_ON).findings();
            List<Finding> off =
                    evaluated(facts, modes("RPL-03", RuleModes.Mode.OFF)).findings();

            // then
            assertThat(on).extracting(Finding::ruleId).contains("RPL-01");
            assertThat(off).extracting(Finding::ruleId).doesNotContain("RPL-01", "RPL-02", "RPL-03");
        }
    }

    @Nested
    @DisplayName("RPL-01, whose card is the evaluation card")
    class TheEvaluationCardsOwnRule {

        @Test
        @DisplayName("Should give no evaluation card when RPL-01 is silent: the parts that are on give their own")
        void partsSpeakAlone() {
            // when
            Recommendations.Evaluation evaluation = evaluated(rpl(), modes("RPL-01", RuleModes.Mode.SILENT));

            // then
            assertThat(evaluation.findings())
                    .extracting(Finding::ruleId)
                    .containsSubsequence("RPL-02", "RPL-03", "RPL-05", "RPL-08")
                    .doesNotContain("RPL-01");
            assertThat(evaluation.findings())
                    .allSatisfy(f -> assertThat(f.rules()).containsExactly(f.ruleId()));
            assertThat(evaluation.silent()).extracting(Finding::ruleId).containsExactly("RPL-01");
        }
    }

    @Test
    @DisplayName("Should narrow a site's modes for one call, never widen them")
    void callNarrows() {
        // given
        RuleModes site = new RuleModes(Map.of("RPL-16", RuleModes.Mode.SILENT));

        // when
        RuleModes call = site.off(new ArrayList<>(List.of("RPL-20")));

        // then
        assertThat(call.of("RPL-20")).isEqualTo(RuleModes.Mode.OFF);
        assertThat(call.of("RPL-16")).isEqualTo(RuleModes.Mode.SILENT);
        assertThat(call.of("RPL-01")).isEqualTo(RuleModes.Mode.ON);
        assertThat(site.of("RPL-20")).isEqualTo(RuleModes.Mode.ON);
        assertThat(call.notOn())
                .containsExactly(Map.entry("RPL-16", RuleModes.Mode.SILENT), Map.entry("RPL-20", RuleModes.Mode.OFF));
    }
}
