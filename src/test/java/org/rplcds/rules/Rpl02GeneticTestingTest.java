package org.rplcds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.rules.RuleSpec.given;
import static org.rplcds.rules.RuleSpec.givenRpl;
import static org.rplcds.rules.RuleSpec.headline;
import static org.rplcds.rules.RuleSpec.markdown;
import static org.rplcds.support.Fhir.ICD10CM;
import static org.rplcds.support.Fhir.LOINC;
import static org.rplcds.support.Fhir.SNOMED;
import static org.rplcds.support.Fhir.activeCondition;
import static org.rplcds.support.Fhir.condition;
import static org.rplcds.support.Fhir.order;
import static org.rplcds.support.Fhir.woman;

import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rplcds.support.Fhir;
import org.rplcds.support.Profiles;

@DisplayName("RPL-02 genetic testing")
class Rpl02GeneticTestingTest {

    static final String SUMMARY =
            "No karyotype on file. Consider parental karyotyping; send tissue from the next loss for genetic testing.";

    final Recommendation rule = new Rpl02GeneticTesting();

    static IBaseResource loss(String id, String date) {
        return condition(id, "p1", SNOMED, "19169002", date);
    }

    /** Three losses, 2021 to 2023: RPL under every profile. */
    /** Three losses under RCOG 2023, and a karyotype of the products of conception of the third. */
    List<Finding> threeLossesWithTissue(String karyotype) {
        Observation tissue = Fhir.text("poc", "p1", "29770-5", karyotype, "2023-01-03");
        tissue.setSpecimen(new Reference().setDisplay("Products of conception"));
        return given(
                        woman("p1", "1990-01-01"),
                        loss("a", "2021-01-01"),
                        loss("b", "2022-01-01"),
                        loss("c", "2023-01-01"),
                        tissue)
                .under(Profiles.RCOG2023)
                .when(rule)
                .findings();
    }

    List<Finding> threeLossesUnder(GuidelineProfile profile) {
        return given(
                        woman("p1", "1990-01-01"),
                        loss("a", "2021-01-01"),
                        loss("b", "2022-01-01"),
                        loss("c", "2023-01-01"))
                .under(profile)
                .when(rule)
                .findings();
    }

    /** Two losses: RPL under ESHRE 2022. */
    List<Finding> eshreRplWith(IBaseResource... more) {
        return givenRpl(more).when(rule).findings();
    }

    @Nested
    @DisplayName("when RPL is identified and no karyotype is on record")
    class WhenNoKaryotype {

        @Test
        @DisplayName("Should suggest karyotyping of the patient as an info card")
        void suggestsKaryotype() {
            // given two losses under ESHRE 2022
            // when
            List<Finding> findings = eshreRplWith();

            // then
            Finding finding = headline(findings, "RPL-02", Indicator.INFO, SUMMARY);
            assertThat(markdown(finding))
                    .contains("Send tissue from the next loss")
                    .contains("refer him");
            assertThat(finding.actions()).singleElement().satisfies(action -> {
                assertThat(action.kind()).isEqualTo(ProposedAction.Kind.SERVICE_REQUEST);
                assertThat(action.concept().orElseThrow().code()).isEqualTo("29770-5");
            });
        }

        @Test
        @DisplayName("Should word parental karyotyping as selective under ESHRE 2022")
        void selectiveUnderEshre() {
            // given two losses under ESHRE 2022
            // when
            List<Finding> findings = eshreRplWith();

            // then
            assertThat(findings).singleElement().satisfies(f -> assertThat(markdown(f))
                    .contains("parental karyotyping is not routine"));
        }

        @Test
        @DisplayName("Should offer the karyotype as not recommended under ESHRE 2022, after individual risk assessment")
        void offeredNotRecommendedUnderEshre() {
            // given two losses under ESHRE 2022, whose karyotype policy is selective
            // when
            List<Finding> findings = eshreRplWith();

            // then
            assertThat(findings)
                    .singleElement()
                    .satisfies(f -> assertThat(f.actions()).singleElement().satisfies(action -> {
                        assertThat(action.recommended()).isFalse();
                        assertThat(action.label()).endsWith("after individual risk assessment");
                    }));
        }

        @Test
        @DisplayName("Should recommend the karyotype under the source text, whose policy is routine")
        void recommendedUnderSource() {
            // given three consecutive losses under the source text
            // when
            List<Finding> findings = threeLossesUnder(Profiles.SOURCE);

            // then
            assertThat(findings)
                    .singleElement()
                    .satisfies(f -> assertThat(f.actions()).singleElement().satisfies(action -> {
                        assertThat(action.recommended()).isTrue();
                        assertThat(action.label()).isEqualTo("Order parental karyotype");
                    }));
        }

        @Test
        @DisplayName("Should word parental karyotyping as routine under the source text")
        void routineUnderSource() {
            // given three consecutive losses
            // when
            List<Finding> findings = threeLossesUnder(Profiles.SOURCE);

            // then
            assertThat(findings).singleElement().satisfies(f -> {
                assertThat(f.summary()).isEqualTo(SUMMARY);
                assertThat(markdown(f)).contains("Parental karyotyping of both partners is recommended");
            });
        }

        @Test
        @DisplayName("Should not offer the parents' karyotype under RCOG 2023 before a tissue result")
        void tissueFirstUnderRcog() {
            // given three losses, no tissue tested
            // when
            List<Finding> findings = threeLossesUnder(Profiles.RCOG2023);

            // then
            assertThat(findings).isEmpty();
        }

        @Test
        @DisplayName("Should recommend the parents' karyotype under RCOG 2023 once the tissue shows an unbalanced"
                + " rearrangement")
        void unbalancedTissueUnderRcog() {
            // given three losses and the third one's tissue karyotype
            // when
            List<Finding> findings = threeLossesWithTissue("47,XX,+der(22)t(11;22)(q23;q11.2)");

            // then
            assertThat(findings).singleElement().satisfies(f -> {
                assertThat(markdown(f)).contains("unbalanced structural chromosomal abnormality");
                assertThat(f.actions()).singleElement().satisfies(a -> {
                    assertThat(a.concept().orElseThrow().code()).isEqualTo("29770-5");
                    assertThat(a.recommended()).isTrue();
                });
            });
        }

        @Test
        @DisplayName("Should not offer the parents' karyotype under RCOG 2023 for a tissue trisomy")
        void trisomyInTissueUnderRcog() {
            assertThat(threeLossesWithTissue("47,XX,+16")).isEmpty();
        }

        @Test
        @DisplayName("Should fire when RPL is diagnosed although no loss is coded")
        void firesOnDiagnosisAlone() {
            // given
            // when
            List<Finding> findings = given(
                            woman("p1", "1990-01-01"), activeCondition("rpl", "p1", ICD10CM, "N96", "2024-05-01"))
                    .under(Profiles.ESHRE2022)
                    .when(rule)
                    .findings();

            // then
            assertThat(findings).extracting(Finding::ruleId).containsExactly("RPL-02");
        }
    }

    @Nested
    @DisplayName("when RPL is not identified")
    class WhenNoRpl {

        @Test
        @DisplayName("Should not fire for one loss under ESHRE 2022")
        void oneLossIsOut() {
            assertThat(given(woman("p1", "1990-01-01"), loss("a", "2024-01-01"))
                            .under(Profiles.ESHRE2022)
                            .when(rule)
                            .findings())
                    .isEmpty();
        }

        @Test
        @DisplayName("Should not fire for two losses under the source text, which needs three")
        void twoLossesUnderSourceAreOut() {
            assertThat(given(woman("p1", "1990-01-01"), loss("a", "2023-01-01"), loss("b", "2024-01-01"))
                            .under(Profiles.SOURCE)
                            .when(rule)
                            .findings())
                    .isEmpty();
        }
    }

    @Nested
    @DisplayName("when a karyotype or a chromosomal cause is on record")
    class Suppression {

        @Test
        @DisplayName("Should not fire when a karyotype result is on record")
        void karyotypeResult() {
            assertThat(eshreRplWith(Fhir.text("k", "p1", "29770-5", "46,XX", "2024-03-01")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should not fire when a karyotype procedure is on record")
        void karyotypeProcedure() {
            assertThat(eshreRplWith(Fhir.procedure("k", "p1", SNOMED, "444309000", "2024-03-01")))
                    .isEmpty();
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(
                value = ServiceRequestStatus.class,
                names = {"DRAFT", "ACTIVE", "ONHOLD", "COMPLETED"})
        @DisplayName("Should not fire when a karyotype is ordered")
        void karyotypeOrdered(ServiceRequestStatus status) {
            assertThat(eshreRplWith(order("k", "p1", LOINC, "29770-5", status, "2025-05-01")))
                    .isEmpty();
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(
                value = ServiceRequestStatus.class,
                names = {"REVOKED", "ENTEREDINERROR"})
        @DisplayName("Should still fire when the karyotype order was revoked or entered in error")
        void revokedOrderDoesNotCount(ServiceRequestStatus status) {
            assertThat(eshreRplWith(order("k", "p1", LOINC, "29770-5", status, "2025-05-01")))
                    .extracting(Finding::ruleId)
                    .containsExactly("RPL-02");
        }

        @Test
        @DisplayName("Should not fire when a balanced translocation (Q95) is on record")
        void balancedTranslocation() {
            assertThat(eshreRplWith(condition("t", "p1", ICD10CM, "Q95.0", "2020-01-01")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should still fire when the balanced translocation was refuted")
        void refutedTranslocation() {
            assertThat(eshreRplWith(Fhir.refuted(condition("t", "p1", ICD10CM, "Q95.0", "2020-01-01"))))
                    .extracting(Finding::ruleId)
                    .containsExactly("RPL-02");
        }
    }
}
