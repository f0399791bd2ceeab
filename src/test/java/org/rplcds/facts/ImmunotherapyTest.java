package org.rplcds.facts;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.MedicationRequest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Immunotherapy for recurrent pregnancy loss is an explicit list, never a substring: anti-D and
 * the other immune globulins given for another reason are never it, checked first and winning.
 */
@DisplayName("Immunotherapy for recurrent pregnancy loss")
class ImmunotherapyTest {

    static final String CVX = "http://hl7.org/fhir/sid/cvx";

    static boolean immunotherapy(String system, String code, String text) {
        MedicationRequest request =
                ChartTest.prescription("m1", system, code, text, MedicationRequest.MedicationRequestStatus.ACTIVE);
        return !ChartTest.chart(request).medications(Drug.IMMUNOTHERAPY).isEmpty();
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            value = {
                "http://hl7.org/fhir/sid/cvx | 87 | immune globulin, intravenous",
                "- | - | IVIG 0.4 g/kg",
                "- | - | Intravenous immunoglobulin (human) infusion",
                "- | - | Paternal lymphocyte immunisation",
                "- | - | Intralipid 20% infusion",
            })
    @DisplayName("Should read these as immunotherapy")
    void reads(String system, String code, String text) {
        assertThat(immunotherapy(system, code, text)).isTrue();
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            value = {
                "http://hl7.org/fhir/sid/cvx | 157 | Rho(D) immune globulin 1500 IU IM",
                "http://hl7.org/fhir/sid/cvx | 156 | Rho(D) immune globulin intravenous (WinRho)",
                "- | - | WinRho SDF immune globulin intravenous 600 micrograms",
                "- | - | Anti-D immunoglobulin 1500 IU",
                "http://hl7.org/fhir/sid/cvx | 36 | VariZIG varicella zoster immune globulin",
                "- | - | Hepatitis B immune globulin",
                "http://www.nlm.nih.gov/research/umls/rxnorm | 1011 | antithymocyte globulin",
                "- | - | immune globulin",
                "- | - | Immunoglobulin",
                "- | - | lymphocyte count",
                "- | - | Subcutaneous immunoglobulin 20%",
            })
    @DisplayName("Should never read these as immunotherapy")
    void neverReads(String system, String code, String text) {
        assertThat(immunotherapy(system, code, text)).isFalse();
    }

    @Test
    @DisplayName("Should let the never-flagged code win over an immunotherapy code on the same medicine")
    void neverWins() {
        MedicationRequest request = ChartTest.prescription(
                "m1", CVX, "87", "immune globulin", MedicationRequest.MedicationRequestStatus.ACTIVE);
        request.getMedicationCodeableConcept().addCoding().setSystem(CVX).setCode("157");

        assertThat(ChartTest.chart(request).medications(Drug.IMMUNOTHERAPY)).isEmpty();
    }
}
