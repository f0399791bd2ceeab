package org.rplcds.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rplcds.support.Fhir;
import org.rplcds.support.Records;

@DisplayName("Chart facts")
class ChartTest {

    static Chart chart(IBaseResource... resources) {
        return Records.ofWoman(new LossCounting(24, true), resources).chart();
    }

    static MedicationRequest prescription(
            String id, String system, String code, String text, MedicationRequest.MedicationRequestStatus status) {
        MedicationRequest request = new MedicationRequest();
        request.setId(id);
        request.setStatus(status);
        request.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        request.setSubject(new Reference("Patient/p1"));
        CodeableConcept medication = new CodeableConcept().setText(text);
        if (code != null) {
            medication.addCoding(new Coding(system, code, null));
        }
        request.setMedication(medication);
        return request;
    }

    @Nested
    @DisplayName("units")
    class Units {

        @ParameterizedTest(name = "{0} {1} {2} = {3}")
        @CsvSource({
            "3016-3, 3.2, uIU/mL, 3.2",
            "3016-3, 3.2, m[IU]/L, 3.2",
            "3024-7, 12.87, pmol/L, 1",
            "718-7, 105, g/L, 10.5",
            "718-7, 10.5, g/dL, 10.5",
            "8310-5, 101.3, [degF], 38.5",
            "11961-0, 2.4, cm, 24",
            "4548-4, 48, mmol/mol, 6.542"
        })
        @DisplayName("Should normalise results to the analyte's unit")
        void normalises(String loinc, String value, String unit, String expected) {
            Chart chart = chart(Fhir.quantity("o", "p1", loinc, value, unit, "2025-05-01"));

            assertThat(chart.labs()).singleElement().satisfies(r -> assertThat(
                            r.value().orElseThrow())
                    .isCloseTo(new BigDecimal(expected), org.assertj.core.data.Offset.offset(new BigDecimal("0.01"))));
        }

        @Test
        @DisplayName("Should keep a result in an unknown unit without a value, never comparing it")
        void unknownUnitHasNoValue() {
            Chart chart = chart(Fhir.quantity("o", "p1", "3016-3", "3.2", "furlongs", "2025-05-01"));

            assertThat(chart.latest(Analyte.TSH))
                    .hasValueSatisfying(r -> assertThat(r.value()).isEmpty());
            assertThat(chart.latestValue(Analyte.TSH)).isEmpty();
        }
    }

    @Test
    @DisplayName("Should ignore preliminary and entered-in-error results")
    void ignoresNonFinalResults() {
        Observation preliminary = Fhir.quantity("a", "p1", "3016-3", "9", "mIU/L", "2025-05-01");
        preliminary.setStatus(Observation.ObservationStatus.PRELIMINARY);
        Observation error = Fhir.quantity("b", "p1", "3016-3", "9", "mIU/L", "2025-05-02");
        error.setStatus(Observation.ObservationStatus.ENTEREDINERROR);

        assertThat(chart(preliminary, error).labs()).isEmpty();
    }

    @Test
    @DisplayName("Should read high from the lab's reference range in the result's unit")
    void readsReferenceRange() {
        Observation tsh = Fhir.quantity("a", "p1", "3016-3", "4.8", "mIU/L", "2025-05-01");
        tsh.addReferenceRange()
                .setLow(new Quantity().setValue(0.4).setCode("mIU/L"))
                .setHigh(new Quantity().setValue(4.5).setCode("mIU/L"));

        assertThat(chart(tsh).latest(Analyte.TSH)).hasValueSatisfying(r -> {
            assertThat(r.high()).hasValueSatisfying(h -> assertThat(h).isEqualByComparingTo("4.5"));
            assertThat(r.interpretation()).isEqualTo(Interpretation.HIGH);
        });
    }

    @Test
    @DisplayName("Should read a coded 'not detected' as negative and 'detected' as positive")
    void readsCodedResults() {
        Observation negative = Fhir.quantity("n", "p1", "21613-5", "0", "1", "2025-04-01");
        negative.setValue(new CodeableConcept(new Coding(Fhir.SNOMED, "260415000", "Not detected")));
        Observation positive = Fhir.quantity("p", "p1", "21613-5", "0", "1", "2025-05-01");
        positive.setValue(new CodeableConcept().setText("Detected"));

        assertThat(chart(negative, positive).results(Analyte.CHLAMYDIA))
                .extracting(LabResult::interpretation)
                .containsExactly(Interpretation.NEGATIVE, Interpretation.POSITIVE);
    }

    @Nested
    @DisplayName("prescriptions")
    class Prescriptions {

        @Test
        @DisplayName("Should match therapy by ingredient code or name, and not progesterone in medroxyprogesterone")
        void matchesByIngredient() {
            Chart chart = chart(
                    prescription(
                            "m1",
                            "http://www.nlm.nih.gov/research/umls/rxnorm",
                            "10582",
                            null,
                            MedicationRequest.MedicationRequestStatus.ACTIVE),
                    prescription(
                            "m2",
                            null,
                            null,
                            "Medroxyprogesterone acetate 10 mg tablet",
                            MedicationRequest.MedicationRequestStatus.ACTIVE),
                    prescription(
                            "m3",
                            null,
                            null,
                            "Utrogestan (progesterone) 200 mg",
                            MedicationRequest.MedicationRequestStatus.DRAFT));

            assertThat(chart.onTherapy(Drug.LEVOTHYROXINE)).isTrue();
            assertThat(chart.onTherapy(Drug.PROGESTERONE)).isFalse();
            assertThat(chart.medications(Drug.PROGESTERONE)).singleElement().satisfies(m -> assertThat(m.status())
                    .isEqualTo(RequestStatus.DRAFT));
        }

        @Test
        @DisplayName("Should not count a stopped prescription as therapy, and ignore one entered in error")
        void stoppedIsNotTherapy() {
            Chart chart = chart(
                    prescription("m1", null, null, "aspirin 81 mg", MedicationRequest.MedicationRequestStatus.STOPPED),
                    prescription(
                            "m2",
                            null,
                            null,
                            "enoxaparin 40 mg",
                            MedicationRequest.MedicationRequestStatus.ENTEREDINERROR));

            assertThat(chart.onTherapy(Drug.ASPIRIN)).isFalse();
            assertThat(chart.medications(Drug.HEPARIN)).isEmpty();
        }
    }

    @Test
    @DisplayName("Should ignore revoked orders and keep drafts as placed")
    void readsOrders() {
        ServiceRequest revoked = new ServiceRequest();
        revoked.setId("s1");
        revoked.setStatus(ServiceRequest.ServiceRequestStatus.REVOKED);
        revoked.setCode(new CodeableConcept(new Coding(Fhir.LOINC, "29770-5", null)));
        ServiceRequest draft = new ServiceRequest();
        draft.setId("s2");
        draft.setStatus(ServiceRequest.ServiceRequestStatus.DRAFT);
        draft.setCode(new CodeableConcept(new Coding(Fhir.LOINC, "3016-3", null)));

        Chart chart = chart(revoked, draft);

        assertThat(chart.ordered(Analyte.KARYOTYPE)).isFalse();
        assertThat(chart.ordered(Analyte.TSH)).isTrue();
    }

    @Nested
    @DisplayName("diagnostic reports")
    class Reports {

        @ParameterizedTest(name = "{0}")
        @CsvSource({"FINAL", "AMENDED", "CORRECTED"})
        @DisplayName("Should read a final, amended or corrected HSG report as a uterine assessment done")
        void readsAFinishedReport(DiagnosticReport.DiagnosticReportStatus status) {
            // given
            var report = Fhir.report("hsg", "p1", "25022-5", status, "2024-03-01");

            // when
            Chart chart = chart(report);

            // then
            assertThat(chart.results(Analyte.UTERINE_IMAGING)).singleElement().satisfies(r -> {
                assertThat(r.date()).isEqualTo(LocalDate.of(2024, 3, 1));
                assertThat(r.value()).isEmpty();
                assertThat(r.evidence().reference()).isEqualTo("DiagnosticReport/hsg");
            });
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource({"REGISTERED", "PARTIAL", "PRELIMINARY", "CANCELLED", "ENTEREDINERROR"})
        @DisplayName("Should not read a report that is not final, amended or corrected")
        void ignoresAnUnfinishedReport(DiagnosticReport.DiagnosticReportStatus status) {
            // given
            var report = Fhir.report("k", "p1", "29770-5", status, "2024-03-01");

            // when
            Chart chart = chart(report);

            // then
            assertThat(chart.resulted(Analyte.KARYOTYPE)).isFalse();
        }

        @Test
        @DisplayName("Should date a report by when it was issued when it has no effective time")
        void datesByIssuedWithoutEffective() {
            // given
            var report = Fhir.issuedOnly(
                    Fhir.report("k", "p1", "29770-5", DiagnosticReport.DiagnosticReportStatus.FINAL, "2024-03-01"),
                    "2024-03-09");

            // when
            Chart chart = chart(report);

            // then
            assertThat(chart.results(Analyte.KARYOTYPE)).singleElement().satisfies(r -> assertThat(r.date())
                    .isEqualTo(LocalDate.of(2024, 3, 9)));
        }

        @Test
        @DisplayName("Should read a cervical length report as a measurement without a value")
        void readsACervicalLengthReport() {
            // given
            var report =
                    Fhir.report("cl", "p1", "11961-0", DiagnosticReport.DiagnosticReportStatus.FINAL, "2025-05-25");

            // when
            Chart chart = chart(report);

            // then
            assertThat(chart.resulted(Analyte.CERVICAL_LENGTH)).isTrue();
            assertThat(chart.latestValue(Analyte.CERVICAL_LENGTH)).isEmpty();
        }

        @Test
        @DisplayName("Should not read a report of a test the rules do not ask about")
        void ignoresOtherReports() {
            // given a final TSH report
            var report =
                    Fhir.report("tsh", "p1", "3016-3", DiagnosticReport.DiagnosticReportStatus.FINAL, "2025-05-25");

            // when
            Chart chart = chart(report);

            // then
            assertThat(chart.labs()).isEmpty();
        }
    }
}
