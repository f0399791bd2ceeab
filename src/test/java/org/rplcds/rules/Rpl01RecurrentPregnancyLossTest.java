package org.rplcds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.rules.RuleSpec.given;
import static org.rplcds.support.Fhir.ICD10CM;
import static org.rplcds.support.Fhir.SNOMED;
import static org.rplcds.support.Fhir.activeCondition;
import static org.rplcds.support.Fhir.condition;
import static org.rplcds.support.Fhir.woman;

import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rplcds.support.Fhir;
import org.rplcds.support.Profiles;

@DisplayName("RPL-01 recurrent pregnancy loss identified")
class Rpl01RecurrentPregnancyLossTest {

    final Recommendation rule = new Rpl01RecurrentPregnancyLoss();

    static IBaseResource loss(String id, String date) {
        return condition(id, "p1", SNOMED, "19169002", date);
    }

    @Nested
    @DisplayName("under ESHRE 2022 (two losses, not necessarily consecutive)")
    class UnderEshre {

        @Test
        @DisplayName("Should not fire for one loss")
        void oneLossIsOut() {
            assertThat(given(woman("p1", "1990-01-01"), loss("a", "2023-01-01"))
                            .under(Profiles.ESHRE2022)
                            .when(rule)
                            .findings())
                    .isEmpty();
        }

        @Test
        @DisplayName("Should fire for two losses separated by a live birth")
        void twoLossesAreIn() {
            List<Finding> findings = given(
                            woman("p1", "1990-01-01"),
                            loss("a", "2021-01-01"),
                            condition("b", "p1", ICD10CM, "Z37.0", "2022-01-01"),
                            loss("c", "2023-01-01"))
                    .under(Profiles.ESHRE2022)
                    .when(rule)
                    .findings();

            assertThat(findings).singleElement().satisfies(finding -> {
                assertThat(finding.ruleId()).isEqualTo("RPL-01");
                assertThat(finding.indicator()).isEqualTo(Indicator.INFO);
                assertThat(finding.summary()).contains("2 losses").contains("(ESHRE 2022 definition)");
                assertThat(finding.source()).isEqualTo(Citation.ESHRE_2022);
                assertThat(finding.actions()).singleElement().satisfies(action -> assertThat(
                                action.concept().orElseThrow().code())
                        .isEqualTo("N96"));
            });
        }
    }

    @Nested
    @DisplayName("under the source text (three consecutive losses)")
    class UnderSource {

        @Test
        @DisplayName("Should not fire for three losses broken by a live birth")
        void threeNonConsecutiveAreOut() {
            assertThat(given(
                                    woman("p1", "1990-01-01"),
                                    loss("a", "2019-01-01"),
                                    loss("b", "2020-01-01"),
                                    condition("birth", "p1", ICD10CM, "Z37.0", "2021-01-01"),
                                    loss("c", "2022-01-01"))
                            .under(Profiles.SOURCE)
                            .when(rule)
                            .findings())
                    .isEmpty();
        }

        @Test
        @DisplayName("Should fire for three consecutive losses")
        void threeConsecutiveAreIn() {
            assertThat(given(
                                    woman("p1", "1990-01-01"),
                                    loss("a", "2019-01-01"),
                                    loss("b", "2020-01-01"),
                                    loss("c", "2022-01-01"))
                            .under(Profiles.SOURCE)
                            .when(rule)
                            .findings())
                    .singleElement()
                    .satisfies(f -> assertThat(f.summary()).startsWith("Recurrent pregnancy loss: 3 losses"));
        }

        @Test
        @DisplayName("Should cite the source text's definition, in the detail's Sources line too")
        void sourcesAreTheSourceText() {
            // given
            var chart = given(
                            woman("p1", "1990-01-01"),
                            loss("a", "2019-01-01"),
                            loss("b", "2020-01-01"),
                            loss("c", "2022-01-01"))
                    .under(Profiles.SOURCE);

            // when
            List<Finding> findings = chart.when(rule).findings();

            // then
            assertThat(findings).singleElement().satisfies(f -> {
                assertThat(f.source()).isEqualTo(Profiles.SOURCE.definition());
                assertThat(f.detail().blocks())
                        .last()
                        .isEqualTo(
                                new Detail.Sources(Profiles.SOURCE.definition().label()));
            });
        }

        @Test
        @DisplayName("Should fire as a possible RPL when the order of three losses is unknown")
        void unknownOrderIsPossible() {
            assertThat(given(
                                    woman("p1", "1990-01-01"),
                                    loss("a", "2019-01-01"),
                                    Fhir.count("n", "p1", "11614-5", 3, "2024-01-01"))
                            .under(Profiles.SOURCE)
                            .when(rule)
                            .findings())
                    .singleElement()
                    .satisfies(f -> assertThat(f.summary()).startsWith("Possible recurrent pregnancy loss"));
        }
    }

    @Test
    @DisplayName("Should not suggest the problem again when RPL is already diagnosed")
    void noSuggestionWhenAsserted() {
        List<Finding> findings = given(
                        woman("p1", "1990-01-01"), activeCondition("d", "p1", ICD10CM, "N96", "2024-01-01"))
                .under(Profiles.ESHRE2022)
                .when(rule)
                .findings();

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.actions()).isEmpty();
            assertThat(f.summary()).contains("unknown losses");
        });
    }

    @Test
    @DisplayName("Should suggest O26.21 in the first trimester, and give no card from 14+0 weeks")
    void suggestsPregnancyCodeByTrimester() {
        // EDD 2025-12-14 puts 2025-06-01 at 280 - 196 = 84 days: 12+0 weeks; EDD 2025-11-16 at 16+0.
        List<Finding> first = pregnantWithDueDate("2025-12-14");
        List<Finding> second = pregnantWithDueDate("2025-11-16");

        assertThat(first).singleElement().satisfies(f -> assertThat(
                        f.actions().get(0).concept().orElseThrow().code())
                .isEqualTo("O26.21"));
        assertThat(second).isEmpty();
    }

    List<Finding> pregnantWithDueDate(String due) {
        return given(
                        woman("p1", "1990-01-01"),
                        loss("a", "2022-01-01"),
                        loss("b", "2023-01-01"),
                        activeCondition("preg", "p1", SNOMED, "77386006", "2025-04-01"),
                        Fhir.dated("edd", "p1", "11778-8", due, "2025-04-20"))
                .under(Profiles.ESHRE2022)
                .when(rule)
                .findings();
    }
}
