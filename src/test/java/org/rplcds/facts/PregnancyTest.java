package org.rplcds.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.support.Fhir.ICD10CM;
import static org.rplcds.support.Fhir.SNOMED;
import static org.rplcds.support.Fhir.activeCondition;
import static org.rplcds.support.Fhir.condition;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.rplcds.support.Fhir;
import org.rplcds.support.Records;

/** Pregnancy and gestational age on 2025-06-01. */
@DisplayName("Current pregnancy")
class PregnancyTest {

    static Pregnancy pregnancy(IBaseResource... resources) {
        return Records.ofWoman(new LossCounting(24, true), resources).pregnancy();
    }

    static IBaseResource pregnant() {
        return activeCondition("preg", "p1", SNOMED, "77386006", "2025-03-01");
    }

    @Test
    @DisplayName("Should take gestational age from the due date first (280 days less the days to it)")
    void fromDueDate() {
        Pregnancy pregnancy = pregnancy(
                pregnant(),
                Fhir.dated("edd", "p1", "11778-8", "2025-12-01", "2025-04-01"),
                Fhir.dated("lmp", "p1", "8665-2", "2025-01-01", "2025-04-01"));

        assertThat(pregnancy.gestationalAgeDays()).contains(280 - 183);
        assertThat(pregnancy.gestation()).isEqualTo("13+6 weeks");
        assertThat(pregnancy.trimester()).contains(1);
    }

    @Test
    @DisplayName("Should add the days since a gestational-age observation, before the LMP")
    void fromGestationalAgeObservation() {
        Pregnancy pregnancy = pregnancy(
                pregnant(),
                Fhir.quantity("ga", "p1", "49051-6", "20", "wk", "2025-05-25"),
                Fhir.dated("lmp", "p1", "8665-2", "2025-01-01", "2025-04-01"));

        assertThat(pregnancy.gestationalAgeDays()).contains(20 * 7 + 7);
        assertThat(pregnancy.trimester()).contains(2);
    }

    @Test
    @DisplayName("Should count from the LMP, then from a Z3A code")
    void fromLmpThenZ3a() {
        assertThat(pregnancy(pregnant(), Fhir.dated("lmp", "p1", "8665-2", "2025-03-02", "2025-04-01"))
                        .gestationalAgeDays())
                .contains(91);
        assertThat(pregnancy(pregnant(), condition("z", "p1", ICD10CM, "Z3A.30", "2025-05-18"))
                        .gestationalAgeDays())
                .contains(30 * 7 + 14);
    }

    @Test
    @DisplayName("Should treat a gestational age beyond 45 weeks as unknown")
    void implausibleIsUnknown() {
        assertThat(pregnancy(pregnant(), Fhir.dated("lmp", "p1", "8665-2", "2024-01-01", "2025-04-01"))
                        .gestationalAgeDays())
                .isEmpty();
    }

    @Test
    @DisplayName("Should end the pregnancy at a loss on or after its start, and at a newer 'not pregnant' status")
    void endsPregnancy() {
        assertThat(pregnancy(pregnant(), condition("l", "p1", SNOMED, "19169002", "2025-03-01"))
                        .pregnant())
                .isFalse();
        Observation notPregnant = Fhir.quantity("s", "p1", "82810-3", "0", "1", "2025-05-01");
        notPregnant.setValue(new CodeableConcept(new Coding(SNOMED, "60001007", "Not pregnant")));
        assertThat(pregnancy(pregnant(), notPregnant).pregnant()).isFalse();
        assertThat(pregnancy(pregnant()).pregnant()).isTrue();
    }

    @Test
    @DisplayName("Should read a recent 'pregnant' status as a pregnancy, and one older than 300 days as none")
    void readsPregnancyStatus() {
        Observation recent = Fhir.quantity("s", "p1", "82810-3", "0", "1", "2025-05-01");
        recent.setValue(new CodeableConcept(new Coding(SNOMED, "77386006", "Pregnant")));
        Observation old = Fhir.quantity("s", "p1", "82810-3", "0", "1", "2024-08-01");
        old.setValue(new CodeableConcept(new Coding(SNOMED, "77386006", "Pregnant")));

        assertThat(pregnancy(recent).pregnant()).isTrue();
        assertThat(pregnancy(old).pregnant()).isFalse();
    }

    @Test
    @DisplayName(
            "Should read an active pregnancy diagnosis dated more than 300 days ago as a stale entry, not a pregnancy")
    void stalePregnancyDiagnosis() {
        // given active pregnancy diagnoses, one 300 days old (onset), one 301 (recorded date only)
        Condition recent = activeCondition("preg", "p1", SNOMED, "72892002", "2024-08-05");
        Condition stale = activeCondition("preg", "p1", SNOMED, "72892002", null);
        stale.setRecordedDateElement(new DateTimeType("2024-08-04"));

        // when
        // then
        assertThat(pregnancy(recent).pregnant()).isTrue();
        assertThat(pregnancy(stale).pregnant()).isFalse();
        assertThat(pregnancy(stale).gestationalAgeDays()).isEmpty();
    }
}
