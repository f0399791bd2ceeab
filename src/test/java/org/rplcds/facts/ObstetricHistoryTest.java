package org.rplcds.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.support.Fhir.ICD10CM;
import static org.rplcds.support.Fhir.SNOMED;
import static org.rplcds.support.Fhir.condition;
import static org.rplcds.support.Fhir.procedure;

import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rplcds.support.Fhir;
import org.rplcds.support.Records;

@DisplayName("Obstetric history")
class ObstetricHistoryTest {

    static final LossCounting ESHRE = new LossCounting(24, true);
    static final LossCounting SOURCE = new LossCounting(28, false);

    static ObstetricHistory history(LossCounting counting, IBaseResource... resources) {
        return Records.ofWoman(counting, resources).history();
    }

    @Nested
    @DisplayName("merging codings of one loss")
    class Merging {

        @Test
        @DisplayName("Should count codings 42 days apart as one loss")
        void mergesWithin42Days() {
            var history = history(
                    ESHRE,
                    condition("ed", "p1", ICD10CM, "O03.9", "2024-01-01"),
                    condition("list", "p1", SNOMED, "156073000", "2024-02-12"));

            assertThat(history.lossCount()).isEqualTo(1);
            assertThat(history.losses().get(0).evidence()).hasSize(2);
        }

        @Test
        @DisplayName("Should count codings 43 days apart as two losses")
        void separatesAfter42Days() {
            var history = history(
                    ESHRE,
                    condition("ed", "p1", ICD10CM, "O03.9", "2024-01-01"),
                    condition("list", "p1", SNOMED, "156073000", "2024-02-13"));

            assertThat(history.lossCount()).isEqualTo(2);
        }
    }

    @Test
    @DisplayName("Should never count ectopic, molar or induced pregnancies")
    void excludesEctopicMolarInduced() {
        var history = history(
                ESHRE,
                condition("e", "p1", ICD10CM, "O00.101", "2020-01-01"),
                condition("m", "p1", SNOMED, "44782008", "2021-01-01"),
                condition("i", "p1", ICD10CM, "Z33.2", "2022-01-01"),
                Fhir.procedure("ip", "p1", SNOMED, "714812005", "2023-01-01"));

        assertThat(history.lossCount()).isZero();
        assertThat(history.events())
                .extracting(PregnancyEvent::kind)
                .containsExactly(LossKind.ECTOPIC, LossKind.MOLAR, LossKind.INDUCED, LossKind.INDUCED);
    }

    @Test
    @DisplayName("Should let induced take precedence over miscarriage when one entry carries both")
    void inducedTakesPrecedence() {
        Condition both = condition("b", "p1", SNOMED, "17369002", "2022-01-01");
        both.getCode().addCoding(new Coding(SNOMED, "18391007", null));

        assertThat(history(ESHRE, both).events())
                .extracting(PregnancyEvent::kind)
                .containsExactly(LossKind.INDUCED);
    }

    @Test
    @DisplayName("Should break a consecutive run at a live birth")
    void liveBirthBreaksTheRun() {
        var history = history(
                ESHRE,
                condition("l1", "p1", SNOMED, "19169002", "2019-01-01"),
                condition("l2", "p1", SNOMED, "19169002", "2020-01-01"),
                condition("b", "p1", ICD10CM, "Z37.0", "2021-06-01"),
                condition("l3", "p1", SNOMED, "19169002", "2022-01-01"));

        assertThat(history.lossCount()).isEqualTo(3);
        assertThat(history.consecutiveRun()).contains(2);
    }

    @Test
    @DisplayName("Should not let an ectopic pregnancy break a consecutive run")
    void ectopicIsNeutral() {
        var history = history(
                ESHRE,
                condition("l1", "p1", SNOMED, "19169002", "2019-01-01"),
                condition("e", "p1", SNOMED, "34801009", "2020-01-01"),
                condition("l2", "p1", SNOMED, "19169002", "2021-01-01"));

        assertThat(history.consecutiveRun()).contains(2);
    }

    @Nested
    @DisplayName("the viability limit")
    class Viability {

        IBaseResource[] lossAt25Weeks() {
            return new IBaseResource[] {
                condition("l", "p1", SNOMED, "17369002", "2023-03-01"),
                Fhir.quantity("ga", "p1", "49051-6", "25", "wk", "2023-03-01")
            };
        }

        @Test
        @DisplayName("Should make a loss at 25 weeks a fetal death under a 24-week limit")
        void fetalDeathPast24() {
            var history = history(ESHRE, lossAt25Weeks());

            assertThat(history.lossCount()).isZero();
            assertThat(history.events()).extracting(PregnancyEvent::kind).containsExactly(LossKind.FETAL_DEATH);
            assertThat(history.fetalLoss10w()).isTrue();
        }

        @Test
        @DisplayName("Should keep a loss at 25 weeks a second-trimester miscarriage under a 28-week limit")
        void miscarriageBefore28() {
            var history = history(SOURCE, lossAt25Weeks());

            assertThat(history.lossCount()).isEqualTo(1);
            assertThat(history.secondTrimesterLoss()).isTrue();
            assertThat(history.losses().get(0).gestationalWeeks()).contains(25);
        }
    }

    @Test
    @DisplayName("Should ignore refuted and entered-in-error conditions")
    void ignoresRefuted() {
        Condition error = condition("x", "p1", SNOMED, "19169002", "2021-01-01");
        error.setVerificationStatus(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/condition-ver-status", "entered-in-error", null)));

        var history = history(ESHRE, Fhir.refuted(condition("r", "p1", SNOMED, "19169002", "2020-01-01")), error);

        assertThat(history.lossCount()).isZero();
    }

    @Test
    @DisplayName("Should take a recorded count larger than the events, with the order unknown")
    void takesTheRecordedCount() {
        var history = history(
                ESHRE,
                condition("l1", "p1", SNOMED, "19169002", "2019-01-01"),
                Fhir.count("n", "p1", "11614-5", 3, "2024-01-01"));

        assertThat(history.lossCount()).isEqualTo(3);
        assertThat(history.consecutiveRun()).isEqualTo(Optional.empty());
    }

    @Test
    @DisplayName("Should count a biochemical loss only where the profile counts them")
    void countsBiochemicalByProfile() {
        IBaseResource biochemical = condition("b", "p1", SNOMED, "237243004", "2022-01-01");

        assertThat(history(ESHRE, biochemical).lossCount()).isEqualTo(1);
        assertThat(history(SOURCE, biochemical).lossCount()).isZero();
    }

    @Test
    @DisplayName("Should make the order unknown when a loss has no date")
    void undatedLossMakesOrderUnknown() {
        var history = history(
                SOURCE,
                condition("l1", "p1", SNOMED, "19169002", "2019-01-01"),
                condition("l2", "p1", SNOMED, "19169002", null));

        assertThat(history.lossCount()).isEqualTo(2);
        assertThat(history.consecutiveRun()).isEmpty();
    }

    @Test
    @DisplayName("Should take the gestational age of a loss from a Z3A code of the same encounter")
    void readsZ3aOfTheSameEncounter() {
        Condition loss = condition("l", "p1", ICD10CM, "O03.9", "2023-03-01");
        Condition weeks = condition("w", "p1", ICD10CM, "Z3A.15", "2023-03-01");
        loss.getEncounter().setReference("Encounter/e1");
        weeks.getEncounter().setReference("Encounter/e1");

        var history = history(ESHRE, loss, weeks);

        assertThat(history.losses().get(0).gestationalWeeks()).contains(15);
        assertThat(history.secondTrimesterLoss()).isTrue();
    }

    @Nested
    @DisplayName("deliveries that break a consecutive run")
    class Deliveries {

        @Test
        @DisplayName("Should break a consecutive run at Synthea's premature-birth procedure 65588006")
        void syntheaPrematureBirthBreaksTheRun() {
            // given three losses with a premature birth between the second and the third
            var history = history(
                    SOURCE,
                    condition("l1", "p1", SNOMED, "19169002", "2019-01-01"),
                    condition("l2", "p1", SNOMED, "19169002", "2020-01-01"),
                    procedure("birth", "p1", SNOMED, "65588006", "2021-06-01"),
                    condition("l3", "p1", SNOMED, "19169002", "2022-01-01"));

            // when
            var run = history.consecutiveRun();

            // then
            assertThat(run).contains(2);
            assertThat(history.events()).extracting(PregnancyEvent::kind).contains(LossKind.LIVE_BIRTH);
        }

        @Test
        @DisplayName("Should break a consecutive run at a delivery procedure whatever its recorded gestation")
        void deliveryBreaksTheRunAtAnyGestation() {
            // given a caesarean section on a day a gestational age of 20 weeks is recorded
            var history = history(
                    SOURCE,
                    condition("l1", "p1", SNOMED, "19169002", "2019-01-01"),
                    condition("l2", "p1", SNOMED, "19169002", "2020-01-01"),
                    Fhir.quantity("ga", "p1", "49051-6", "20", "wk", "2021-06-01"),
                    procedure("cs", "p1", SNOMED, "11466000", "2021-06-01"),
                    condition("l3", "p1", SNOMED, "19169002", "2022-01-01"));

            // when
            var run = history.consecutiveRun();

            // then
            assertThat(run).contains(2);
        }

        @Test
        @DisplayName("Should not count a delivery as a live birth when a stillbirth is coded the same day")
        void sameDayStillbirthWinsOverTheDelivery() {
            // given a caesarean section and a stillbirth (Z37.1) on the same day between two losses and a third
            var history = history(
                    SOURCE,
                    condition("l1", "p1", SNOMED, "19169002", "2019-01-01"),
                    condition("l2", "p1", SNOMED, "19169002", "2020-01-01"),
                    procedure("cs", "p1", SNOMED, "11466000", "2021-06-01"),
                    condition("sb", "p1", ICD10CM, "Z37.1", "2021-06-01"),
                    condition("l3", "p1", SNOMED, "19169002", "2022-01-01"));

            // when
            var events = history.events();

            // then
            assertThat(events).extracting(PregnancyEvent::kind).doesNotContain(LossKind.LIVE_BIRTH);
            assertThat(history.consecutiveRun()).contains(3);
        }

        @Test
        @DisplayName("Should still count a delivery as a live birth when the same-day code names a live-born twin")
        void twinsOneLivebornLeaveTheDelivery() {
            // given a caesarean section and Z37.3 (twins, one liveborn and one stillborn) on the same day
            var history = history(
                    SOURCE,
                    condition("l1", "p1", SNOMED, "19169002", "2019-01-01"),
                    procedure("cs", "p1", SNOMED, "11466000", "2021-06-01"),
                    condition("tw", "p1", ICD10CM, "Z37.3", "2021-06-01"),
                    condition("l2", "p1", SNOMED, "19169002", "2022-01-01"));

            // when
            var run = history.consecutiveRun();

            // then
            assertThat(history.events()).extracting(PregnancyEvent::kind).contains(LossKind.LIVE_BIRTH);
            assertThat(run).contains(1);
        }

        @Test
        @DisplayName("Should still count a delivery as a live birth when the stillbirth is coded on another day")
        void stillbirthOnAnotherDayLeavesTheDelivery() {
            // given a caesarean section one day after a stillbirth code
            var history = history(
                    SOURCE,
                    condition("l1", "p1", SNOMED, "19169002", "2019-01-01"),
                    procedure("cs", "p1", SNOMED, "11466000", "2021-06-02"),
                    condition("sb", "p1", ICD10CM, "Z37.1", "2021-06-01"));

            // when
            var events = history.events();

            // then
            assertThat(events).extracting(PregnancyEvent::kind).contains(LossKind.LIVE_BIRTH);
        }
    }
}
