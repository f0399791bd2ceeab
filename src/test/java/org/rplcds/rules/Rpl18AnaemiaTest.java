package org.rplcds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.rules.RuleSpec.given;
import static org.rplcds.rules.RuleSpec.givenOneLoss;
import static org.rplcds.rules.RuleSpec.givenPregnantAt;
import static org.rplcds.rules.RuleSpec.givenPregnantWithoutAge;
import static org.rplcds.rules.RuleSpec.givenRpl;
import static org.rplcds.rules.RuleSpec.headline;

import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rplcds.support.Fhir;
import org.rplcds.support.FhirOrders;

@DisplayName("RPL-18 anaemia")
class Rpl18AnaemiaTest {

    final Recommendation rule = new Rpl18Anaemia();

    /** A woman pregnant at weeks+days, no earlier loss, with the resources given. */
    List<Finding> pregnantAt(int weeks, int days, IBaseResource... more) {
        return givenPregnantAt(weeks, days, more).when(rule).findings();
    }

    /** A woman with RPL under ESHRE 2022, not pregnant, with the resources given. */
    List<Finding> withRpl(IBaseResource... more) {
        return givenRpl(more).when(rule).findings();
    }

    static IBaseResource hb(String value) {
        return hb(value, "g/dL", "2025-05-25");
    }

    static IBaseResource hb(String value, String unit, String date) {
        return Fhir.quantity("hb-" + date, "p1", "718-7", value, unit, date);
    }

    static IBaseResource iron(MedicationRequestStatus status) {
        return FhirOrders.prescription(
                "iron", "p1", status, FhirOrders.RXNORM, "310325", "ferrous sulfate 325 MG Oral Tablet", "2025-05-01");
    }

    @Nested
    @DisplayName("in the site's units")
    class Units {

        @Test
        @DisplayName("Should give the value and the limit in g/L under cds.ui.units = si, with the recorded g/dL")
        void inGramsPerLitre() {
            // given pregnant at 10+0 weeks, Hb 10.9 g/dL
            var given = givenPregnantAt(10, 0, hb("10.9"));

            // when
            Finding card = given.in(Presentation.UnitSystem.SI).when(rule).card();

            // then
            assertThat(card.summary())
                    .isEqualTo(
                            "Hb 109.0 g/L (10.9 g/dL) below 110 g/L for the first trimester. Check ferritin and start"
                                    + " iron; assess cause.");
            assertThat(RuleSpec.markdown(card)).contains("haemoglobin 109.0 g/L (10.9 g/dL) on 2025-05-25");
        }

        @Test
        @DisplayName("Should show a haemoglobin recorded in g/L converted to g/dL, with the recorded value")
        void recordedInGramsPerLitre() {
            // given Hb 104 g/L in the second trimester
            // when
            List<Finding> findings = pregnantAt(20, 0, hb("104", "g/L", "2025-05-25"));

            // then
            assertThat(findings).singleElement().satisfies(f -> assertThat(f.summary())
                    .startsWith("Hb 10.4 g/dL (104 g/L) below 10.5 g/dL"));
        }
    }

    @Nested
    @DisplayName("limits by trimester")
    class Limits {

        @Test
        @DisplayName("Should warn for Hb 10.9 g/dL in the first trimester")
        void warnsBelow11InFirstTrimester() {
            // given
            // when
            List<Finding> findings = pregnantAt(10, 0, hb("10.9"));

            // then
            String summary =
                    "Hb 10.9 g/dL below 11.0 g/dL for the first trimester. Check ferritin and start iron; assess cause.";
            Finding f = headline(findings, "RPL-18", Indicator.WARNING, summary);
            assertThat(f.actions())
                    .extracting(a -> a.concept().orElseThrow().code())
                    .containsExactly("2276-4", "310325");
        }

        @Test
        @DisplayName("Should stay silent for Hb 11.0 g/dL in the first trimester")
        void silentAt11InFirstTrimester() {
            assertThat(pregnantAt(10, 0, hb("11.0"))).isEmpty();
        }

        @Test
        @DisplayName("Should warn for Hb 10.4 g/dL in the second trimester")
        void warnsBelow10Point5InSecondTrimester() {
            assertThat(pregnantAt(20, 0, hb("10.4"))).singleElement().satisfies(f -> assertThat(f.summary())
                    .startsWith("Hb 10.4 g/dL below 10.5 g/dL for the second trimester."));
        }

        @Test
        @DisplayName("Should stay silent for Hb 10.5 g/dL in the second trimester")
        void silentAt10Point5InSecondTrimester() {
            assertThat(pregnantAt(20, 0, hb("10.5"))).isEmpty();
        }

        @Test
        @DisplayName("Should switch to the second-trimester limit at 14+0 weeks")
        void secondTrimesterStartsAt14Weeks() {
            assertThat(pregnantAt(13, 6, hb("10.7"))).hasSize(1);
            assertThat(pregnantAt(14, 0, hb("10.7"))).isEmpty();
        }

        @Test
        @DisplayName("Should use 11.0 g/dL again from 28+0 weeks")
        void thirdTrimesterStartsAt28Weeks() {
            assertThat(pregnantAt(27, 6, hb("10.7"))).isEmpty();
            assertThat(pregnantAt(28, 0, hb("10.7"))).singleElement().satisfies(f -> assertThat(f.summary())
                    .contains("for the third trimester"));
        }

        @Test
        @DisplayName("Should use 11.0 g/dL in a pregnancy of unknown gestation")
        void unknownGestationUses11() {
            assertThat(givenPregnantWithoutAge("2025-04-01", hb("10.9"))
                            .when(rule)
                            .findings())
                    .singleElement()
                    .satisfies(f -> assertThat(f.summary()).contains("below 11.0 g/dL for pregnancy"));
        }

        @Test
        @DisplayName("Should warn for Hb 11.9 g/dL outside pregnancy with RPL")
        void warnsBelow12OutsidePregnancy() {
            assertThat(withRpl(hb("11.9"))).singleElement().satisfies(f -> assertThat(f.summary())
                    .contains("below 12.0 g/dL for non-pregnant women"));
        }

        @Test
        @DisplayName("Should stay silent for Hb 12.0 g/dL outside pregnancy")
        void silentAt12OutsidePregnancy() {
            assertThat(withRpl(hb("12.0"))).isEmpty();
        }

        @Test
        @DisplayName("Should convert g/L: 109 g/L is 10.9 g/dL")
        void convertsGramsPerLitre() {
            assertThat(pregnantAt(10, 0, hb("109", "g/L", "2025-05-25")))
                    .singleElement()
                    .satisfies(f -> assertThat(f.summary()).startsWith("Hb 10.9 g/dL"));
            assertThat(pregnantAt(10, 0, hb("110", "g/L", "2025-05-25"))).isEmpty();
        }
    }

    @Nested
    @DisplayName("severity")
    class Severity {

        @Test
        @DisplayName("Should be critical below 7.0 g/dL")
        void criticalBelow7() {
            assertThat(pregnantAt(20, 0, hb("6.9"))).singleElement().satisfies(f -> assertThat(f.indicator())
                    .isEqualTo(Indicator.CRITICAL));
        }

        @Test
        @DisplayName(
                "Should call Hb 6.4 g/dL at 10+0 weeks severe, with the work-up, IV iron optional and last, and no oral iron")
        void severeInFirstTrimester() {
            // given
            // when
            List<Finding> findings = pregnantAt(10, 0, hb("6.4"));

            // then
            Finding f = headline(
                    findings,
                    "RPL-18",
                    Indicator.CRITICAL,
                    "Hb 6.4 g/dL at 10+0 weeks: severe anaemia. Same-day review; consider transfusion, or IV iron from"
                            + " the second trimester.");
            assertThat(f.actions())
                    .extracting(a -> a.concept().orElseThrow().code() == null
                            ? a.concept().orElseThrow().display()
                            : a.concept().orElseThrow().code())
                    .containsExactly(
                            "Same-day obstetric or medical review",
                            "58410-2",
                            "17849-1",
                            "2276-4",
                            "2132-9",
                            "2284-8",
                            "Haemoglobinopathy screen",
                            "Red-cell transfusion if symptomatic or bleeding",
                            "Intravenous iron once ferritin confirms iron deficiency");
            ProposedAction ivIron = f.actions().get(8);
            assertThat(ivIron.recommended()).isFalse();
            assertThat(ivIron.label()).startsWith("Optional: ");
            assertThat(f.actions().subList(0, 8))
                    .allSatisfy(a -> assertThat(a.recommended()).isTrue());
        }

        @Test
        @DisplayName("Should recommend IV iron for Hb 6.4 g/dL at 20+0 weeks, before the transfusion")
        void severeInSecondTrimester() {
            // given
            // when
            Finding f = pregnantAt(20, 0, hb("6.4")).get(0);

            // then
            assertThat(f.indicator()).isEqualTo(Indicator.CRITICAL);
            assertThat(f.summary()).startsWith("Hb 6.4 g/dL at 20+0 weeks: severe anaemia.");
            assertThat(f.actions()).allSatisfy(a -> assertThat(a.recommended()).isTrue());
            assertThat(f.actions().get(7).label()).isEqualTo("Intravenous iron once ferritin confirms iron deficiency");
            assertThat(f.actions())
                    .extracting(ProposedAction::label)
                    .noneMatch(label -> label.toLowerCase(java.util.Locale.ROOT).contains("oral iron"));
        }

        @Test
        @DisplayName("Should stay critical on active iron, without oral iron")
        void severeWhateverTheIronTherapy() {
            assertThat(pregnantAt(20, 0, hb("6.9"), iron(MedicationRequestStatus.ACTIVE)))
                    .singleElement()
                    .satisfies(f -> {
                        assertThat(f.indicator()).isEqualTo(Indicator.CRITICAL);
                        assertThat(f.actions())
                                .extracting(a -> a.concept().orElseThrow().code())
                                .doesNotContain("310325");
                    });
        }

        @Test
        @DisplayName("Should word severe anaemia outside pregnancy without a gestation")
        void severeOutsidePregnancy() {
            assertThat(withRpl(hb("6.5"))).singleElement().satisfies(f -> assertThat(f.summary())
                    .isEqualTo("Hb 6.5 g/dL: severe anaemia. Same-day review; consider transfusion or IV iron."));
        }

        @Test
        @DisplayName("Should be a warning at 7.0 g/dL")
        void warningAt7() {
            assertThat(pregnantAt(20, 0, hb("7.0"))).singleElement().satisfies(f -> assertThat(f.indicator())
                    .isEqualTo(Indicator.WARNING));
        }
    }

    @Nested
    @DisplayName("which result and who")
    class Scope {

        @Test
        @DisplayName("Should read a haemoglobin 30 days old")
        void reads30DaysOld() {
            assertThat(pregnantAt(20, 0, hb("9.5", "g/dL", "2025-05-02"))).hasSize(1);
        }

        @Test
        @DisplayName("Should not read a haemoglobin 31 days old")
        void ignores31DaysOld() {
            assertThat(pregnantAt(20, 0, hb("9.5", "g/dL", "2025-05-01"))).isEmpty();
        }

        @Test
        @DisplayName("Should read the latest haemoglobin only")
        void readsLatest() {
            assertThat(pregnantAt(20, 0, hb("9.5", "g/dL", "2025-05-10"), hb("11.2", "g/dL", "2025-05-28")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should stay silent after one loss outside pregnancy")
        void silentWithoutRplOrPregnancy() {
            assertThat(givenOneLoss(hb("9.0")).when(rule).findings()).isEmpty();
        }
    }

    @Nested
    @DisplayName("iron therapy")
    class IronTherapy {

        @Test
        @DisplayName("Should stay silent on active iron with Hb 9.0 g/dL")
        void silentOnIronFrom9() {
            assertThat(pregnantAt(20, 0, hb("9.0"), iron(MedicationRequestStatus.ACTIVE)))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should warn on active iron with Hb 8.9 g/dL, without suggesting iron again")
        void warnsOnIronBelow9() {
            assertThat(pregnantAt(20, 0, hb("8.9"), iron(MedicationRequestStatus.ACTIVE)))
                    .singleElement()
                    .satisfies(f -> assertThat(f.actions())
                            .extracting(a -> a.concept().orElseThrow().code())
                            .containsExactly("2276-4"));
        }

        @Test
        @DisplayName("Should suggest iron again when the prescription was stopped")
        void stoppedIronIsNotTherapy() {
            assertThat(pregnantAt(20, 0, hb("10.0"), iron(MedicationRequestStatus.STOPPED)))
                    .singleElement()
                    .satisfies(f -> assertThat(f.actions()).hasSize(2));
        }
    }
}
