package org.rplcds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.rules.RuleSpec.given;
import static org.rplcds.rules.RuleSpec.markdown;
import static org.rplcds.support.Fhir.ICD10CM;
import static org.rplcds.support.Fhir.SNOMED;
import static org.rplcds.support.Fhir.activeCondition;
import static org.rplcds.support.Fhir.condition;
import static org.rplcds.support.Fhir.quantity;
import static org.rplcds.support.Fhir.woman;

import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rplcds.facts.Evidence;
import org.rplcds.rules.derived.Fact;
import org.rplcds.rules.derived.Thyroid;
import org.rplcds.support.Fhir;
import org.rplcds.support.FhirOrders;
import org.rplcds.support.Profiles;

@DisplayName("The assessment: the derived facts, once per call")
class AssessmentTest {

    static final IBaseResource WOMAN = woman("p1", "1990-01-01");
    static final IBaseResource LOSS_2023 = condition("a", "p1", SNOMED, "19169002", "2023-01-01");
    static final IBaseResource LOSS_2024 = condition("b", "p1", SNOMED, "19169002", "2024-01-01");

    /** Pregnant at 9+0 weeks on 2025-06-01: this pregnancy began on 2025-03-30. */
    static final List<IBaseResource> PREGNANT =
            List.of(activeCondition("preg", "p1", SNOMED, "77386006", "2025-04-20"), Fhir.dueDateFor("edd", "p1", 63));

    static IBaseResource tsh(String value, String date) {
        return quantity("tsh", "p1", "3016-3", value, "m[IU]/L", date);
    }

    static IBaseResource tpo(String date) {
        return quantity("tpo", "p1", "8099-4", "12", "[IU]/mL", date);
    }

    static List<String> references(Fact fact) {
        return fact.evidence().stream().map(Evidence::reference).toList();
    }

    @Nested
    @DisplayName("rplIdentified")
    class RplIdentified {

        @Test
        @DisplayName("Should hold for two losses under ESHRE 2022, resting on both")
        void twoLossesUnderEshre() {
            // given two miscarriages
            // when
            Assessment assessment = given(WOMAN, LOSS_2023, LOSS_2024).assessment();

            // then
            assertThat(assessment.derived().rplIdentified().holds()).isTrue();
            assertThat(references(assessment.derived().rplIdentified())).containsExactly("Condition/a", "Condition/b");
        }

        @Test
        @DisplayName("Should not hold for the same two losses under the source text")
        void twoLossesUnderSource() {
            Assessment assessment =
                    given(WOMAN, LOSS_2023, LOSS_2024).under(Profiles.SOURCE).assessment();

            assertThat(assessment.derived().rplIdentified().holds()).isFalse();
            assertThat(assessment.derived().rplIdentified().evidence()).isEmpty();
        }

        @Test
        @DisplayName("Should hold on a recorded RPL diagnosis, resting on it")
        void recordedDiagnosis() {
            Assessment assessment = given(WOMAN, condition("rpl", "p1", ICD10CM, "N96", "2024-02-01"))
                    .assessment();

            assertThat(references(assessment.derived().rplIdentified())).containsExactly("Condition/rpl");
        }
    }

    @Nested
    @DisplayName("thyroidTested and the one recent TSH")
    class ThyroidTested {

        @Test
        @DisplayName("Should count a TSH taken exactly 12 months ago outside pregnancy")
        void twelveMonthsAgo() {
            Assessment assessment =
                    given(WOMAN, tsh("1.8", "2024-06-01"), tpo("2020-01-01")).assessment();

            assertThat(assessment.derived().thyroidTested().holds()).isTrue();
            assertThat(references(assessment.derived().thyroidTested()))
                    .containsExactly("Observation/tsh", "Observation/tpo");
        }

        @Test
        @DisplayName("Should not count a TSH one day older than 12 months")
        void olderThanTwelveMonths() {
            Assessment assessment =
                    given(WOMAN, tsh("1.8", "2024-05-31"), tpo("2020-01-01")).assessment();

            assertThat(assessment.derived().thyroidTested().holds()).isFalse();
            assertThat(assessment.derived().thyroid().staleTsh()).isPresent();
        }

        @Test
        @DisplayName("Should count a TSH taken on the first day of this pregnancy")
        void firstDayOfPregnancy() {
            Assessment assessment = given(PREGNANT)
                    .and(WOMAN, tsh("1.8", "2025-03-30"), tpo("2020-01-01"))
                    .assessment();

            assertThat(assessment.derived().thyroidTested().holds()).isTrue();
        }

        @Test
        @DisplayName("Should not count a TSH taken the day before this pregnancy began")
        void dayBeforePregnancy() {
            Assessment assessment = given(PREGNANT)
                    .and(WOMAN, tsh("1.8", "2025-03-29"), tpo("2020-01-01"))
                    .assessment();

            assertThat(assessment.derived().thyroidTested().holds()).isFalse();
        }

        @Test
        @DisplayName("Should not count a TSH eight months old that predates this pregnancy")
        void beforeThisPregnancy() {
            Assessment assessment = given(PREGNANT)
                    .and(WOMAN, tsh("1.8", "2024-10-01"), tpo("2020-01-01"))
                    .assessment();

            assertThat(assessment.derived().thyroidTested().holds()).isFalse();
        }

        @Test
        @DisplayName("Should read an old abnormal TSH as stale, never as hypothyroidism")
        void oldAbnormalIsStale() {
            // given TSH 6.0 mIU/L eight months ago, before this pregnancy
            // when
            Thyroid thyroid = given(PREGNANT)
                    .and(WOMAN, tsh("6.0", "2024-10-01"))
                    .assessment()
                    .derived()
                    .thyroid();

            // then
            assertThat(thyroid.category()).isEqualTo(Thyroid.Category.NONE);
            assertThat(thyroid.staleCategory()).isEqualTo(Thyroid.Category.SUBCLINICAL);
            assertThat(thyroid.staleAbnormal()).isTrue();
        }
    }

    @Nested
    @DisplayName("RPL-03 and RPL-04 on one assessment")
    class OneDefinition {

        @Test
        @DisplayName(
                "Should ask for a TSH and not start levothyroxine for a pregnant woman with TSH 6.0 eight months ago")
        void noContradiction() {
            // given two losses, pregnant, TSH 6.0 mIU/L eight months ago
            RuleSpec.Given record = given(PREGNANT).and(WOMAN, LOSS_2023, LOSS_2024, tsh("6.0", "2024-10-01"));

            // when
            RuleSpec.Then workUp = record.when(new Rpl03ThyroidWorkUp());
            RuleSpec.Then treatment = record.when(new Rpl04ThyroidTreatment());

            // then
            assertThat(markdown(workUp.card())).contains("TSH 6.0 mIU/L on 2024-10-01, before this pregnancy: repeat.");
            treatment.noCard();
        }
    }

    @Nested
    @DisplayName("aplTested and apsConfirmed")
    class Antiphospholipid {

        @Test
        @DisplayName("Should hold aplTested only with lupus anticoagulant and both anticardiolipin isotypes")
        void aplTested() {
            IBaseResource la = FhirOrders.coded("la", "p1", "15191-0", SNOMED, "260385009", "2025-01-10");
            IBaseResource igg = quantity("igg", "p1", "3181-5", "5", "[GPL'U]/mL", "2025-01-10");
            IBaseResource igm = quantity("igm", "p1", "3182-3", "5", "[MPL'U]/mL", "2025-01-10");

            assertThat(given(WOMAN, la, igg).assessment().derived().aplTested().holds())
                    .isFalse();
            assertThat(references(
                            given(WOMAN, la, igg, igm).assessment().derived().aplTested()))
                    .containsExactlyInAnyOrder("Observation/la", "Observation/igg", "Observation/igm");
        }

        @Test
        @DisplayName("Should confirm APS on the same antibody positive twice 12 weeks apart, resting on both")
        void persistentPositive() {
            IBaseResource first = quantity("acl1", "p1", "3181-5", "41", "[GPL'U]/mL", "2025-01-01");
            IBaseResource twelveWeeksLater = quantity("acl2", "p1", "3181-5", "45", "[GPL'U]/mL", "2025-03-26");
            IBaseResource oneDayShort = quantity("acl2", "p1", "3181-5", "45", "[GPL'U]/mL", "2025-03-25");

            assertThat(references(given(WOMAN, first, twelveWeeksLater)
                            .assessment()
                            .derived()
                            .apsConfirmed()))
                    .containsExactlyInAnyOrder("Observation/acl1", "Observation/acl2");
            assertThat(given(WOMAN, first, oneDayShort)
                            .assessment()
                            .derived()
                            .apsConfirmed()
                            .holds())
                    .isFalse();
        }
    }

    @Nested
    @DisplayName("tests shown done by a report alone")
    class Reports {

        @Test
        @DisplayName("Should count a final karyotype report as a karyotype done, resting on the report")
        void karyotypeReport() {
            // given
            var given = given(
                    WOMAN,
                    LOSS_2023,
                    LOSS_2024,
                    Fhir.report("kr", "p1", "29770-5", DiagnosticReport.DiagnosticReportStatus.FINAL, "2024-05-01"));

            // when
            Assessment assessment = given.assessment();

            // then
            assertThat(assessment.derived().karyotypeDone().holds()).isTrue();
            assertThat(references(assessment.derived().karyotypeDone())).containsExactly("DiagnosticReport/kr");
        }

        @Test
        @DisplayName("Should count an amended HSG report as a uterine assessment, resting on the report")
        void hsgReport() {
            // given
            var given = given(
                    WOMAN,
                    LOSS_2023,
                    LOSS_2024,
                    Fhir.report("hsg", "p1", "25022-5", DiagnosticReport.DiagnosticReportStatus.AMENDED, "2024-05-01"));

            // when
            Assessment assessment = given.assessment();

            // then
            assertThat(assessment.derived().uterusAssessed().holds()).isTrue();
            assertThat(references(assessment.derived().uterusAssessed())).containsExactly("DiagnosticReport/hsg");
        }

        @Test
        @DisplayName("Should not count a preliminary karyotype or HSG report")
        void preliminaryReports() {
            // given
            var given = given(
                    WOMAN,
                    LOSS_2023,
                    LOSS_2024,
                    Fhir.report(
                            "kr", "p1", "29770-5", DiagnosticReport.DiagnosticReportStatus.PRELIMINARY, "2024-05-01"),
                    Fhir.report(
                            "hsg", "p1", "25022-5", DiagnosticReport.DiagnosticReportStatus.PRELIMINARY, "2024-05-01"));

            // when
            Assessment assessment = given.assessment();

            // then
            assertThat(assessment.derived().karyotypeDone().holds()).isFalse();
            assertThat(assessment.derived().uterusAssessed().holds()).isFalse();
        }
    }

    @Nested
    @DisplayName("causeIdentified and workupComplete")
    class Evaluation {

        @Test
        @DisplayName("Should see a uterine septum as a cause, resting on the diagnosis")
        void septumIsACause() {
            Assessment assessment = given(
                            WOMAN, LOSS_2023, LOSS_2024, condition("sept", "p1", ICD10CM, "Q51.21", "2024-03-01"))
                    .assessment();

            assertThat(references(assessment.derived().causeIdentified())).containsExactly("Condition/sept");
            assertThat(assessment.derived().unexplained()).isFalse();
        }

        @Test
        @DisplayName("Should not need a karyotype under ESHRE 2022's selective policy, and need one under ASRM 2012")
        void karyotypeByPolicy() {
            RuleSpec.Given evaluated = given(
                    WOMAN,
                    LOSS_2023,
                    LOSS_2024,
                    tsh("1.8", "2025-01-10"),
                    tpo("2025-01-10"),
                    FhirOrders.coded("la", "p1", "15191-0", SNOMED, "260385009", "2025-01-10"),
                    quantity("igg", "p1", "3181-5", "5", "[GPL'U]/mL", "2025-01-10"),
                    quantity("igm", "p1", "3182-3", "5", "[MPL'U]/mL", "2025-01-10"),
                    FhirOrders.text("hsg", "p1", "25022-5", "Normal uterine cavity", "2024-06-01"));

            assertThat(evaluated.assessment().derived().workupComplete().holds())
                    .isTrue();
            assertThat(evaluated.assessment().derived().unexplained()).isTrue();
            assertThat(evaluated
                            .under(Profiles.ASRM2012)
                            .assessment()
                            .derived()
                            .workupComplete()
                            .holds())
                    .isFalse();
        }
    }
}
