package org.rplcds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.rules.RuleSpec.given;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestStatus;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Timing;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rplcds.rules.derived.Thrombosis;
import org.rplcds.support.Fhir;
import org.rplcds.support.FhirOrders;

@DisplayName("RPL-27 anticoagulation in pregnancy")
class Rpl27AnticoagulationTest {

    final Rpl27Anticoagulation rule = new Rpl27Anticoagulation();

    static MedicationRequest dosed(MedicationRequest request, String text, double amount, String unit, int perDay) {
        Dosage dosage = request.addDosageInstruction().setText(text);
        dosage.addDoseAndRate().setDose(new Quantity().setValue(amount).setUnit(unit));
        dosage.setTiming(new Timing()
                .setRepeat(new Timing.TimingRepeatComponent()
                        .setFrequency(perDay)
                        .setPeriod(BigDecimal.ONE)
                        .setPeriodUnit(Timing.UnitsOfTime.D)));
        return request;
    }

    static MedicationRequest warfarin(MedicationRequestStatus status) {
        return dosed(
                FhirOrders.prescription(
                        "warfarin",
                        "p1",
                        status,
                        FhirOrders.RXNORM,
                        "855332",
                        "Warfarin Sodium 5 MG Oral Tablet",
                        "2024-02-01"),
                "5 mg orally once daily",
                5,
                "mg",
                1);
    }

    static MedicationRequest enoxaparin(String id, double mg, int perDay) {
        return dosed(
                FhirOrders.prescription(
                        id,
                        "p1",
                        MedicationRequestStatus.ACTIVE,
                        FhirOrders.RXNORM,
                        "67108",
                        "Enoxaparin",
                        "2025-05-01"),
                "",
                mg,
                "mg",
                perDay);
    }

    /** A woman pregnant at weeks+days, weighing 64 kg last month, and the resources given. */
    static RuleSpec.Given pregnantAt(int weeks, int days, IBaseResource... more) {
        List<IBaseResource> resources = new ArrayList<>();
        resources.add(Fhir.woman("p1", "1990-01-01"));
        resources.addAll(FhirOrders.pregnantAt("p1", weeks, days));
        resources.add(Fhir.quantity("weight", "p1", "29463-7", "64", "kg", "2025-05-01"));
        resources.addAll(List.of(more));
        return given(resources);
    }

    @Nested
    @DisplayName("an oral anticoagulant in pregnancy")
    class OralAnticoagulant {

        @Test
        @DisplayName(
                "Should give a critical card: stop warfarin and start enoxaparin 64 mg twice daily in one suggestion")
        void switchesToTherapeuticLmwh() {
            Finding card = pregnantAt(6, 2, warfarin(MedicationRequestStatus.ACTIVE))
                    .when(rule)
                    .card();

            assertThat(card.indicator()).isEqualTo(Indicator.CRITICAL);
            assertThat(card.summary())
                    .isEqualTo("Warfarin in pregnancy at 6+2 weeks: stop today and switch to therapeutic-dose LMWH."
                            + " Same-day haematology or obstetric medicine review.");
            ProposedAction switchTo = card.actions().get(0);
            assertThat(switchTo.concept().orElseThrow().code()).isEqualTo("67108");
            assertThat(switchTo.text()).startsWith("Enoxaparin 64 mg (1 mg/kg at 64 kg");
            assertThat(switchTo.with()).singleElement().satisfies(stop -> {
                assertThat(stop.kind()).isEqualTo(ProposedAction.Kind.STOP);
                assertThat(stop.target()).contains("MedicationRequest/warfarin");
                assertThat(stop.record()).isPresent();
            });
            assertThat(card.actions())
                    .extracting(a -> a.concept().map(Concept::code).orElse(null))
                    .contains("6301-6")
                    .doesNotContain("854235");
        }

        @Test
        @DisplayName("Should never stop or switch with a mechanical heart valve: a same-day review")
        void mechanicalValve() {
            Finding card = pregnantAt(
                            7,
                            0,
                            warfarin(MedicationRequestStatus.ACTIVE),
                            Fhir.activeCondition("valve", "p1", Fhir.ICD10CM, "Z95.2", "2019-01-01"))
                    .when(rule)
                    .card();

            assertThat(card.indicator()).isEqualTo(Indicator.CRITICAL);
            assertThat(card.summary()).contains("with a mechanical heart valve");
            assertThat(card.actions())
                    .allSatisfy(a -> assertThat(a.kind()).isEqualTo(ProposedAction.Kind.SERVICE_REQUEST))
                    .allSatisfy(a -> assertThat(a.with()).isEmpty());
        }

        @Test
        @DisplayName("Should give no card outside pregnancy")
        void notPregnant() {
            given(Fhir.woman("p1", "1990-01-01"), warfarin(MedicationRequestStatus.ACTIVE))
                    .when(rule)
                    .noCard();
        }

        @Test
        @DisplayName("Should read apixaban by its brand name")
        void brandName() {
            MedicationRequest eliquis = FhirOrders.prescriptionText(
                    "doac", "p1", MedicationRequestStatus.ACTIVE, "Eliquis 5 mg tablets", "2025-01-01");
            assertThat(pregnantAt(8, 0, eliquis).when(rule).card().summary())
                    .startsWith("Apixaban in pregnancy at 8+0");
        }
    }

    @Nested
    @DisplayName("a previous venous thromboembolism")
    class PreviousVte {

        @Test
        @DisplayName("Should offer prophylactic enoxaparin 40 mg at 64 kg after a past DVT coded Z86.718")
        void prophylaxis() {
            Finding card = pregnantAt(10, 0, Fhir.activeCondition("dvt", "p1", Fhir.ICD10CM, "Z86.718", "2022-01-01"))
                    .when(rule)
                    .card();

            assertThat(card.indicator()).isEqualTo(Indicator.WARNING);
            assertThat(card.actions()).singleElement().satisfies(a -> {
                assertThat(a.concept().orElseThrow().code()).isEqualTo("854235");
                assertThat(a.text()).startsWith("Enoxaparin 40 mg (50-90 kg)");
            });
        }

        @Test
        @DisplayName("Should not count Z86.72, a past thrombophlebitis")
        void thrombophlebitis() {
            pregnantAt(10, 0, Fhir.activeCondition("tp", "p1", Fhir.ICD10CM, "Z86.72", "2022-01-01"))
                    .when(rule)
                    .noCard();
        }

        @Test
        @DisplayName("Should stay silent on heparin already")
        void onHeparin() {
            pregnantAt(
                            10,
                            0,
                            Fhir.activeCondition("dvt", "p1", Fhir.ICD10CM, "Z86.718", "2022-01-01"),
                            enoxaparin("lmwh", 40, 1))
                    .when(rule)
                    .noCard();
        }
    }

    @Nested
    @DisplayName("heparin dose classes")
    class HeparinDose {

        Thrombosis.HeparinDose dose(MedicationRequest heparin) {
            var assessment = given(Fhir.woman("p1", "1990-01-01"), heparin).assessment();
            return assessment.derived().thrombosis().heparinDose();
        }

        @Test
        @DisplayName("Should read enoxaparin 40 mg once daily as prophylactic, 41 mg or twice daily as therapeutic")
        void enoxaparinDoses() {
            assertThat(dose(enoxaparin("a", 40, 1))).isEqualTo(Thrombosis.HeparinDose.PROPHYLACTIC);
            assertThat(dose(enoxaparin("b", 41, 1))).isEqualTo(Thrombosis.HeparinDose.THERAPEUTIC);
            assertThat(dose(enoxaparin("c", 40, 2))).isEqualTo(Thrombosis.HeparinDose.THERAPEUTIC);
        }

        @Test
        @DisplayName("Should read a dose written only in words, and no dose as unknown")
        void writtenDose() {
            MedicationRequest written = FhirOrders.prescription(
                    "d", "p1", MedicationRequestStatus.ACTIVE, FhirOrders.RXNORM, "67108", "Enoxaparin", "2025-05-01");
            assertThat(dose(written)).isEqualTo(Thrombosis.HeparinDose.UNKNOWN);
            MedicationRequest dalteparin = FhirOrders.prescriptionText(
                    "e", "p1", MedicationRequestStatus.ACTIVE, "Dalteparin 5000 units", "2025-05-01");
            dalteparin.addDosageInstruction().setText("5000 units subcutaneously once daily");
            assertThat(dose(dalteparin)).isEqualTo(Thrombosis.HeparinDose.PROPHYLACTIC);
            MedicationRequest perKilo =
                    FhirOrders.prescriptionText("f", "p1", MedicationRequestStatus.ACTIVE, "Enoxaparin", "2025-05-01");
            perKilo.addDosageInstruction().setText("1 mg/kg twice daily");
            assertThat(dose(perKilo)).isEqualTo(Thrombosis.HeparinDose.THERAPEUTIC);
        }
    }
}
