package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.support.Fhir.SNOMED;
import static org.rplcds.support.Fhir.condition;
import static org.rplcds.support.Fhir.woman;
import static org.rplcds.support.HookRequests.SERVICE;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rplcds.support.CdsServiceTest;
import org.rplcds.support.FhirTestServer;
import org.rplcds.support.HookRequests;
import org.rplcds.support.Http;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A real FHIR server that misbehaves on purpose: the service answers 412 in bounded time, never a 5xx. */
@CdsServiceTest
@DisplayName("FHIR server faults in the fallback path")
class FhirServerFaultsTest {

    @LocalServerPort
    int port;

    FhirTestServer fhir;

    @BeforeEach
    void start() throws Exception {
        fhir = FhirTestServer.start()
                .add(woman("p1", "1990-01-01"), condition("c1", "p1", SNOMED, "19169002", "2023-01-01"));
    }

    @AfterEach
    void stop() throws Exception {
        fhir.close();
    }

    Http.Answer call() {
        return new Http(port)
                .post(
                        SERVICE,
                        HookRequests.patientView("p1")
                                .fhirServer(fhir.baseUrl(), "t")
                                .json());
    }

    @ParameterizedTest(name = "HTTP {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "401 | application/fhir+json | {\"resourceType\":\"OperationOutcome\"} | refused access (HTTP 401)",
                "403 | application/fhir+json | {\"resourceType\":\"OperationOutcome\"} | refused access (HTTP 403)",
                "500 | text/html | <html>boom</html> | answered HTTP 500",
                "503 | text/plain | busy | answered HTTP 503",
                "200 | text/html | <html>sign in</html> | not FHIR R4 JSON",
                "200 | application/json | {\"resourceType\":\"Bundle\",\"entry\":[ | not FHIR R4 JSON",
                "200 | application/fhir+json | {\"resourceType\":\"OperationOutcome\"} | answered with an OperationOutcome"
            })
    @DisplayName("Should answer 412 naming the fault")
    void answers412(int status, String contentType, String body, String reason) {
        // given
        fhir.fail(status, contentType, body);

        // when
        Http.Answer answer = call();

        // then
        assertThat(answer.status()).isEqualTo(412);
        assertThat(answer.json().at("/missing/patient").asText()).contains(reason);
        assertThat(answer.body()).doesNotContain("boom", "sign in");
    }

    @Test
    @DisplayName("Should answer 412 when a read answers another resource type")
    void refusesWrongTypeForARead() {
        // given: every query answers a Condition
        fhir.fail(
                200,
                "application/fhir+json",
                "{\"resourceType\":\"Condition\",\"id\":\"x\",\"subject\":{\"reference\":\"Patient/p1\"}}");

        // when
        Http.Answer answer = call();

        // then
        assertThat(answer.status()).isEqualTo(412);
        assertThat(answer.json().at("/missing/patient").asText()).contains("another resource type than Patient");
    }

    @Test
    @Timeout(15)
    @DisplayName("Should give up on a slow server once the total time is spent")
    void boundsSlowServers() {
        // given: each answer takes longer than the 2 s total the tests configure
        fhir.delay(Duration.ofSeconds(4));

        // when
        Http.Answer answer = call();

        // then
        assertThat(answer.status()).isEqualTo(412);
        assertThat(answer.json().get("missing").size()).isEqualTo(7);
        assertThat(answer.json().at("/missing/conditions").asText()).isEqualTo("no answer within the time limit");
    }
}
