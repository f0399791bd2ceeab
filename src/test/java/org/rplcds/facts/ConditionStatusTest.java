package org.rplcds.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.support.Fhir.SNOMED;
import static org.rplcds.support.Fhir.activeCondition;
import static org.rplcds.support.Fhir.condition;

import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** FHIR R4 con-3: only problem-list items must carry a clinicalStatus; encounter diagnoses may not. */
@DisplayName("Conditions without a clinical status")
class ConditionStatusTest {

    private static final String NOTE = " (status not recorded: read as current)";

    /** An encounter diagnosis as athenahealth sends it: coded and dated, with no clinicalStatus. */
    static Condition withoutStatus(String id, String code) {
        Condition condition = condition(id, "p1", SNOMED, code, "2025-03-01");
        condition.setClinicalStatus(null);
        return condition;
    }

    static Condition abated(Condition condition) {
        condition.setAbatement(new DateTimeType("2025-04-01"));
        return condition;
    }

    @Nested
    @DisplayName("as a diagnosis")
    class AsADiagnosis {

        @Test
        @DisplayName("Should read a diagnosis with no status and no abatement as active, saying so")
        void noStatusNoAbatementIsActive() {
            Chart chart = ChartTest.chart(withoutStatus("dm", "44054006"));

            assertThat(chart.hasActiveProblem(ProblemKind.DIABETES)).isTrue();
            assertThat(chart.problems(ProblemKind.DIABETES)).singleElement().satisfies(problem -> {
                assertThat(problem.statusAssumed()).isTrue();
                assertThat(problem.evidence().description()).endsWith(NOTE);
            });
        }

        @Test
        @DisplayName("Should read a diagnosis with no status but an abatement as not active")
        void noStatusWithAbatementIsNotActive() {
            Chart chart = ChartTest.chart(abated(withoutStatus("dm", "44054006")));

            assertThat(chart.hasActiveProblem(ProblemKind.DIABETES)).isFalse();
            assertThat(chart.problems(ProblemKind.DIABETES)).singleElement().satisfies(problem -> {
                assertThat(problem.statusAssumed()).isFalse();
                assertThat(problem.evidence().description()).doesNotContain(NOTE);
            });
        }

        @Test
        @DisplayName(
                "Should read a diagnosis with no status as not active when a later record of its code says resolved")
        void laterResolutionEndsIt() {
            Chart chart = ChartTest.chart(
                    withoutStatus("dm", "44054006"), condition("dm-later", "p1", SNOMED, "44054006", "2025-05-01"));

            assertThat(chart.hasActiveProblem(ProblemKind.DIABETES)).isFalse();
            assertThat(chart.problems(ProblemKind.DIABETES))
                    .allSatisfy(problem -> assertThat(problem.statusAssumed()).isFalse());
        }

        @Test
        @DisplayName("Should still read it as current when the resolved record of its code came before it")
        void earlierResolutionDoesNot() {
            Chart chart = ChartTest.chart(
                    withoutStatus("dm", "44054006"), condition("dm-before", "p1", SNOMED, "44054006", "2024-01-01"));

            assertThat(chart.hasActiveProblem(ProblemKind.DIABETES)).isTrue();
        }

        @Test
        @DisplayName("Should read a recorded status as it says: resolved is not active, active is")
        void recordedStatusIsRead() {
            Chart resolved = ChartTest.chart(condition("dm", "p1", SNOMED, "44054006", "2025-03-01"));
            Chart active = ChartTest.chart(activeCondition("dm", "p1", SNOMED, "44054006", "2025-03-01"));

            assertThat(resolved.hasActiveProblem(ProblemKind.DIABETES)).isFalse();
            assertThat(active.hasActiveProblem(ProblemKind.DIABETES)).isTrue();
            assertThat(active.problems(ProblemKind.DIABETES))
                    .singleElement()
                    .satisfies(problem -> assertThat(problem.statusAssumed()).isFalse());
        }
    }

    @Nested
    @DisplayName("as a pregnancy")
    class AsAPregnancy {

        @Test
        @DisplayName("Should read a pregnancy diagnosis with no status as an ongoing pregnancy, saying so")
        void noStatusIsPregnant() {
            Pregnancy pregnancy = PregnancyTest.pregnancy(withoutStatus("preg", "77386006"));

            assertThat(pregnancy.pregnant()).isTrue();
            assertThat(pregnancy.evidence()).singleElement().satisfies(evidence -> assertThat(evidence.description())
                    .endsWith(NOTE));
        }

        @Test
        @DisplayName("Should not read a pregnancy diagnosis with no status but an abatement as ongoing")
        void abatedIsNotPregnant() {
            assertThat(PregnancyTest.pregnancy(abated(withoutStatus("preg", "77386006")))
                            .pregnant())
                    .isFalse();
        }

        @Test
        @DisplayName("Should not read a pregnancy diagnosis with no status from more than 300 days ago as ongoing")
        void oldWithoutStatusIsNotPregnant() {
            // given: dated 2024-08-04, 301 days before the evaluation date 2025-06-01
            Condition old = withoutStatus("preg", "77386006");
            old.setOnset(new DateTimeType("2024-08-04"));

            // when, then
            assertThat(PregnancyTest.pregnancy(old).pregnant()).isFalse();
        }

        @Test
        @DisplayName("Should read a pregnancy diagnosis with no status from 300 days ago as ongoing")
        void recentWithoutStatusIsPregnant() {
            Condition recent = withoutStatus("preg", "77386006");
            recent.setOnset(new DateTimeType("2024-08-05"));

            assertThat(PregnancyTest.pregnancy(recent).pregnant()).isTrue();
        }
    }
}
