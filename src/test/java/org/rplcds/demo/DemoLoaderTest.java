package org.rplcds.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.rplcds.support.Fhir;
import org.rplcds.support.FhirTestServer;
import org.rplcds.support.FixedClock;

@DisplayName("Demo patients loaded into another FHIR server")
class DemoLoaderTest {

    @Test
    @DisplayName("Should write every demo resource, dated as written when today is the date they were written")
    void writesEveryResource() throws Exception {
        // given
        int expected = DemoPatients.load(Fhir.CONTEXT).size();
        try (FhirTestServer target = FhirTestServer.start()) {
            DemoLoader loader = new DemoLoader(Fhir.CONTEXT, Clock.fixed(FixedClock.NOW, ZoneOffset.UTC));

            // when
            int written = loader.load(target.baseUrl(), Duration.ofSeconds(5));

            // then
            assertThat(written).isEqualTo(expected).isGreaterThan(50);
            assertThat(target.requests())
                    .filteredOn(r -> r.startsWith("/fhir/Patient/"))
                    .hasSize(DemoPatients.patients(DemoPatients.load(Fhir.CONTEXT))
                            .size());
        }
    }

    @Test
    @DisplayName("Should move every date by the days since the demo was written")
    void movesDates() {
        var asWritten = DemoPatients.load(Fhir.CONTEXT);
        var aYearLater = DemoPatients.load(Fhir.CONTEXT, DemoPatients.WRITTEN_ON.plusDays(365));

        var before = ((org.hl7.fhir.r4.model.Patient) asWritten.get(0))
                .getBirthDateElement()
                .getValueAsString();
        var after = ((org.hl7.fhir.r4.model.Patient) aYearLater.get(0))
                .getBirthDateElement()
                .getValueAsString();
        assertThat(java.time.LocalDate.parse(after))
                .isEqualTo(java.time.LocalDate.parse(before).plusDays(365));
    }
}
