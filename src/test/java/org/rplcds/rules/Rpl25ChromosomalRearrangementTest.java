package org.rplcds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.rules.RuleSpec.given;
import static org.rplcds.rules.RuleSpec.givenPregnantAt;
import static org.rplcds.rules.RuleSpec.headline;
import static org.rplcds.rules.RuleSpec.markdown;
import static org.rplcds.support.Fhir.ICD10CM;
import static org.rplcds.support.Fhir.activeCondition;
import static org.rplcds.support.Fhir.condition;
import static org.rplcds.support.Fhir.text;
import static org.rplcds.support.Fhir.textOrder;
import static org.rplcds.support.Fhir.woman;

import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rplcds.support.Profiles;

@DisplayName("RPL-25 parental chromosomal rearrangement")
class Rpl25ChromosomalRearrangementTest {

    static final String NOT_PREGNANT =
            "Chromosomal rearrangement on record. Refer for genetic counselling; discuss PGT and prenatal diagnosis.";

    final Recommendation rule = new Rpl25ChromosomalRearrangement();

    static IBaseResource translocation() {
        return condition("q95", "p1", ICD10CM, "Q95.0", "2024-02-01");
    }

    static IBaseResource karyotype(String iscn) {
        return text("karyotype", "p1", "29770-5", iscn, "2024-02-01");
    }

    /** No loss and no pregnancy on record: only a karyotype. */
    List<Finding> withKaryotype(String iscn) {
        return given(woman("p1", "1990-01-01"), karyotype(iscn)).when(rule).findings();
    }

    /** Pregnant at the given weeks with the resources given. */
    List<Finding> pregnantAt(int weeks, IBaseResource... more) {
        return givenPregnantAt(weeks, 0, more).when(rule).findings();
    }

    @Nested
    @DisplayName("outside pregnancy")
    class OutsidePregnancy {

        @Test
        @DisplayName(
                "Should refer a balanced translocation carrier (Q95.0) for genetic counselling, PGT and prenatal diagnosis")
        void translocationCarrier() {
            // given a woman with Q95.0 on record, not pregnant
            // when
            List<Finding> findings =
                    given(woman("p1", "1990-01-01"), translocation()).when(rule).findings();

            // then
            Finding f = headline(findings, "RPL-25", Indicator.INFO, NOT_PREGNANT);
            assertThat(markdown(f)).contains("Condition/q95");
            assertThat(f.actions()).singleElement().satisfies(a -> {
                assertThat(a.label()).isEqualTo("Refer for genetic counselling");
                assertThat(a.concept().orElseThrow().code()).isNull();
                assertThat(a.concept().orElseThrow().display()).startsWith("Referral for genetic counselling");
            });
        }

        @Test
        @DisplayName("Should fire under the source text as under ESHRE 2022, for an inversion carrier (Q95.1)")
        void inversionUnderSource() {
            // given Q95.1 on record, under the source text
            // when
            List<Finding> findings = given(
                            woman("p1", "1990-01-01"), condition("q95", "p1", ICD10CM, "Q95.1", "2024-02-01"))
                    .under(Profiles.SOURCE)
                    .when(rule)
                    .findings();

            // then
            assertThat(findings).singleElement().satisfies(f -> assertThat(f.summary())
                    .isEqualTo(NOT_PREGNANT));
        }

        @Test
        @DisplayName("Should not fire once a genetic counselling referral is placed")
        void referralPlaced() {
            // given Q95.0 and an active referral for genetic counselling
            // when
            List<Finding> findings = given(
                            woman("p1", "1990-01-01"),
                            translocation(),
                            textOrder(
                                    "gc",
                                    "p1",
                                    "Referral for genetic counselling",
                                    ServiceRequestStatus.ACTIVE,
                                    "2025-05-01"))
                    .when(rule)
                    .findings();

            // then
            assertThat(findings).isEmpty();
        }
    }

    @Nested
    @DisplayName("a karyotype result")
    class Karyotype {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"46,XX,t(11;22)(q23;q11.2)", "45,XX,der(13;14)(q10;q10)", "46,XX,inv(9)(p12q13)"})
        @DisplayName("Should fire for a karyotype that reads other than 46,XX or 46,XY")
        void abnormalKaryotype(String iscn) {
            assertThat(withKaryotype(iscn)).singleElement().satisfies(f -> assertThat(markdown(f))
                    .contains("Observation/karyotype"));
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"46,XX", "46, XX", "46,XY"})
        @DisplayName("Should not fire for a normal karyotype")
        void normalKaryotype(String iscn) {
            assertThat(withKaryotype(iscn)).isEmpty();
        }

        @Test
        @DisplayName("Should fire for a karyotype flagged abnormal (A), whatever its text")
        void flaggedAbnormal() {
            // given a karyotype reported 46,XX but flagged abnormal
            Observation flagged = (Observation) karyotype("46,XX");
            flagged.addInterpretation(new CodeableConcept(
                    new Coding("http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", "A", null)));

            // when
            List<Finding> findings =
                    given(woman("p1", "1990-01-01"), flagged).when(rule).findings();

            // then
            assertThat(findings).singleElement().satisfies(f -> assertThat(f.ruleId())
                    .isEqualTo("RPL-25"));
        }
    }

    @Nested
    @DisplayName("in pregnancy")
    class InPregnancy {

        @Test
        @DisplayName("Should warn to offer prenatal diagnosis, naming the gestation")
        void warns() {
            // given Q95.0 on record, pregnant at 9+0 weeks
            // when
            List<Finding> findings = pregnantAt(9, translocation());

            // then
            assertThat(findings).singleElement().satisfies(f -> {
                assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
                assertThat(f.summary())
                        .isEqualTo(
                                "Chromosomal rearrangement on record, pregnant at 9+0 weeks: offer prenatal diagnosis"
                                        + " (CVS from 11 weeks, amniocentesis from 15 weeks).");
                assertThat(f.actions()).singleElement().satisfies(a -> assertThat(a.label())
                        .isEqualTo("Refer for genetic counselling"));
            });
        }

        @Test
        @DisplayName("Should still warn when the only genetic counselling referral was before this pregnancy")
        void referralBeforeThisPregnancy() {
            // given Q95.0 and a referral in 2024, pregnant at 9+0 weeks (since 2025-03-30)
            // when
            List<Finding> findings = pregnantAt(
                    9,
                    translocation(),
                    textOrder(
                            "gc",
                            "p1",
                            "Referral for genetic counselling",
                            ServiceRequestStatus.COMPLETED,
                            "2024-03-01"));

            // then
            assertThat(findings).singleElement().satisfies(f -> assertThat(f.indicator())
                    .isEqualTo(Indicator.WARNING));
        }

        @Test
        @DisplayName("Should read the carrier code whatever its clinical status")
        void resolvedCarrierCode() {
            // given Q95.0 recorded active in an earlier encounter
            assertThat(pregnantAt(9, activeCondition("q95", "p1", ICD10CM, "Q95.0", "2020-01-01")))
                    .singleElement()
                    .satisfies(f -> assertThat(f.ruleId()).isEqualTo("RPL-25"));
        }
    }

    @Nested
    @DisplayName("the partner's karyotype on her chart")
    class PartnersKaryotype {

        static final String PARTNER = "Partner carries a chromosomal rearrangement. Refer for genetic counselling;"
                + " discuss PGT and prenatal diagnosis.";

        /** A karyotype on her chart whose focus is someone else. */
        static Observation partners(String focus, String iscn) {
            Observation karyotype = text("partner-karyotype", "p1", "29770-5", iscn, "2024-03-01");
            karyotype.addFocus(new Reference(focus));
            return karyotype;
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"RelatedPerson/partner", "Patient/partner"})
        @DisplayName("Should say that the partner carries it, citing his karyotype")
        void partnerCarries(String focus) {
            // given her karyotype normal, his with a translocation
            // when
            List<Finding> findings = given(
                            woman("p1", "1990-01-01"), karyotype("46,XX"), partners(focus, "46,XY,t(11;22)(q23;q11.2)"))
                    .when(rule)
                    .findings();

            // then
            Finding f = headline(findings, "RPL-25", Indicator.INFO, PARTNER);
            assertThat(markdown(f)).contains("Observation/partner-karyotype").doesNotContain("Abnormal karyotype");
        }

        @Test
        @DisplayName("Should speak of her own rearrangement when the focus is herself")
        void focusOnHerself() {
            assertThat(given(woman("p1", "1990-01-01"), partners("Patient/p1", "46,XX,t(11;22)(q23;q11.2)"))
                            .when(rule)
                            .findings())
                    .extracting(Finding::summary)
                    .containsExactly(NOT_PREGNANT);
        }

        @Test
        @DisplayName("Should give no card for a normal partner karyotype")
        void normalPartner() {
            assertThat(given(woman("p1", "1990-01-01"), partners("RelatedPerson/partner", "46,XY"))
                            .when(rule)
                            .findings())
                    .isEmpty();
        }

        @Test
        @DisplayName("Should not count the partner's karyotype as hers in the evaluation")
        void notHerKaryotype() {
            // given RPL and only the partner's karyotype on record
            var assessment = RuleSpec.givenRpl(partners("RelatedPerson/partner", "46,XY"))
                    .assessment();

            // then
            assertThat(assessment.derived().karyotypeDone().holds()).isFalse();
        }

        @Test
        @DisplayName("Should warn in pregnancy that the partner carries it, within 140 characters")
        void pregnant() {
            // when
            List<Finding> findings = pregnantAt(12, partners("RelatedPerson/partner", "46,XY,t(11;22)(q23;q11.2)"));

            // then
            assertThat(findings).singleElement().satisfies(f -> assertThat(f.summary())
                    .isEqualTo("Partner carries a chromosomal rearrangement, pregnant at 12+0 weeks: offer prenatal"
                            + " diagnosis (CVS from 11, amniocentesis from 15 weeks).")
                    .hasSizeLessThanOrEqualTo(140));
        }

        @Test
        @DisplayName("Should not read a problem written in words alone")
        void textOnlyProblem() {
            // given a Condition with text and no code
            org.hl7.fhir.r4.model.Condition words = new org.hl7.fhir.r4.model.Condition();
            words.setId("words");
            words.setSubject(new Reference("Patient/p1"));
            words.setCode(new CodeableConcept().setText("Partner: balanced translocation carrier"));

            // then
            assertThat(given(woman("p1", "1990-01-01"), words).when(rule).findings())
                    .isEmpty();
        }
    }
}
