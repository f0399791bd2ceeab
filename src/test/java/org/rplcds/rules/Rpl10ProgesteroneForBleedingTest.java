package org.rplcds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.rplcds.rules.RuleSpec.given;
import static org.rplcds.rules.RuleSpec.headline;
import static org.rplcds.support.Fhir.ICD10CM;
import static org.rplcds.support.Fhir.SNOMED;
import static org.rplcds.support.Fhir.activeCondition;
import static org.rplcds.support.Fhir.condition;
import static org.rplcds.support.Fhir.prescription;
import static org.rplcds.support.Fhir.woman;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rplcds.support.Fhir;
import org.rplcds.support.Profiles;

@DisplayName("RPL-10 progesterone for early-pregnancy bleeding")
class Rpl10ProgesteroneForBleedingTest {

    static final String SUMMARY = "Early-pregnancy bleeding with previous miscarriage. Offer vaginal micronised"
            + " progesterone 400 mg twice daily until 16 weeks.";

    final Recommendation rule = new Rpl10ProgesteroneForBleeding();

    static final String UNCONFIRMED = "Early-pregnancy bleeding after a miscarriage. If a scan confirms an"
            + " intrauterine pregnancy, offer vaginal progesterone 400 mg twice daily.";

    /**
     * Pregnant at the given gestational age (days) after one miscarriage, a fetal heart seen on
     * 2025-05-25 (this pregnancy), with the given entries.
     */
    List<Finding> pregnantAfterLoss(int days, IBaseResource... more) {
        List<IBaseResource> resources = new ArrayList<>(List.of(fetalHeart("2025-05-25")));
        resources.addAll(List.of(more));
        return pregnantWithoutScan(days, resources.toArray(IBaseResource[]::new));
    }

    /** The rules that give a card at 9+0 weeks, heartbeat seen, with the resources given. */
    List<String> cardsAtNineWeeks(IBaseResource... more) {
        return pregnantAfterLoss(63, more).stream().map(Finding::ruleId).toList();
    }

    /** Pregnant at the given gestational age (days) after one miscarriage, no scan on record. */
    List<Finding> pregnantWithoutScan(int days, IBaseResource... more) {
        List<IBaseResource> resources = new ArrayList<>(List.of(
                woman("p1", "1990-01-01"),
                condition("loss", "p1", SNOMED, "19169002", "2024-01-10"),
                activeCondition("preg", "p1", SNOMED, "77386006", "2025-01-01"),
                Fhir.dueDateFor("edd", "p1", days)));
        resources.addAll(List.of(more));
        return given(resources).under(Profiles.ESHRE2022).when(rule).findings();
    }

    static IBaseResource fetalHeart(String date) {
        return Fhir.quantity("fh-" + date, "p1", "55283-6", "152", "/min", date);
    }

    /** Bleeding in this pregnancy, recorded as settled, that began on the date given. */
    static IBaseResource settledBleeding(String onset) {
        return condition("bleed", "p1", ICD10CM, "O20.9", onset);
    }

    static IBaseResource bleeding() {
        return activeCondition("bleed", "p1", ICD10CM, "O20.0", "2025-05-30");
    }

    static IBaseResource progesterone(MedicationRequestStatus status) {
        return prescription("p4", "p1", "8727", "Progesterone 200 mg vaginal capsule", status, "2025-05-30");
    }

    @Nested
    @DisplayName("an intrauterine pregnancy confirmed by scan (NICE NG126)")
    class ScanConfirmation {

        @Test
        @DisplayName("Should ask for the scan first and offer progesterone as not recommended when no scan confirms it")
        void noScan() {
            // given pregnant at 8+0 weeks, bleeding, one miscarriage, no scan finding in this pregnancy
            // when
            List<Finding> findings = pregnantWithoutScan(56, bleeding());

            // then
            assertThat(findings).singleElement().satisfies(f -> {
                assertThat(f.indicator()).isEqualTo(Indicator.WARNING);
                assertThat(f.summary()).isEqualTo(UNCONFIRMED).hasSize(138);
                assertThat(f.actions())
                        .extracting(a -> a.concept().orElseThrow().display(), ProposedAction::recommended)
                        .containsExactly(
                                tuple("Transvaginal ultrasound to confirm an intrauterine pregnancy", true),
                                tuple("Progesterone", false));
                assertThat(f.actions().get(0).concept().orElseThrow().code()).isNull();
            });
        }

        @Test
        @DisplayName("Should not take a scan finding from before this pregnancy for this one")
        void scanBeforeThisPregnancy() {
            // given an intrauterine pregnancy on record on 2024-01-02, before this pregnancy (from 2025-04-06)
            // when
            List<Finding> findings =
                    pregnantWithoutScan(56, bleeding(), condition("iup", "p1", SNOMED, "65727000", "2024-01-02"));

            // then
            assertThat(findings).singleElement().satisfies(f -> assertThat(f.summary())
                    .isEqualTo(UNCONFIRMED));
        }

        @Test
        @DisplayName(
                "Should offer progesterone as recommended once an intrauterine pregnancy is on record in this pregnancy")
        void intrauterineFinding() {
            // given an "antenatal ultrasound confirms intrauterine pregnancy" finding on 2025-05-20
            // when
            List<Finding> findings =
                    pregnantWithoutScan(56, bleeding(), condition("iup", "p1", SNOMED, "370383002", "2025-05-20"));

            // then
            assertThat(findings).singleElement().satisfies(f -> {
                assertThat(f.summary()).isEqualTo(SUMMARY);
                assertThat(f.actions()).singleElement().satisfies(a -> {
                    assertThat(a.concept().orElseThrow().code()).isEqualTo("8727");
                    assertThat(a.recommended()).isTrue();
                });
            });
        }

        @Test
        @DisplayName("Should not fire at all while an ectopic pregnancy is active")
        void ectopic() {
            // given bleeding, no scan, and an ectopic pregnancy diagnosis still active, coded before the
            // pregnancy was (so it does not end the pregnancy on the record)
            // when
            List<Finding> findings = pregnantWithoutScan(
                    56, bleeding(), activeCondition("ectopic", "p1", SNOMED, "34801009", "2024-12-20"));

            // then
            assertThat(findings).isEmpty();
        }
    }

    @Test
    @DisplayName("Should not fire at all while a pregnancy of unknown location is active")
    void pregnancyOfUnknownLocation() {
        // given bleeding, no scan, and a pregnancy of unknown location by the site's code
        // when
        List<Finding> findings = pregnantWithoutScan(
                56,
                bleeding(),
                activeCondition(
                        "pul",
                        "p1",
                        "http://recurrent-miscarriage-cds.org/fhir/CodeSystem/site-codes",
                        "pregnancy-unknown-location",
                        "2025-05-30"));

        // then
        assertThat(findings).isEmpty();
    }

    @Test
    @DisplayName("Should still offer progesterone to a woman on anti-D immunoglobulin")
    void onAntiD() {
        // given bleeding at 9+0 weeks, a fetal heart seen, and anti-D (CVX 157) active
        MedicationRequest antiD = prescription(
                "anti-d",
                "p1",
                null,
                "Rho(D) immune globulin 1500 IU intramuscular",
                MedicationRequestStatus.ACTIVE,
                "2025-05-30");
        antiD.getMedicationCodeableConcept()
                .addCoding(new org.hl7.fhir.r4.model.Coding("http://hl7.org/fhir/sid/cvx", "157", "Rho(D)-IG IM"));

        // when
        List<Finding> findings = pregnantAfterLoss(63, bleeding(), antiD);

        // then
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.summary()).isEqualTo(SUMMARY);
            assertThat(f.actions())
                    .extracting(a -> a.concept().orElseThrow().code())
                    .containsExactly("8727");
        });
    }

    @Nested
    @DisplayName("gestational age")
    class GestationalAge {

        @Test
        @DisplayName("Should warn and offer progesterone until 16+0 weeks at 8+0 weeks")
        void eightWeeks() {
            // given pregnant at 8+0 weeks, bleeding, one previous miscarriage
            // when
            List<Finding> findings = pregnantAfterLoss(56, bleeding());

            // then
            Finding f = headline(findings, "RPL-10", Indicator.WARNING, SUMMARY);
            assertThat(f.actions()).singleElement().satisfies(a -> {
                assertThat(a.kind()).isEqualTo(ProposedAction.Kind.MEDICATION_REQUEST);
                assertThat(a.concept().orElseThrow().code()).isEqualTo("8727");
                assertThat(a.text()).contains("400 mg").contains("twice daily");
                // 16+0 weeks is 56 days after 8+0 weeks
                assertThat(a.until()).contains(LocalDate.of(2025, 7, 27));
            });
        }

        @Test
        @DisplayName("Should fire at 15+6 weeks")
        void fifteenWeeksSixDays() {
            assertThat(pregnantAfterLoss(111, bleeding()))
                    .singleElement()
                    .satisfies(f -> assertThat(f.actions().get(0).until()).contains(LocalDate.of(2025, 6, 2)));
        }

        @Test
        @DisplayName("Should not fire at 16+0 weeks")
        void sixteenWeeks() {
            assertThat(pregnantAfterLoss(112, bleeding())).isEmpty();
        }

        @Test
        @DisplayName("Should not fire when the gestational age is unknown")
        void unknownGestation() {
            assertThat(given(List.of(
                                    woman("p1", "1990-01-01"),
                                    condition("loss", "p1", SNOMED, "19169002", "2024-01-10"),
                                    activeCondition("preg", "p1", SNOMED, "77386006", "2025-04-01"),
                                    bleeding()))
                            .under(Profiles.ESHRE2022)
                            .when(rule)
                            .findings())
                    .isEmpty();
        }
    }

    @Nested
    @DisplayName("bleeding")
    class Bleeding {

        @Test
        @DisplayName("Should count bleeding that has settled when it began 7 days ago")
        void sevenDaysAgo() {
            assertThat(cardsAtNineWeeks(settledBleeding("2025-05-25"))).containsExactly("RPL-10");
        }

        @Test
        @DisplayName("Should not count bleeding that has settled when it began 8 days ago")
        void eightDaysAgo() {
            assertThat(cardsAtNineWeeks(settledBleeding("2025-05-24"))).isEmpty();
        }

        @Test
        @DisplayName("Should count active bleeding however long ago it began in this pregnancy")
        void activeBleeding() {
            assertThat(cardsAtNineWeeks(activeCondition("bleed", "p1", ICD10CM, "O20.8", "2025-04-10")))
                    .containsExactly("RPL-10");
        }

        @Test
        @DisplayName("Should not count bleeding from before this pregnancy")
        void earlierPregnancy() {
            // given at 9+0 weeks (start 2025-03-30), a bleeding diagnosis left active from 2024
            assertThat(cardsAtNineWeeks(activeCondition("bleed", "p1", ICD10CM, "O20.0", "2024-01-02")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should not fire without bleeding")
        void noBleeding() {
            assertThat(pregnantAfterLoss(63)).isEmpty();
        }
    }

    @Nested
    @DisplayName("previous miscarriage")
    class PreviousMiscarriage {

        /** The rules that give a card for bleeding at 9+0 weeks, no scan, after the history given. */
        List<String> bleedingAtNineWeeksAfter(IBaseResource... history) {
            List<IBaseResource> resources = new ArrayList<>(List.of(woman("p1", "1990-01-01")));
            resources.addAll(List.of(history));
            resources.addAll(List.of(
                    activeCondition("preg", "p1", SNOMED, "77386006", "2025-04-01"),
                    Fhir.dueDateFor("edd", "p1", 63),
                    bleeding()));
            return given(resources).under(Profiles.ESHRE2022).when(rule).findings().stream()
                    .map(Finding::ruleId)
                    .toList();
        }

        @Test
        @DisplayName("Should not fire in a first pregnancy")
        void noLoss() {
            assertThat(bleedingAtNineWeeksAfter()).isEmpty();
        }

        @Test
        @DisplayName("Should fire on a history of miscarriage without a count")
        void historyOnly() {
            assertThat(bleedingAtNineWeeksAfter(condition("h", "p1", SNOMED, "161744009", null)))
                    .containsExactly("RPL-10");
        }

        @Test
        @DisplayName("Should not count an ectopic pregnancy as a miscarriage")
        void ectopic() {
            assertThat(bleedingAtNineWeeksAfter(condition("e", "p1", ICD10CM, "O00.101", "2024-01-10")))
                    .isEmpty();
        }
    }

    @Nested
    @DisplayName("progesterone already prescribed")
    class OnProgesterone {

        @Test
        @DisplayName("Should not fire when progesterone is active")
        void active() {
            assertThat(cardsAtNineWeeks(bleeding(), progesterone(MedicationRequestStatus.ACTIVE)))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should fire when progesterone was stopped")
        void stopped() {
            assertThat(cardsAtNineWeeks(bleeding(), progesterone(MedicationRequestStatus.STOPPED)))
                    .containsExactly("RPL-10");
        }

        @Test
        @DisplayName("Should not take medroxyprogesterone for progesterone")
        void medroxyprogesterone() {
            assertThat(pregnantAfterLoss(
                            63,
                            bleeding(),
                            prescription(
                                    "mpa",
                                    "p1",
                                    null,
                                    "Medroxyprogesterone acetate 10 mg oral tablet",
                                    MedicationRequestStatus.ACTIVE,
                                    "2025-05-30")))
                    .extracting(Finding::ruleId)
                    .containsExactly("RPL-10");
        }

        @Test
        @DisplayName("Should warn without suggesting progesterone again when it is only drafted")
        void drafted() {
            assertThat(pregnantAfterLoss(63, bleeding(), progesterone(MedicationRequestStatus.DRAFT)))
                    .singleElement()
                    .satisfies(f -> {
                        assertThat(f.summary()).isEqualTo(SUMMARY);
                        assertThat(f.actions()).isEmpty();
                    });
        }
    }

    @Test
    @DisplayName("Should not fire outside pregnancy")
    void notPregnant() {
        assertThat(given(List.of(
                                woman("p1", "1990-01-01"),
                                condition("loss", "p1", SNOMED, "19169002", "2024-01-10"),
                                bleeding()))
                        .under(Profiles.ESHRE2022)
                        .when(rule)
                        .findings())
                .isEmpty();
    }
}
