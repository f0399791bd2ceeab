package org.rplcds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.rules.RuleSpec.given;
import static org.rplcds.rules.RuleSpec.headline;
import static org.rplcds.rules.RuleSpec.markdown;
import static org.rplcds.support.Fhir.ICD10CM;
import static org.rplcds.support.Fhir.SNOMED;
import static org.rplcds.support.Fhir.activeCondition;
import static org.rplcds.support.Fhir.condition;
import static org.rplcds.support.Fhir.procedure;
import static org.rplcds.support.Fhir.quantity;
import static org.rplcds.support.Fhir.status;
import static org.rplcds.support.Fhir.textOrder;
import static org.rplcds.support.Fhir.woman;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.rplcds.support.Profiles;

@DisplayName("RPL-09 uterine cavity lesion")
class Rpl09CavityLesionTest {

    final Recommendation rule = new Rpl09CavityLesion();

    /** One miscarriage under ESHRE 2022, not pregnant, with the given record entries. */
    List<Finding> afterOneLoss(IBaseResource... more) {
        List<IBaseResource> resources = new ArrayList<>(
                List.of(woman("p1", "1990-01-01"), condition("a", "p1", SNOMED, "19169002", "2023-05-01")));
        resources.addAll(List.of(more));
        return given(resources).under(Profiles.ESHRE2022).when(rule).findings();
    }

    /** The profiles that do not follow ESHRE 2022 on septum resection. */
    static List<GuidelineProfile> notEshre() {
        return List.of(Profiles.SOURCE, Profiles.RCOG2023, Profiles.ASRM2012);
    }

    /** A gynaecology referral for the septum, ordered on 2024-02-01, in the status given. */
    static IBaseResource septumReferral(ServiceRequestStatus status) {
        return textOrder("ref", "p1", "Referral to gynecology: septate uterus", status, "2024-02-01");
    }

    static IBaseResource septum() {
        return activeCondition("septum", "p1", ICD10CM, "Q51.21", "2024-01-10");
    }

    @Nested
    @DisplayName("which lesions")
    class Lesions {

        @Test
        @DisplayName("Should refer a septum under ESHRE 2022, saying resection is not recommended outside research")
        void septumUnderEshre() {
            // given one miscarriage and a complete septate uterus, under ESHRE 2022
            // when
            List<Finding> findings = afterOneLoss(septum());

            // then
            String summary = "Uterine septum with pregnancy loss. Refer to gynaecology; resection is not"
                    + " recommended outside research (ESHRE 2022).";
            Finding f = headline(findings, "RPL-09", Indicator.INFO, summary);
            assertThat(markdown(f)).contains("ESHRE 2022 does not recommend hysteroscopic septum resection");
            assertThat(f.actions()).singleElement().satisfies(a -> {
                assertThat(a.kind()).isEqualTo(ProposedAction.Kind.SERVICE_REQUEST);
                assertThat(a.label()).isEqualTo("Refer to gynaecology");
                assertThat(a.concept().orElseThrow().display()).startsWith("Referral to gynaecology");
            });
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("org.rplcds.rules.Rpl09CavityLesionTest#notEshre")
        @DisplayName("Should refer a septum to discuss resection before the next pregnancy under the other profiles")
        void septumUnderOtherProfiles(GuidelineProfile profile) {
            // given one miscarriage and a complete septate uterus
            List<IBaseResource> resources = List.of(
                    woman("p1", "1990-01-01"), condition("a", "p1", SNOMED, "19169002", "2023-05-01"), septum());

            // when
            Finding card = given(resources).under(profile).when(rule).card();

            // then
            assertThat(card.summary())
                    .isEqualTo("Uterine septum with pregnancy loss. Refer to gynaecology to discuss hysteroscopic"
                            + " resection before the next pregnancy.");
        }

        @Test
        @DisplayName("Should speak in the detail only of the lesion she has: adhesions, not septum or fibroids")
        void detailForHerLesionOnly() {
            // given one miscarriage and intrauterine adhesions
            // when
            Finding card = given(woman("p1", "1990-01-01"), condition("a", "p1", SNOMED, "19169002", "2023-05-01"))
                    .and(condition("lesion", "p1", ICD10CM, "N85.6", "2024-01-10"))
                    .when(rule)
                    .card();

            // then
            assertThat(markdown(card))
                    .contains("Hysteroscopic adhesiolysis may be considered.")
                    .doesNotContain("septum")
                    .doesNotContain("fibroid");
        }

        @ParameterizedTest(name = "{0} {1} is named {2}")
        @CsvSource({
            "http://hl7.org/fhir/sid/icd-10-cm, D25.0, submucous fibroid",
            "http://snomed.info/sct, 35746009, submucous fibroid",
            "http://hl7.org/fhir/sid/icd-10-cm, N85.6, adhesions",
            "http://hl7.org/fhir/sid/icd-10-cm, Q51.3, anomaly",
            "http://snomed.info/sct, 37849005, anomaly"
        })
        @DisplayName("Should name the lesion in the summary")
        void namesTheLesion(String system, String code, String named) {
            assertThat(afterOneLoss(condition("lesion", "p1", system, code, "2024-01-10")))
                    .singleElement()
                    .satisfies(f -> assertThat(f.summary()).startsWith("Uterine " + named + " with pregnancy loss."));
        }

        @Test
        @DisplayName("Should not fire for an intramural fibroid")
        void intramuralFibroid() {
            assertThat(afterOneLoss(condition("lesion", "p1", ICD10CM, "D25.1", "2024-01-10")))
                    .isEmpty();
        }
    }

    @Nested
    @DisplayName("who")
    class Scope {

        @Test
        @DisplayName("Should not fire without a pregnancy loss")
        void noLoss() {
            assertThat(given(List.of(woman("p1", "1990-01-01"), septum()))
                            .under(Profiles.ESHRE2022)
                            .when(rule)
                            .findings())
                    .isEmpty();
        }

        @Test
        @DisplayName("Should not count an ectopic pregnancy as a loss")
        void ectopicOnly() {
            assertThat(given(List.of(
                                    woman("p1", "1990-01-01"),
                                    condition("e", "p1", SNOMED, "34801009", "2023-05-01"),
                                    septum()))
                            .under(Profiles.ESHRE2022)
                            .when(rule)
                            .findings())
                    .isEmpty();
        }

        @Test
        @DisplayName("Should count a history of miscarriage without a date")
        void historyOfMiscarriage() {
            assertThat(given(List.of(
                                    woman("p1", "1990-01-01"),
                                    condition("h", "p1", SNOMED, "161744009", null),
                                    septum()))
                            .under(Profiles.ESHRE2022)
                            .when(rule)
                            .findings())
                    .extracting(Finding::ruleId)
                    .containsExactly("RPL-09");
        }

        @Test
        @DisplayName("Should not fire during pregnancy")
        void pregnant() {
            assertThat(afterOneLoss(septum(), activeCondition("preg", "p1", SNOMED, "77386006", "2025-05-01")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should count a loss at 27 weeks under the source text, where viability is 28 weeks")
        void lateLossUnderSource() {
            // given a miscarriage at 27 weeks and adhesions
            List<IBaseResource> resources = List.of(
                    woman("p1", "1990-01-01"),
                    condition("a", "p1", SNOMED, "17369002", "2024-03-01"),
                    quantity("ga", "p1", "49051-6", "27", "wk", "2024-03-01"),
                    condition("adhesions", "p1", ICD10CM, "N85.6", "2024-06-01"));

            // when
            List<Finding> source =
                    given(resources).under(Profiles.SOURCE).when(rule).findings();
            List<Finding> eshre =
                    given(resources).under(Profiles.ESHRE2022).when(rule).findings();

            // then
            assertThat(source).extracting(Finding::ruleId).containsExactly("RPL-09");
            assertThat(eshre).isEmpty();
        }
    }

    @Nested
    @DisplayName("suppression")
    class Suppression {

        @Test
        @DisplayName("Should not fire when a hysteroscopic correction followed the diagnosis")
        void correctedAfterDiagnosis() {
            assertThat(afterOneLoss(septum(), procedure("r", "p1", SNOMED, "54130005", "2024-03-01")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should not fire when the correction is on the day of the diagnosis")
        void correctedSameDay() {
            assertThat(afterOneLoss(septum(), procedure("r", "p1", SNOMED, "54130005", "2024-01-10")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should not fire when a septum resection predates the diagnosis, in every profile")
        void septumResectedBeforeDiagnosis() {
            for (GuidelineProfile profile :
                    List.of(Profiles.ESHRE2022, Profiles.SOURCE, Profiles.RCOG2023, Profiles.ASRM2012)) {
                // given a septum recorded in January 2024, resected in June 2023
                // when
                List<Finding> findings = given(
                                woman("p1", "1990-01-01"),
                                condition("a", "p1", SNOMED, "19169002", "2023-05-01"),
                                septum(),
                                procedure("r", "p1", SNOMED, "54130005", "2023-06-01"))
                        .under(profile)
                        .when(rule)
                        .findings();

                // then
                assertThat(findings).as(profile.label()).isEmpty();
            }
        }

        @Test
        @DisplayName("Should end the septum at an excision of the septum (31191000), undated or not")
        void septumExcision() {
            Procedure undated = procedure("r", "p1", SNOMED, "31191000", "2023-06-01");
            undated.setPerformed(null);
            assertThat(afterOneLoss(septum(), procedure("r", "p1", SNOMED, "31191000", "2025-01-01")))
                    .isEmpty();
            assertThat(afterOneLoss(septum(), undated)).isEmpty();
        }

        @Test
        @DisplayName("Should not end a septum at a resection still in progress")
        void resectionInProgress() {
            assertThat(afterOneLoss(
                            septum(),
                            status(
                                    procedure("r", "p1", SNOMED, "54130005", "2024-03-01"),
                                    Procedure.ProcedureStatus.INPROGRESS)))
                    .extracting(Finding::ruleId)
                    .containsExactly("RPL-09");
        }

        @Test
        @DisplayName("Should end adhesions at a correction unless they are recorded 90 days or more after it")
        void adhesionsAfterCorrection() {
            IBaseResource correction = procedure("r", "p1", SNOMED, "12398007", "2024-01-01");
            assertThat(afterOneLoss(activeCondition("adhesions", "p1", ICD10CM, "N85.6", "2024-03-30"), correction))
                    .as("89 days later: the same adhesions")
                    .isEmpty();
            assertThat(afterOneLoss(activeCondition("adhesions", "p1", ICD10CM, "N85.6", "2024-03-31"), correction))
                    .as("90 days later: new adhesions")
                    .extracting(Finding::ruleId)
                    .containsExactly("RPL-09");
        }

        @Test
        @DisplayName("Should not fire when a gynaecology referral is active")
        void referralActive() {
            assertThat(afterOneLoss(septum(), septumReferral(ServiceRequestStatus.ACTIVE)))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should not fire again once the card's own referral is drafted")
        void ownReferralDrafted() {
            // given the referral this card suggests, accepted as a draft order
            String suggested = afterOneLoss(septum())
                    .get(0)
                    .actions()
                    .get(0)
                    .concept()
                    .orElseThrow()
                    .display();

            // when
            List<Finding> findings =
                    afterOneLoss(septum(), textOrder("ref", "p1", suggested, ServiceRequestStatus.DRAFT, "2025-06-01"));

            // then
            assertThat(findings).isEmpty();
        }

        @Test
        @DisplayName("Should fire when the gynaecology referral was revoked")
        void referralRevoked() {
            assertThat(afterOneLoss(septum(), septumReferral(ServiceRequestStatus.REVOKED)))
                    .extracting(Finding::ruleId)
                    .containsExactly("RPL-09");
        }

        @Test
        @DisplayName("Should not take another gynaecological order for a referral")
        void otherGynaecologicalOrder() {
            assertThat(afterOneLoss(
                            septum(),
                            textOrder(
                                    "us",
                                    "p1",
                                    "Gynecologic pelvic ultrasound",
                                    ServiceRequestStatus.ACTIVE,
                                    "2024-02-01")))
                    .extracting(Finding::ruleId)
                    .containsExactly("RPL-09");
        }
    }
}
