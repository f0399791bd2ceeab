package org.rplcds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.rules.RuleSpec.codes;
import static org.rplcds.rules.RuleSpec.given;
import static org.rplcds.rules.RuleSpec.headline;
import static org.rplcds.support.Fhir.LOINC;
import static org.rplcds.support.Fhir.SNOMED;
import static org.rplcds.support.Fhir.activeCondition;
import static org.rplcds.support.Fhir.condition;
import static org.rplcds.support.Fhir.order;
import static org.rplcds.support.Fhir.prescription;
import static org.rplcds.support.Fhir.quantity;
import static org.rplcds.support.Fhir.woman;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestStatus;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rplcds.support.Fhir;
import org.rplcds.support.Profiles;

@DisplayName("RPL-04 thyroid treatment")
class Rpl04ThyroidTreatmentTest {

    final Recommendation rule = new Rpl04ThyroidTreatment();

    /** One miscarriage (not RPL under ESHRE 2022), with the given results. */
    List<Finding> afterOneLoss(IBaseResource... more) {
        List<IBaseResource> resources = new ArrayList<>(
                List.of(woman("p1", "1990-01-01"), condition("a", "p1", SNOMED, "19169002", "2024-01-01")));
        resources.addAll(List.of(more));
        return given(resources).under(Profiles.ESHRE2022).when(rule).findings();
    }

    /** Pregnant at 9+0 weeks, no loss on record, with the given results. */
    List<Finding> inPregnancy(IBaseResource... more) {
        List<IBaseResource> resources = new ArrayList<>(List.of(
                woman("p1", "1990-01-01"),
                activeCondition("preg", "p1", SNOMED, "77386006", "2025-04-20"),
                Fhir.dueDateFor("edd", "p1", 63)));
        resources.addAll(List.of(more));
        return given(resources).under(Profiles.ESHRE2022).when(rule).findings();
    }

    static IBaseResource tsh(String value) {
        return quantity("tsh", "p1", "3016-3", value, "m[IU]/L", "2025-05-10");
    }

    static IBaseResource freeT4(String value, String unit) {
        return quantity("ft4", "p1", "3024-7", value, unit, "2025-05-10");
    }

    static IBaseResource tpo(String value) {
        return quantity("tpo", "p1", "8099-4", value, "[IU]/mL", "2025-05-10");
    }

    static IBaseResource levothyroxine(MedicationRequestStatus status) {
        return prescription("lt4", "p1", "966222", "levothyroxine sodium 0.075 MG Oral Tablet", status, "2025-05-12");
    }

    @Nested
    @DisplayName("with TSH above the upper limit (A overt, B subclinical)")
    class AboveTheLimit {

        @Test
        @DisplayName("Should warn of subclinical hypothyroidism at TSH 4.1 mIU/L")
        void subclinicalJustAbove() {
            // given one loss and TSH 4.1 without free T4
            // when
            List<Finding> findings = afterOneLoss(tsh("4.1"));

            // then
            String summary = "TSH 4.1 mIU/L above 4.0 mIU/L: subclinical hypothyroidism. Start levothyroxine;"
                    + " recheck TSH in 4–6 weeks.";
            headline(findings, "RPL-04", Indicator.WARNING, summary);
        }

        @Test
        @DisplayName("Should not fire at TSH 4.0 mIU/L, the upper limit itself")
        void atTheLimit() {
            assertThat(afterOneLoss(tsh("4.0"))).isEmpty();
        }

        @Test
        @DisplayName("Should call it subclinical when free T4 is normal")
        void subclinicalWithNormalFreeT4() {
            assertThat(afterOneLoss(tsh("6.2"), freeT4("1.0", "ng/dL")))
                    .singleElement()
                    .satisfies(f -> assertThat(f.summary()).contains("subclinical hypothyroidism"));
        }

        @Test
        @DisplayName("Should call it overt when free T4 is below its lower limit")
        void overtWithLowFreeT4() {
            assertThat(afterOneLoss(tsh("6.2"), freeT4("0.7", "ng/dL")))
                    .singleElement()
                    .satisfies(f -> {
                        assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
                        assertThat(f.summary()).startsWith("TSH 6.2 mIU/L above 4.0 mIU/L: overt hypothyroidism.");
                    });
        }

        @Test
        @DisplayName("Should read free T4 in pmol/L (9 pmol/L is 0.70 ng/dL, low)")
        void freeT4InPmolPerLitre() {
            assertThat(afterOneLoss(tsh("6.2"), freeT4("9", "pmol/L")))
                    .singleElement()
                    .satisfies(f -> assertThat(f.summary()).contains("overt hypothyroidism"));
        }

        @Test
        @DisplayName("Should treat TSH of 10 mIU/L or more as overt")
        void tshTenIsOvert() {
            assertThat(afterOneLoss(tsh("10.0"), freeT4("1.0", "ng/dL")))
                    .singleElement()
                    .satisfies(f -> assertThat(f.summary()).contains("overt hypothyroidism"));
        }

        @Test
        @DisplayName("Should prefer the lab's upper reference limit to the default")
        void labLimitWins() {
            // given a lab upper limit of 4.5 mIU/L
            // when
            List<Finding> at = afterOneLoss(
                    Fhir.range(quantity("tsh", "p1", "3016-3", "4.5", "m[IU]/L", "2025-05-10"), "0.4", "4.5"));
            List<Finding> above = afterOneLoss(
                    Fhir.range(quantity("tsh", "p1", "3016-3", "4.6", "m[IU]/L", "2025-05-10"), "0.4", "4.5"));

            // then
            assertThat(at).isEmpty();
            assertThat(above).singleElement().satisfies(f -> assertThat(f.summary())
                    .contains("above 4.5"));
        }

        @Test
        @DisplayName("Should read TSH in uIU/mL as mIU/L")
        void microUnitsPerMillilitre() {
            assertThat(afterOneLoss(quantity("tsh", "p1", "3016-3", "5.0", "u[IU]/mL", "2025-05-10")))
                    .singleElement()
                    .satisfies(f -> assertThat(f.summary()).startsWith("TSH 5.0 mIU/L above 4.0 mIU/L"));
        }

        @Test
        @DisplayName("Should suggest levothyroxine and TPO antibodies when TPO is unknown")
        void suggestsLevothyroxineAndTpo() {
            assertThat(afterOneLoss(tsh("5.0"))).singleElement().satisfies(f -> assertThat(codes(f))
                    .containsExactly("10582", "8099-4"));
        }

        @Test
        @DisplayName("Should suggest levothyroxine only when TPO is known")
        void noTpoOrderWhenKnown() {
            assertThat(afterOneLoss(tsh("5.0"), tpo("10"))).singleElement().satisfies(f -> assertThat(codes(f))
                    .containsExactly("10582"));
        }

        @Test
        @DisplayName("Should not treat on a TSH older than 12 months")
        void oldTsh() {
            assertThat(afterOneLoss(quantity("tsh", "p1", "3016-3", "6.0", "m[IU]/L", "2024-05-31")))
                    .singleElement()
                    .satisfies(f -> {
                        assertThat(f.indicator()).isEqualTo(Indicator.INFO);
                        assertThat(codes(f)).doesNotContain("10582");
                    });
        }

        @Test
        @DisplayName("Should not compare a TSH in an unknown unit")
        void unknownUnit() {
            assertThat(afterOneLoss(quantity("tsh", "p1", "3016-3", "6.0", "mg/dL", "2025-05-10")))
                    .isEmpty();
        }
    }

    @Nested
    @DisplayName("with TPO antibodies and TSH above 2.5 within the limit (C)")
    class TpoPositive {

        @Test
        @DisplayName("Should suggest considering low-dose levothyroxine at TSH 2.6 mIU/L")
        void justAboveTwoPointFive() {
            // given
            // when
            List<Finding> findings = inPregnancy(tsh("2.6"), tpo("120"));

            // then
            assertThat(findings).singleElement().satisfies(f -> {
                assertThat(f.indicator()).isEqualTo(Indicator.INFO);
                assertThat(f.summary())
                        .isEqualTo(
                                "TPO antibody positive with TSH 2.6 mIU/L (above 2.5 mIU/L). Consider low-dose levothyroxine"
                                        + " (25–50 µg).");
                assertThat(codes(f)).containsExactly("10582");
            });
        }

        @Test
        @DisplayName("Should not fire at TSH 2.5 mIU/L")
        void atTwoPointFive() {
            assertThat(inPregnancy(tsh("2.5"), tpo("120"))).isEmpty();
        }

        @Test
        @DisplayName("Should still be C at TSH 4.0, the limit in pregnancy")
        void atTheLimitInPregnancy() {
            assertThat(inPregnancy(tsh("4.0"), tpo("120"))).singleElement().satisfies(f -> assertThat(f.indicator())
                    .isEqualTo(Indicator.INFO));
        }

        @Test
        @DisplayName("Should not fire when TPO antibodies are at 35 IU/mL, not above")
        void tpoAtLimit() {
            assertThat(inPregnancy(tsh("3.0"), tpo("35"))).isEmpty();
        }

        @Test
        @DisplayName("Should not suggest low-dose levothyroxine again when it is drafted")
        void draftedLowDose() {
            assertThat(inPregnancy(tsh("3.0"), tpo("120"), levothyroxine(MedicationRequestStatus.DRAFT)))
                    .singleElement()
                    .satisfies(f -> assertThat(f.actions()).isEmpty());
        }

        @Test
        @DisplayName("Should not fire when TPO antibodies are negative")
        void tpoNegative() {
            assertThat(inPregnancy(tsh("3.0"), tpo("8"))).isEmpty();
        }
    }

    @Nested
    @DisplayName("who is at risk")
    class Scope {

        @Test
        @DisplayName("Should not fire without a loss, RPL or pregnancy")
        void noLossNoPregnancy() {
            assertThat(given(woman("p1", "1990-01-01"), tsh("6.0"))
                            .under(Profiles.ESHRE2022)
                            .when(rule)
                            .findings())
                    .isEmpty();
        }

        @Test
        @DisplayName("Should fire in pregnancy without a previous loss")
        void pregnancyAlone() {
            assertThat(inPregnancy(tsh("6.0"))).singleElement().satisfies(f -> assertThat(f.indicator())
                    .isEqualTo(Indicator.WARNING));
        }
    }

    @Nested
    @DisplayName("on levothyroxine")
    class OnLevothyroxine {

        @Test
        @DisplayName("Should not fire for subclinical hypothyroidism outside pregnancy")
        void treatedOutsidePregnancy() {
            assertThat(afterOneLoss(tsh("5.0"), levothyroxine(MedicationRequestStatus.ACTIVE)))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should ask to recheck the dose in pregnancy when TSH is still above the limit")
        void recheckInPregnancy() {
            // given
            // when
            List<Finding> findings = inPregnancy(tsh("5.0"), levothyroxine(MedicationRequestStatus.ACTIVE));

            // then
            assertThat(findings).singleElement().satisfies(f -> {
                assertThat(f.indicator()).isEqualTo(Indicator.INFO);
                assertThat(f.summary()).contains("on levothyroxine in pregnancy. Recheck the dose");
                assertThat(f.actions()).isEmpty();
            });
        }

        @Test
        @DisplayName("Should not fire for TPO antibodies with high-normal TSH")
        void treatedTpo() {
            assertThat(inPregnancy(tsh("3.0"), tpo("120"), levothyroxine(MedicationRequestStatus.ACTIVE)))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should warn again when levothyroxine was stopped")
        void stoppedTherapy() {
            assertThat(afterOneLoss(tsh("5.0"), levothyroxine(MedicationRequestStatus.STOPPED)))
                    .singleElement()
                    .satisfies(f -> assertThat(f.indicator()).isEqualTo(Indicator.WARNING));
        }

        @Test
        @DisplayName("Should warn without suggesting levothyroxine again when it is only drafted")
        void draftedTherapy() {
            assertThat(afterOneLoss(tsh("5.0"), tpo("10"), levothyroxine(MedicationRequestStatus.DRAFT)))
                    .singleElement()
                    .satisfies(f -> {
                        assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
                        assertThat(f.actions()).isEmpty();
                    });
        }
    }

    @Nested
    @DisplayName("with a TSH that is not recent (clinical rules 8 R4)")
    class NotRecent {

        static final String REPEAT =
                "TSH 6.0 mIU/L on 2024-10-01 is not recent: repeat TSH and free T4 before treating.";

        @Test
        @DisplayName("Should ask a pregnant woman for a repeat, not treat, on a TSH of 6.0 taken before this pregnancy")
        void repeatsBeforeTreatingInPregnancy() {
            // given pregnant at 9+0 weeks (since 2025-03-30), TSH 6.0 mIU/L eight months ago
            // when
            List<Finding> findings = inPregnancy(quantity("tsh", "p1", "3016-3", "6.0", "m[IU]/L", "2024-10-01"));

            // then
            assertThat(findings).singleElement().satisfies(f -> {
                assertThat(f.indicator()).isEqualTo(Indicator.INFO);
                assertThat(f.summary()).isEqualTo(REPEAT);
                assertThat(codes(f)).containsExactly("3016-3", "3024-7");
            });
        }

        @Test
        @DisplayName("Should treat on a TSH taken on the first day of this pregnancy")
        void treatsOnTshThisPregnancy() {
            assertThat(inPregnancy(quantity("tsh", "p1", "3016-3", "6.0", "m[IU]/L", "2025-03-30")))
                    .singleElement()
                    .satisfies(f -> assertThat(f.indicator()).isEqualTo(Indicator.WARNING));
        }

        @Test
        @DisplayName("Should ask for a repeat after a loss when the abnormal TSH is older than 12 months")
        void repeatsAfterOneLoss() {
            assertThat(afterOneLoss(quantity("tsh", "p1", "3016-3", "6.0", "m[IU]/L", "2024-05-31")))
                    .singleElement()
                    .satisfies(f -> assertThat(f.summary()).startsWith("TSH 6.0 mIU/L on 2024-05-31 is not recent"));
        }

        @Test
        @DisplayName("Should stay silent with RPL, where RPL-03 names the old value")
        void silentWithRpl() {
            assertThat(given(
                                    woman("p1", "1990-01-01"),
                                    condition("a", "p1", SNOMED, "19169002", "2023-01-01"),
                                    condition("b", "p1", SNOMED, "19169002", "2024-01-01"),
                                    quantity("tsh", "p1", "3016-3", "6.0", "m[IU]/L", "2024-05-31"))
                            .when(rule)
                            .findings())
                    .isEmpty();
        }

        @Test
        @DisplayName("Should not ask again when a TSH is already ordered")
        void silentWhenOrdered() {
            assertThat(inPregnancy(
                            quantity("tsh", "p1", "3016-3", "6.0", "m[IU]/L", "2024-10-01"),
                            order("o1", "p1", LOINC, "3016-3", ServiceRequestStatus.ACTIVE, "2025-05-20")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should not fire on an old TSH that was normal")
        void silentOnOldNormal() {
            assertThat(inPregnancy(quantity("tsh", "p1", "3016-3", "2.0", "m[IU]/L", "2024-10-01")))
                    .isEmpty();
        }
    }
}
