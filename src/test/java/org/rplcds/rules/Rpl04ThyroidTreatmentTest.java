package org.rplcds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.rplcds.rules.RuleSpec.codes;
import static org.rplcds.rules.RuleSpec.given;
import static org.rplcds.rules.RuleSpec.headline;
import static org.rplcds.rules.RuleSpec.markdown;
import static org.rplcds.support.Fhir.LOINC;
import static org.rplcds.support.Fhir.SNOMED;
import static org.rplcds.support.Fhir.activeCondition;
import static org.rplcds.support.Fhir.condition;
import static org.rplcds.support.Fhir.order;
import static org.rplcds.support.Fhir.prescription;
import static org.rplcds.support.Fhir.quantity;
import static org.rplcds.support.Fhir.woman;

import java.time.LocalDate;
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
        return pregnantAt(63, more);
    }

    /** Pregnant at the gestation given in days, no loss on record, with the given results. */
    List<Finding> pregnantAt(int days, IBaseResource... more) {
        List<IBaseResource> resources = new ArrayList<>(List.of(
                woman("p1", "1990-01-01"),
                activeCondition("preg", "p1", SNOMED, "77386006", "2025-01-20"),
                Fhir.dueDateFor("edd", "p1", days)));
        resources.addAll(List.of(more));
        return given(resources).under(Profiles.ESHRE2022).when(rule).findings();
    }

    static IBaseResource tsh(String value) {
        return quantity("tsh", "p1", "3016-3", value, "m[IU]/L", "2025-05-10");
    }

    static IBaseResource freeT4(String value, String unit) {
        return quantity("ft4", "p1", "3024-7", value, unit, "2025-05-10");
    }

    static IBaseResource tsh(String id, String value, String date) {
        return quantity(id, "p1", "3016-3", value, "m[IU]/L", date);
    }

    static IBaseResource weight(String kg) {
        return quantity("weight", "p1", "29463-7", kg, "kg", "2025-05-28");
    }

    static IBaseResource tpo(String value) {
        return quantity("tpo", "p1", "8099-4", value, "[IU]/mL", "2025-05-10");
    }

    static IBaseResource levothyroxine(MedicationRequestStatus status) {
        return prescription("lt4", "p1", "966222", "levothyroxine sodium 0.075 MG Oral Tablet", status, "2025-05-12");
    }

    @Nested
    @DisplayName("outside pregnancy, TSH above the upper limit (B: confirm first)")
    class OutsidePregnancy {

        @Test
        @DisplayName("Should ask for a repeat of TSH and free T4, not treat, on one TSH of 4.1 mIU/L")
        void oneTestJustAbove() {
            // given one loss and one TSH of 4.1 on 2025-05-12, without free T4
            // when
            List<Finding> findings = afterOneLoss(tsh("tsh", "4.1", "2025-05-12"));

            // then
            Finding card = headline(
                    findings,
                    "RPL-04",
                    Indicator.INFO,
                    "TSH 4.1 mIU/L above 4.0 mIU/L on one test. Repeat TSH and free T4 before treating.");
            assertThat(codes(card)).containsExactly("3016-3", "3024-7");
            assertThat(card.actions()).allSatisfy(a -> assertThat(a.from()).contains(LocalDate.parse("2025-06-23")));
        }

        @Test
        @DisplayName("Should not fire at TSH 4.0 mIU/L, the upper limit itself")
        void atTheLimit() {
            assertThat(afterOneLoss(tsh("4.0"))).isEmpty();
        }

        @Test
        @DisplayName("Should ask for the repeat now when the raised TSH is more than 6 weeks old")
        void repeatNowAfterSixWeeks() {
            assertThat(afterOneLoss(tsh("tsh", "6.2", "2025-03-01")))
                    .singleElement()
                    .satisfies(f -> assertThat(f.actions())
                            .allSatisfy(a -> assertThat(a.from()).isEmpty()));
        }

        @Test
        @DisplayName("Should ask for a repeat, not treat, on one TSH of 10 mIU/L or more with normal free T4")
        void oneTestOfTen() {
            assertThat(afterOneLoss(tsh("10.0"), freeT4("1.0", "ng/dL")))
                    .singleElement()
                    .satisfies(f -> {
                        assertThat(f.summary()).endsWith("on one test. Repeat TSH and free T4 before treating.");
                        assertThat(codes(f)).doesNotContain("10582");
                    });
        }

        @Test
        @DisplayName("Should not ask again when a TSH is ordered after the raised one")
        void repeatOrdered() {
            assertThat(afterOneLoss(
                            tsh("tsh", "6.2", "2025-05-12"),
                            order("o1", "p1", LOINC, "3016-3", ServiceRequestStatus.ACTIVE, "2025-05-20")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should consider 25 micrograms once a second TSH 4 weeks later confirms it (6.2 then 5.8)")
        void confirmedOnTwoTests() {
            // given TSH 6.2 on 2025-03-10 and 5.8 on 2025-05-12, free T4 normal, TPO known
            // when
            List<Finding> findings = afterOneLoss(
                    tsh("tsh-1", "6.2", "2025-03-10"),
                    tsh("tsh-2", "5.8", "2025-05-12"),
                    freeT4("1.1", "ng/dL"),
                    tpo("12"));

            // then
            Finding card = headline(
                    findings,
                    "RPL-04",
                    Indicator.INFO,
                    "Subclinical hypothyroidism confirmed (TSH 6.2 and 5.8 mIU/L). Consider levothyroxine 25–50"
                            + " micrograms before conception.");
            assertThat(codes(card)).containsExactly("10582", "3016-3");
            ProposedAction levothyroxine = card.actions().get(0);
            assertThat(levothyroxine.label()).isEqualTo("Prescribe levothyroxine 25 micrograms daily (conditional)");
            assertThat(levothyroxine.text()).startsWith("25 micrograms").doesNotContain("/kg");
            assertThat(card.actions().get(1).from()).contains(LocalDate.parse("2025-07-13"));
        }

        @Test
        @DisplayName("Should not call the 25 micrograms conditional outside ESHRE 2022")
        void unconditionalUnderSource() {
            List<Finding> findings = given(
                            woman("p1", "1990-01-01"),
                            condition("a", "p1", SNOMED, "19169002", "2024-01-01"),
                            tsh("tsh-1", "6.2", "2025-03-10"),
                            tsh("tsh-2", "5.8", "2025-05-12"),
                            tpo("12"))
                    .under(Profiles.SOURCE)
                    .when(rule)
                    .findings();
            assertThat(findings).singleElement().satisfies(f -> assertThat(
                            f.actions().get(0).label())
                    .isEqualTo("Prescribe levothyroxine 25 micrograms daily"));
        }

        @Test
        @DisplayName("Should not count a second TSH less than 4 weeks after the first as confirming")
        void secondTestTooSoon() {
            assertThat(afterOneLoss(tsh("tsh-1", "6.2", "2025-04-20"), tsh("tsh-2", "5.8", "2025-05-12")))
                    .singleElement()
                    .satisfies(f -> assertThat(f.summary()).contains("on one test"));
        }

        @Test
        @DisplayName("Should not count a raised TSH older than 12 months as confirming")
        void earlierTestTooOld() {
            assertThat(afterOneLoss(tsh("tsh-1", "6.2", "2024-05-20"), tsh("tsh-2", "5.8", "2025-05-12")))
                    .singleElement()
                    .satisfies(f -> assertThat(f.summary()).contains("on one test"));
        }

        @Test
        @DisplayName("Should warn of overt hypothyroidism when free T4 is below its lower limit")
        void overtWithLowFreeT4() {
            // given
            // when
            List<Finding> findings = afterOneLoss(tsh("6.2"), freeT4("0.7", "ng/dL"), weight("62"));

            // then
            Finding card = headline(
                    findings,
                    "RPL-04",
                    Indicator.WARNING,
                    "Overt hypothyroidism (TSH 6.2 mIU/L, free T4 0.7 ng/dL). Start levothyroxine; aim for TSH below"
                            + " 2.5 before conception.");
            assertThat(card.actions().get(0).text()).isEqualTo("100 micrograms daily (about 1.6 micrograms/kg)");
        }

        @Test
        @DisplayName("Should read free T4 in pmol/L (9 pmol/L is 0.70 ng/dL, low)")
        void freeT4InPmolPerLitre() {
            assertThat(afterOneLoss(tsh("6.2"), freeT4("9", "pmol/L")))
                    .singleElement()
                    .satisfies(f -> assertThat(f.summary()).startsWith("Overt hypothyroidism"));
        }

        @Test
        @DisplayName("Should not read a free T4 older than 12 months")
        void oldFreeT4() {
            assertThat(afterOneLoss(tsh("6.2"), quantity("ft4", "p1", "3024-7", "0.5", "ng/dL", "2024-05-01")))
                    .singleElement()
                    .satisfies(f -> assertThat(f.summary()).contains("on one test"));
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

        @Test
        @DisplayName("Should give no card and no levothyroxine for TPO antibodies with TSH 3.1 outside pregnancy")
        void tpoOutsidePregnancy() {
            assertThat(afterOneLoss(tsh("3.1"), freeT4("1.1", "ng/dL"), tpo("120")))
                    .isEmpty();
        }
    }

    @Nested
    @DisplayName("in pregnancy, TSH above the upper limit (A)")
    class InPregnancy {

        @Test
        @DisplayName(
                "Should give a critical card for overt hypothyroidism at 9 weeks, full dose by weight (62 kg: 100 micrograms)")
        void overtIsCritical() {
            // given pregnant at 9+0 weeks, TSH 14.2, free T4 0.5 ng/dL, 62 kg
            // when
            List<Finding> findings = inPregnancy(tsh("14.2"), freeT4("0.5", "ng/dL"), weight("62"));

            // then
            Finding card = headline(
                    findings,
                    "RPL-04",
                    Indicator.CRITICAL,
                    "Overt hypothyroidism at 9+0 weeks (TSH 14.2 mIU/L, free T4 0.5 ng/dL). Start full-dose"
                            + " levothyroxine today; refer to endocrinology.");
            assertThat(card.actions())
                    .extracting(a -> a.concept().orElseThrow().code() == null
                            ? a.concept().orElseThrow().display()
                            : a.concept().orElseThrow().code())
                    .containsExactly(
                            "10582",
                            "Urgent referral to endocrinology or obstetric medicine: overt hypothyroidism in pregnancy",
                            "3016-3",
                            "3024-7");
            assertThat(card.actions().get(0).text()).isEqualTo("100 micrograms daily (about 1.6 micrograms/kg)");
            assertThat(card.actions().subList(2, 4))
                    .allSatisfy(a -> assertThat(a.from()).contains(LocalDate.parse("2025-06-29")));
            assertThat(card.actions()).noneSatisfy(a -> assertThat(a.text()).contains("for example 50"));
        }

        @Test
        @DisplayName("Should state the dose per kg when no body weight is on record")
        void overtWithoutWeight() {
            assertThat(inPregnancy(tsh("14.2"), freeT4("0.5", "ng/dL")))
                    .singleElement()
                    .satisfies(f -> assertThat(f.actions().get(0).text())
                            .isEqualTo("about 1.6 micrograms/kg daily (100 micrograms at 60 kg)"));
        }

        @Test
        @DisplayName("Should warn of subclinical hypothyroidism and ask for free T4 today when it is unknown")
        void subclinicalFreeT4Unknown() {
            // given
            // when
            List<Finding> findings = inPregnancy(tsh("6.0"));

            // then
            Finding card = headline(
                    findings,
                    "RPL-04",
                    Indicator.WARNING,
                    "TSH 6.0 mIU/L above 4.0 mIU/L: subclinical hypothyroidism. Start levothyroxine; recheck TSH in"
                            + " 4–6 weeks.");
            assertThat(codes(card)).containsExactly("10582", "3024-7", "8099-4");
        }

        @Test
        @DisplayName("Should suggest levothyroxine only when free T4 and TPO are known")
        void noTestsWhenKnown() {
            assertThat(inPregnancy(tsh("5.0"), freeT4("1.0", "ng/dL"), tpo("10")))
                    .singleElement()
                    .satisfies(f -> {
                        assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
                        assertThat(codes(f)).containsExactly("10582");
                    });
        }

        @Test
        @DisplayName("Should dose by weight, never 'for example 50 micrograms', at TSH 10 or more with normal free T4")
        void tshTenDosedByWeight() {
            assertThat(inPregnancy(tsh("10.0"), freeT4("1.0", "ng/dL"), tpo("10"), weight("78")))
                    .singleElement()
                    .satisfies(f -> {
                        assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
                        assertThat(f.summary()).contains("overt hypothyroidism");
                        assertThat(f.actions().get(0).text())
                                .isEqualTo("125 micrograms daily (about 1.6 micrograms/kg)");
                    });
        }

        @Test
        @DisplayName("Should round 1.6 micrograms/kg to the nearest 25 micrograms")
        void roundsToTablets() {
            assertThat(Rpl04ThyroidTreatment.fullDose(new java.math.BigDecimal("62")))
                    .isEqualTo(100);
            assertThat(Rpl04ThyroidTreatment.fullDose(new java.math.BigDecimal("70")))
                    .isEqualTo(100);
            assertThat(Rpl04ThyroidTreatment.fullDose(new java.math.BigDecimal("86")))
                    .isEqualTo(150);
            assertThat(Rpl04ThyroidTreatment.fullDose(new java.math.BigDecimal("5")))
                    .isEqualTo(25);
        }
    }

    @Nested
    @DisplayName("with TPO antibodies and TSH above 2.5 within the limit (C)")
    class TpoPositive {

        @Test
        @DisplayName("Should offer low-dose levothyroxine as optional, after a TSH in 4 weeks, at TSH 2.6 mIU/L")
        void justAboveTwoPointFive() {
            // given
            // when
            List<Finding> findings = inPregnancy(tsh("2.6"), tpo("120"));

            // then
            Finding card = headline(
                    findings,
                    "RPL-04",
                    Indicator.INFO,
                    "TPO antibodies with TSH 2.6 mIU/L at 9+0 weeks. Levothyroxine 25–50 micrograms may be considered"
                            + " (ATA 2017); trials found no benefit.");
            assertThat(card.actions())
                    .extracting(
                            a -> a.concept().orElseThrow().code(), ProposedAction::label, ProposedAction::recommended)
                    .containsExactly(
                            tuple("3016-3", "Order TSH in 4 weeks", true),
                            tuple("10582", "Optional: levothyroxine 25 micrograms daily", false));
            assertThat(markdown(card)).contains("TABLET").contains("T4LIFE");
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
        @DisplayName("Should not offer low-dose levothyroxine again when it is drafted")
        void draftedLowDose() {
            assertThat(inPregnancy(tsh("3.0"), tpo("120"), levothyroxine(MedicationRequestStatus.DRAFT)))
                    .singleElement()
                    .satisfies(f -> assertThat(codes(f)).containsExactly("3016-3"));
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
    @DisplayName("on levothyroxine (D)")
    class OnLevothyroxine {

        static final String ACTIVE_SINCE = "2024-11-01";

        IBaseResource active() {
            return prescription(
                    "lt4",
                    "p1",
                    "966222",
                    "levothyroxine sodium 0.075 MG Oral Tablet",
                    MedicationRequestStatus.ACTIVE,
                    ACTIVE_SINCE);
        }

        @Test
        @DisplayName("Should not fire for subclinical hypothyroidism outside pregnancy")
        void treatedOutsidePregnancy() {
            assertThat(afterOneLoss(tsh("5.0"), levothyroxine(MedicationRequestStatus.ACTIVE)))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should warn to raise the dose by 25–30% at TSH 3.4, above the first-trimester target of 2.5")
        void aboveTargetInFirstTrimester() {
            // given pregnant at 8+0 weeks, on levothyroxine, TSH 3.4 without a lab range
            // when
            List<Finding> findings = pregnantAt(56, tsh("3.4"), freeT4("1.0", "ng/dL"), active());

            // then
            Finding card = headline(
                    findings,
                    "RPL-04",
                    Indicator.WARNING,
                    "On levothyroxine at 8+0 weeks with TSH 3.4 mIU/L (target below 2.5 mIU/L). Raise the dose by"
                            + " about 25–30%; recheck TSH in 4 weeks.");
            assertThat(codes(card)).containsExactly("3016-3");
            assertThat(card.actions().get(0).from()).contains(LocalDate.parse("2025-06-29"));
            assertThat(card.actions())
                    .noneSatisfy(a -> assertThat(a.kind()).isEqualTo(ProposedAction.Kind.MEDICATION_REQUEST));
            assertThat(markdown(card)).contains("Increase levothyroxine by about 25–30% (e.g. two extra doses a week)");
        }

        @Test
        @DisplayName("Should stay silent at TSH 2.3, below the first-trimester target")
        void belowTarget() {
            assertThat(pregnantAt(56, tsh("2.3"), freeT4("1.0", "ng/dL"), active()))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should use the target of 3.0 from 14+0 weeks")
        void laterTarget() {
            assertThat(pregnantAt(112, tsh("2.8"), active())).isEmpty();
            assertThat(pregnantAt(112, tsh("3.2"), active())).singleElement().satisfies(f -> assertThat(f.summary())
                    .contains("(target below 3.0 mIU/L)"));
        }

        @Test
        @DisplayName("Should prefer the lab's range on the result to the target")
        void labRangeWins() {
            assertThat(pregnantAt(
                            56,
                            Fhir.range(quantity("tsh", "p1", "3016-3", "2.8", "m[IU]/L", "2025-05-10"), "0.1", "3.0"),
                            active()))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should warn at TSH 5.0 with the same card, never a new prescription")
        void aboveTheLimit() {
            assertThat(inPregnancy(tsh("5.0"), active())).singleElement().satisfies(f -> {
                assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
                assertThat(f.summary()).startsWith("On levothyroxine at 9+0 weeks with TSH 5.0 mIU/L");
                assertThat(codes(f)).containsExactly("3016-3");
            });
        }

        @Test
        @DisplayName("Should give a critical card when free T4 is below range on levothyroxine")
        void lowFreeT4IsCritical() {
            assertThat(inPregnancy(tsh("8.0"), freeT4("0.6", "ng/dL"), active()))
                    .singleElement()
                    .satisfies(f -> {
                        assertThat(f.indicator()).isEqualTo(Indicator.CRITICAL);
                        assertThat(f.summary())
                                .startsWith("Overt hypothyroidism on levothyroxine at 9+0 weeks (TSH 8.0 mIU/L, free T4"
                                        + " 0.6 ng/dL)");
                        assertThat(f.actions()).noneSatisfy(a -> assertThat(a.kind())
                                .isEqualTo(ProposedAction.Kind.MEDICATION_REQUEST));
                    });
        }

        @Test
        @DisplayName("Should ask for a TSH now when none is on record this pregnancy")
        void noTshThisPregnancy() {
            // given on levothyroxine, pregnant at 9+0 weeks, the last TSH (1.8) before this pregnancy
            // when
            List<Finding> findings = inPregnancy(tsh("tsh", "1.8", "2024-12-01"), active());

            // then
            Finding card = headline(
                    findings,
                    "RPL-04",
                    Indicator.INFO,
                    "On levothyroxine, pregnant at 9+0 weeks, no TSH this pregnancy. Check TSH now; most women need"
                            + " about 25–30% more.");
            assertThat(codes(card)).containsExactly("3016-3");
            assertThat(card.actions().get(0).from()).isEmpty();
        }

        @Test
        @DisplayName("Should not ask for a TSH already ordered this pregnancy")
        void tshOrderedThisPregnancy() {
            assertThat(inPregnancy(
                            active(), order("o1", "p1", LOINC, "3016-3", ServiceRequestStatus.ACTIVE, "2025-05-20")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should speak at 30 weeks too: never deferred")
        void lateInPregnancy() {
            assertThat(pregnantAt(210, active())).singleElement().satisfies(f -> assertThat(f.summary())
                    .contains("no TSH this pregnancy"));
        }

        @Test
        @DisplayName("Should treat again when levothyroxine was stopped")
        void stoppedTherapy() {
            assertThat(inPregnancy(tsh("5.0"), levothyroxine(MedicationRequestStatus.STOPPED)))
                    .singleElement()
                    .satisfies(f -> {
                        assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
                        assertThat(f.summary()).contains("subclinical hypothyroidism");
                    });
        }

        @Test
        @DisplayName("Should warn without suggesting levothyroxine again when it is only drafted")
        void draftedTherapy() {
            assertThat(inPregnancy(
                            tsh("5.0"),
                            freeT4("1.0", "ng/dL"),
                            tpo("10"),
                            levothyroxine(MedicationRequestStatus.DRAFT)))
                    .singleElement()
                    .satisfies(f -> {
                        assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
                        assertThat(f.actions()).isEmpty();
                    });
        }
    }

    @Nested
    @DisplayName("with a TSH that is not recent")
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
