package org.rplcds.prefetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.common.KeyValue;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("What a FHIR server read's observation names")
class FhirReadTest {

    static final URI BASE = URI.create("https://ehr.example.org:8443/r4/tenant-1/");

    @Test
    @DisplayName("Should name a search by its type, never by its parameters")
    void search() {
        // given
        URI first = BASE.resolve("Condition?patient=pt-77&code=a,b&_count=1000");

        // when
        FhirRead read = FhirRead.of(BASE, first, "conditions");
        read.ended(new FhirServerReader.Outcome(List.of(), Optional.empty(), 2, 4096, Optional.empty()), 200);

        // then
        assertThat(read.getContextualName()).isEqualTo("fhir search Condition");
        assertThat(values(read))
                .containsEntry("fhir.interaction", "search")
                .containsEntry("fhir.resource_type", "Condition")
                .containsEntry("fhir.server", "https://ehr.example.org:8443/r4/tenant-1")
                .containsEntry("cds.prefetch_key", "conditions")
                .containsEntry("fhir.pages", "2")
                .containsEntry("fhir.bytes", "4096")
                .containsEntry("http.response.status_code", "200")
                .containsEntry("outcome", "read");
        assertThat(values(read).values()).noneMatch(value -> value.contains("pt-77") || value.contains("code"));
    }

    @Test
    @DisplayName("Should name a read of one resource by its type, never by its id")
    void read() {
        // when
        FhirRead read = FhirRead.of(BASE, BASE.resolve("Patient/pt-77"), "patient");

        // then
        assertThat(read.getContextualName()).isEqualTo("fhir read Patient");
        assertThat(values(read).values()).noneMatch(value -> value.contains("pt-77"));
    }

    @Test
    @DisplayName("Should name a posted search and a next link to the base as such")
    void postedAndNextPages() {
        // when
        FhirRead posted = FhirRead.of(BASE, BASE.resolve("Observation/_search"), "observations");
        FhirRead next = FhirRead.of(BASE, URI.create("https://ehr.example.org:8443/r4/tenant-1?_getpages=9f2"), "k");

        // then
        assertThat(posted.getContextualName()).isEqualTo("fhir search Observation");
        assertThat(next.getContextualName()).isEqualTo("fhir page");
        assertThat(values(next)).containsEntry("fhir.resource_type", "unknown");
    }

    @Test
    @DisplayName("Should name the server without user information or query")
    void serverWithoutCredentials() {
        // when
        String server = FhirRead.server(URI.create("https://user:secret@ehr.example.org/fhir/?tenant=x"));

        // then
        assertThat(server).isEqualTo("https://ehr.example.org/fhir");
    }

    private static Map<String, String> values(FhirRead read) {
        Map<String, String> values = new LinkedHashMap<>();
        for (KeyValue keyValue : read.getAllKeyValues()) {
            values.put(keyValue.getKey(), keyValue.getValue());
        }
        return values;
    }
}
