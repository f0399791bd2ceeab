package org.rplcds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.rules.RuleSpec.given;
import static org.rplcds.rules.RuleSpec.givenRpl;
import static org.rplcds.rules.RuleSpec.headline;
import static org.rplcds.support.Fhir.CPT;
import static org.rplcds.support.Fhir.LOINC;
import static org.rplcds.support.Fhir.SNOMED;
import static org.rplcds.support.Fhir.activeCondition;
import static org.rplcds.support.Fhir.coded;
import static org.rplcds.support.Fhir.condition;
import static org.rplcds.support.Fhir.order;
import static org.rplcds.support.Fhir.procedure;
import static org.rplcds.support.Fhir.woman;

import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Procedure.ProcedureStatus;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rplcds.support.Fhir;
import org.rplcds.support.Profiles;

@DisplayName("RPL-08 uterine assessment")
class Rpl08UterineAssessmentTest {

    static final String SUMMARY = "RPL without uterine cavity assessment. Consider 3D transvaginal ultrasound (or"
            + " sonohysterography, HSG, hysteroscopy or MRI).";
    static final String SOURCE_SUMMARY = "RPL without uterine cavity assessment. Consider HSG (or 3D transvaginal"
            + " ultrasound, sonohysterography or hysteroscopy).";

    final Recommendation rule = new Rpl08UterineAssessment();

    /** Two losses: RPL under ESHRE 2022. */
    List<Finding> withRpl(IBaseResource... more) {
        return givenRpl(more).when(rule).findings();
    }

    @Test
    @DisplayName(
            "Should suggest on its own card the preferred 3D ultrasound first, then HSG as the alternative, one of the two")
    void suggestsAssessment() {
        // given two losses, not pregnant, no imaging, each rule on its own card
        // when
        List<Finding> findings = givenRpl().separately().when(rule).findings();

        // then
        Finding f = headline(findings, "RPL-08", Indicator.INFO, SUMMARY);
        assertThat(f.actions())
                .extracting(a -> a.concept().orElseThrow().code() + " "
                        + a.concept().orElseThrow().display())
                .containsExactly(
                        "null 3D transvaginal ultrasound of the uterus",
                        "25022-5 RF Uterus and Fallopian tubes Views W contrast IU");
        assertThat(f.alternatives()).isTrue();
    }

    @Test
    @DisplayName("Should offer the evaluation card one uterine test, the profile's preferred")
    void offersThePreferredTestOnTheEvaluationCard() {
        // given two losses, not pregnant, no imaging, the work-up on one card
        // when / then
        assertThat(withRpl()).singleElement().satisfies(f -> assertThat(f.actions())
                .extracting(a -> a.concept().orElseThrow().display())
                .containsExactly("3D transvaginal ultrasound of the uterus"));
        assertThat(givenRpl().under(Profiles.ASRM2012).when(rule).findings())
                .singleElement()
                .satisfies(f -> assertThat(f.actions())
                        .extracting(a -> a.concept().orElseThrow().display())
                        .containsExactly("Sonohysterography"));
    }

    @Test
    @DisplayName("Should not fire without RPL")
    void noRpl() {
        assertThat(given(List.of(woman("p1", "1990-01-01"), condition("a", "p1", SNOMED, "19169002", "2024-01-01")))
                        .under(Profiles.ESHRE2022)
                        .when(rule)
                        .findings())
                .isEmpty();
    }

    @Nested
    @DisplayName("what counts as assessed")
    class Assessed {

        @Test
        @DisplayName("Should not fire when an HSG report is on record")
        void hsgReport() {
            assertThat(withRpl(Fhir.text("hsg", "p1", "25022-5", "Normal uterine cavity", "2024-03-01")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should not fire when an MRI of the uterus is on record")
        void mri() {
            assertThat(withRpl(Fhir.text("mri", "p1", "36542-9", "Normal uterus", "2024-03-01")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should not fire when a hysteroscopy was completed")
        void hysteroscopyDone() {
            assertThat(withRpl(procedure("h", "p1", CPT, "58555", "2024-03-01")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should fire when the hysteroscopy was not done")
        void hysteroscopyNotDone() {
            assertThat(withRpl(Fhir.status(procedure("h", "p1", CPT, "58555", "2024-03-01"), ProcedureStatus.NOTDONE)))
                    .extracting(Finding::ruleId)
                    .containsExactly("RPL-08");
        }

        @Test
        @DisplayName("Should not fire after a hysteroscopic septum resection")
        void correctiveProcedure() {
            assertThat(withRpl(procedure("r", "p1", SNOMED, "54130005", "2024-03-01")))
                    .isEmpty();
        }
    }

    @Nested
    @DisplayName("a uterine anomaly or cavity lesion on record")
    class LesionOnRecord {

        @ParameterizedTest(name = "{0} {1}")
        @CsvSource({
            "http://hl7.org/fhir/sid/icd-10-cm, Q51.21",
            "http://hl7.org/fhir/sid/icd-10-cm, Q51.3",
            "http://snomed.info/sct, 37849005",
            "http://hl7.org/fhir/sid/icd-10-cm, N85.6",
            "http://hl7.org/fhir/sid/icd-10-cm, D25.0",
            "http://snomed.info/sct, 35746009"
        })
        @DisplayName("Should stand back when the diagnosis shows the cavity was seen")
        void standsBackForALesion(String system, String code) {
            // given RPL and a uterine anomaly or cavity lesion, without imaging on record
            // when
            List<Finding> findings = withRpl(condition("lesion", "p1", system, code, "2024-03-01"));

            // then
            assertThat(findings).isEmpty();
        }

        @Test
        @DisplayName("Should leave the lesion to RPL-09, which gives its card")
        void rpl09Speaks() {
            // given RPL and a septate uterus on record
            var given = given(
                            woman("p1", "1990-01-01"),
                            condition("a", "p1", SNOMED, "19169002", "2023-01-01"),
                            condition("b", "p1", SNOMED, "19169002", "2024-01-01"),
                            activeCondition("septum", "p1", Fhir.ICD10CM, "Q51.21", "2024-03-01"))
                    .under(Profiles.ESHRE2022);

            // when
            var assessment = given.assessment();

            // then
            assertThat(assessment.derived().uterusAssessed().holds()).isTrue();
            assertThat(assessment.derived().uterusAssessed().evidence())
                    .extracting(e -> e.reference())
                    .containsExactly("Condition/septum");
            given.when(rule).noCard();
            assertThat(given.when(new Rpl09CavityLesion()).card().ruleId()).isEqualTo("RPL-09");
        }
    }

    @Nested
    @DisplayName("suppression")
    class Suppression {

        @Test
        @DisplayName("Should not fire when uterine imaging is ordered")
        void imagingOrdered() {
            assertThat(withRpl(order("o", "p1", LOINC, "25022-5", ServiceRequestStatus.ACTIVE, "2025-05-20")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should fire when the imaging order was revoked")
        void imagingRevoked() {
            assertThat(withRpl(order("o", "p1", LOINC, "25022-5", ServiceRequestStatus.REVOKED, "2025-05-20")))
                    .extracting(Finding::ruleId)
                    .containsExactly("RPL-08");
        }

        @Test
        @DisplayName("Should not fire during pregnancy")
        void pregnant() {
            assertThat(withRpl(activeCondition("preg", "p1", SNOMED, "77386006", "2025-05-01")))
                    .isEmpty();
        }
    }

    @Nested
    @DisplayName("under the source text")
    class UnderSource {

        List<Finding> threeLossesWithStatus(String value) {
            return given(List.of(
                            woman("p1", "1990-01-01"),
                            condition("a", "p1", SNOMED, "19169002", "2022-01-01"),
                            condition("b", "p1", SNOMED, "19169002", "2023-01-01"),
                            condition("c", "p1", SNOMED, "19169002", "2024-01-01"),
                            coded("status", "p1", "82810-3", SNOMED, value, "2025-05-20")))
                    .under(Profiles.SOURCE)
                    .when(rule)
                    .findings();
        }

        @Test
        @DisplayName("Should fire for three consecutive losses when the patient is recorded not pregnant")
        void notPregnant() {
            assertThat(threeLossesWithStatus("60001007")).singleElement().satisfies(f -> assertThat(f.summary())
                    .isEqualTo(SOURCE_SUMMARY));
        }

        @Test
        @DisplayName("Should not fire when the patient is recorded pregnant")
        void pregnant() {
            assertThat(threeLossesWithStatus("77386006")).isEmpty();
        }
    }
}
