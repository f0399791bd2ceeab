package org.rplcds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.rules.RuleSpec.given;
import static org.rplcds.rules.RuleSpec.givenPregnantAt;
import static org.rplcds.rules.RuleSpec.headline;
import static org.rplcds.rules.RuleSpec.markdown;
import static org.rplcds.support.Fhir.ICD10CM;
import static org.rplcds.support.Fhir.SNOMED;
import static org.rplcds.support.Fhir.activeCondition;
import static org.rplcds.support.Fhir.condition;
import static org.rplcds.support.Fhir.woman;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rplcds.support.Fhir;
import org.rplcds.support.FhirOrders;

@DisplayName("RPL-14 diabetes control")
class Rpl14DiabetesControlTest {

    final Recommendation rule = new Rpl14DiabetesControl();

    /** A woman with one earlier miscarriage and the resources given, not pregnant. */
    List<Finding> afterOneLoss(IBaseResource... more) {
        List<IBaseResource> resources = new ArrayList<>(List.of(woman("p1", "1990-01-01"), loss()));
        resources.addAll(List.of(more));
        return given(resources).when(rule).findings();
    }

    /** A woman pregnant at 10+0 weeks, no earlier loss, with the resources given. */
    List<Finding> pregnant(IBaseResource... more) {
        return givenPregnantAt(10, 0, more).when(rule).findings();
    }

    static IBaseResource loss() {
        return condition("loss", "p1", SNOMED, "19169002", "2024-09-01");
    }

    static IBaseResource diabetes() {
        return activeCondition("dm", "p1", ICD10CM, "E11.9", "2019-05-01");
    }

    static IBaseResource hba1c(String value, String unit, String date) {
        return Fhir.quantity("a1c-" + date, "p1", "4548-4", value, unit, date);
    }

    @Nested
    @DisplayName("outside pregnancy (target below 6.5 %, HbA1c within 180 days)")
    class OutsidePregnancy {

        @Test
        @DisplayName("Should warn when HbA1c is 6.6 %")
        void warnsAboveTarget() {
            // given
            // when
            List<Finding> findings = afterOneLoss(diabetes(), hba1c("6.6", "%", "2025-05-01"));

            // then
            String summary =
                    "Diabetes with HbA1c 6.6% (49 mmol/mol), target <6.5%. Optimise glucose control before/in pregnancy.";
            Finding f = headline(findings, "RPL-14", Indicator.WARNING, summary);
            assertThat(f.actions()).singleElement().satisfies(a -> assertThat(a.kind())
                    .isEqualTo(ProposedAction.Kind.SERVICE_REQUEST));
        }

        @Test
        @DisplayName("Should stay silent when HbA1c is 6.5 % (the trigger is above target)")
        void silentAtTarget() {
            assertThat(afterOneLoss(diabetes(), hba1c("6.5", "%", "2025-05-01")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should convert mmol/mol to % before comparing (54 mmol/mol is 7.1 %)")
        void convertsMmolPerMol() {
            assertThat(afterOneLoss(diabetes(), hba1c("54", "mmol/mol", "2025-05-01")))
                    .singleElement()
                    .satisfies(f -> assertThat(f.summary()).startsWith("Diabetes with HbA1c 7.1% (54 mmol/mol)"));
        }

        @Test
        @DisplayName("Should ask for HbA1c when the latest is 181 days old")
        void asksWhenHba1cIsStale() {
            // given
            // when
            List<Finding> findings = afterOneLoss(diabetes(), hba1c("6.0", "%", "2024-12-02"));

            // then
            assertThat(findings).singleElement().satisfies(f -> {
                assertThat(f.indicator()).isEqualTo(Indicator.INFO);
                assertThat(f.summary())
                        .isEqualTo(
                                "Diabetes without recent HbA1c (last 6.0% (42 mmol/mol) on 2024-12-02). Order HbA1c.");
                assertThat(f.actions()).singleElement().satisfies(a -> assertThat(
                                a.concept().orElseThrow().code())
                        .isEqualTo("4548-4"));
            });
        }

        @Test
        @DisplayName("Should accept a normal HbA1c 180 days old")
        void acceptsHba1c180DaysOld() {
            assertThat(afterOneLoss(diabetes(), hba1c("6.0", "%", "2024-12-03")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should ask for a new HbA1c, not warn, when the only high value is out of date")
        void staleHighValueAsksForNewTest() {
            assertThat(afterOneLoss(diabetes(), hba1c("8.0", "%", "2024-10-01")))
                    .singleElement()
                    .satisfies(f -> {
                        assertThat(f.indicator()).isEqualTo(Indicator.INFO);
                        assertThat(f.summary())
                                .isEqualTo(
                                        "Diabetes without recent HbA1c (last 8.0% (64 mmol/mol) on 2024-10-01). Order HbA1c.");
                    });
        }

        @Test
        @DisplayName("Should fire for RPL recorded by diagnosis alone")
        void firesForAssertedRpl() {
            assertThat(given(
                                    woman("p1", "1990-01-01"),
                                    activeCondition("rpl", "p1", ICD10CM, "N96", "2024-01-01"),
                                    diabetes())
                            .when(rule)
                            .findings())
                    .singleElement()
                    .satisfies(f -> assertThat(f.indicator()).isEqualTo(Indicator.INFO));
        }
    }

    @Nested
    @DisplayName("in pregnancy (target below 6.0 %, HbA1c within 90 days)")
    class InPregnancy {

        @Test
        @DisplayName("Should warn when HbA1c is 6.1 %")
        void warnsAbovePregnancyTarget() {
            assertThat(pregnant(diabetes(), hba1c("6.1", "%", "2025-05-20")))
                    .singleElement()
                    .satisfies(f -> {
                        assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
                        assertThat(f.summary()).startsWith("Diabetes with HbA1c 6.1% (43 mmol/mol), target <6.0%.");
                    });
        }

        @Test
        @DisplayName("Should stay silent when HbA1c is 6.0 %")
        void silentAtPregnancyTarget() {
            assertThat(pregnant(diabetes(), hba1c("6.0", "%", "2025-05-20"))).isEmpty();
        }

        @Test
        @DisplayName("Should ask for HbA1c when the latest is 91 days old")
        void asksAfter90Days() {
            assertThat(pregnant(diabetes(), hba1c("5.5", "%", "2025-03-02")))
                    .singleElement()
                    .satisfies(
                            f -> assertThat(f.summary())
                                    .isEqualTo(
                                            "Diabetes without recent HbA1c (last 5.5% (37 mmol/mol) on 2025-03-02). Order HbA1c."));
        }

        @Test
        @DisplayName("Should accept an HbA1c 90 days old")
        void accepts90Days() {
            assertThat(pregnant(diabetes(), hba1c("5.5", "%", "2025-03-03"))).isEmpty();
        }

        @Test
        @DisplayName("Should fire for gestational diabetes in pregnancy without an earlier loss")
        void firesForGestationalDiabetes() {
            assertThat(pregnant(activeCondition("gdm", "p1", ICD10CM, "O24.410", "2025-05-01")))
                    .singleElement()
                    .satisfies(f -> assertThat(markdown(f)).contains("Condition/gdm"));
        }
    }

    @Nested
    @DisplayName("what the card says")
    class Wording {

        @Test
        @DisplayName("Should not name a last HbA1c when none was ever taken")
        void noHba1cEver() {
            // given diabetes, one loss, no HbA1c
            // when
            List<Finding> findings = afterOneLoss(diabetes());

            // then
            assertThat(findings).singleElement().satisfies(f -> assertThat(f.summary())
                    .isEqualTo("Diabetes without recent HbA1c. Order HbA1c."));
        }

        @Test
        @DisplayName("Should give the HbA1c and its target in mmol/mol and % under cds.ui.units = si")
        void siUnits() {
            // given diabetes, one loss, HbA1c 55 mmol/mol a month ago
            List<IBaseResource> resources =
                    List.of(woman("p1", "1990-01-01"), loss(), diabetes(), hba1c("55", "mmol/mol", "2025-05-01"));

            // when
            Finding card =
                    given(resources).in(Presentation.UnitSystem.SI).when(rule).card();

            // then
            assertThat(card.summary())
                    .isEqualTo("Diabetes with HbA1c 55 mmol/mol (7.2%), target <48 mmol/mol (6.5%). Optimise glucose"
                            + " control before/in pregnancy.");
        }

        @Test
        @DisplayName("Should add folic acid 5 mg from before conception to 12 weeks to the detail")
        void folicAcid() {
            // given diabetes, one loss, not pregnant, no HbA1c
            // when
            Finding card = given(woman("p1", "1990-01-01"), loss(), diabetes())
                    .when(rule)
                    .card();

            // then
            assertThat(markdown(card))
                    .contains("Folic acid 5 mg daily from before conception until 12 weeks of pregnancy");
        }

        @Test
        @DisplayName(
                "Should leave folic acid out from 12+0 weeks of pregnancy, when it can no longer be started in time")
        void noFolicAcidFromTwelveWeeks() {
            // given diabetes, pregnant at 12+0 weeks, no HbA1c
            var given = givenPregnantAt(12, 0, diabetes());

            // when
            Finding card = given.when(rule).card();

            // then
            assertThat(markdown(card)).doesNotContain("Folic acid");
        }
    }

    @Nested
    @DisplayName("exclusions")
    class Exclusions {

        @Test
        @DisplayName("Should stay silent for a woman with diabetes who is not pregnant and has no loss")
        void silentWithoutPregnancyOrLoss() {
            assertThat(given(woman("p1", "1990-01-01"), diabetes(), hba1c("9.0", "%", "2025-05-01"))
                            .when(rule)
                            .findings())
                    .isEmpty();
        }

        @Test
        @DisplayName("Should stay silent when the diabetes diagnosis is resolved")
        void silentForResolvedDiabetes() {
            assertThat(afterOneLoss(
                            condition("dm", "p1", ICD10CM, "E11.9", "2019-05-01"), hba1c("9.0", "%", "2025-05-01")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should not ask for HbA1c when one is ordered")
        void silentWhenHba1cOrdered() {
            assertThat(afterOneLoss(
                            diabetes(),
                            FhirOrders.order(
                                    "order", "p1", ServiceRequestStatus.ACTIVE, Fhir.LOINC, "4548-4", "2025-05-28")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should still ask when the only HbA1c order was revoked")
        void revokedOrderDoesNotCount() {
            assertThat(afterOneLoss(
                            diabetes(),
                            FhirOrders.order(
                                    "order", "p1", ServiceRequestStatus.REVOKED, Fhir.LOINC, "4548-4", "2025-05-28")))
                    .singleElement()
                    .satisfies(f -> assertThat(f.indicator()).isEqualTo(Indicator.INFO));
        }

        @Test
        @DisplayName("Should still warn about a high HbA1c when a new one is ordered")
        void orderDoesNotSilenceTheWarning() {
            assertThat(afterOneLoss(
                            diabetes(),
                            hba1c("7.4", "%", "2025-05-01"),
                            FhirOrders.order(
                                    "order", "p1", ServiceRequestStatus.ACTIVE, Fhir.LOINC, "4548-4", "2025-05-28")))
                    .singleElement()
                    .satisfies(f -> assertThat(f.indicator()).isEqualTo(Indicator.WARNING));
        }
    }

    @Nested
    @DisplayName("with diabetes as an encounter diagnosis without clinical status (FHIR R4 con-3)")
    class WithoutClinicalStatus {

        @Test
        @DisplayName("Should read it as current and say in the detail that its status was assumed")
        void readAsCurrentAndSaysSo() {
            // given diabetes with no clinicalStatus and no abatement, one loss, not pregnant
            var dm = activeCondition("dm", "p1", ICD10CM, "E11.9", "2019-05-01").setClinicalStatus(null);

            // when
            Finding card =
                    given(woman("p1", "1990-01-01"), loss(), dm).when(rule).card();

            // then
            assertThat(markdown(card)).contains("(Condition/dm)").contains("status not recorded: read as current");
        }
    }
}
