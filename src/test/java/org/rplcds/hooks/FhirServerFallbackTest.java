package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.support.Fhir.ICD10CM;
import static org.rplcds.support.Fhir.SNOMED;
import static org.rplcds.support.Fhir.condition;
import static org.rplcds.support.Fhir.woman;
import static org.rplcds.support.HookRequests.SERVICE;

import java.net.ServerSocket;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.rplcds.support.CdsServiceTest;
import org.rplcds.support.Fhir;
import org.rplcds.support.FhirTestServer;
import org.rplcds.support.HookRequests;
import org.rplcds.support.Http;
import org.springframework.boot.test.web.server.LocalServerPort;

@CdsServiceTest
@DisplayName("Prefetch fallback to the client's FHIR server")
class FhirServerFallbackTest {

    static final String TOKEN = "opaque-token-4f2a";

    @LocalServerPort
    int port;

    FhirTestServer fhir;

    @BeforeEach
    void startFhirServer() throws Exception {
        fhir = FhirTestServer.start()
                .requireToken(TOKEN)
                .add(
                        woman("p1", "1990-04-02"),
                        condition("c1", "p1", SNOMED, "19169002", "2023-02-10"),
                        condition("c2", "p1", ICD10CM, "O03.9", "2024-05-20"),
                        condition("other", "p2", SNOMED, "19169002", "2024-01-01"));
    }

    @AfterEach
    void stopFhirServer() throws Exception {
        fhir.close();
    }

    @Test
    @DisplayName("Should read every missing key from fhirServer with the bearer token and answer the cards")
    void readsMissingPrefetch() {
        // given
        String request =
                HookRequests.patientView("p1").fhirServer(fhir.baseUrl(), TOKEN).json();

        // when
        Http.Answer answer = new Http(port).post(SERVICE, request);

        // then
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().at("/cards/0/source/topic/code").asText()).isEqualTo("RPL-01");
        assertThat(answer.json().at("/cards/0/summary").asText()).contains("2 losses");
        assertThat(fhir.refused()).isZero();
        assertThat(fhir.requests().stream().map(r -> r.replaceAll("\\?.*", "")))
                .containsExactlyInAnyOrder(
                        "/fhir/Patient/p1",
                        "/fhir/Condition",
                        // the observations' codes, and body weight apart
                        "/fhir/Observation",
                        "/fhir/Observation",
                        "/fhir/MedicationRequest",
                        "/fhir/ServiceRequest",
                        "/fhir/Procedure",
                        "/fhir/DiagnosticReport");
        assertThat(fhir.requests())
                .filteredOn(r -> r.contains("?"))
                .allSatisfy(r -> assertThat(r).contains("patient=p1").contains("_count=1000"));
    }

    @Test
    @DisplayName("Should answer 412 when the FHIR server refuses the token")
    void answers412WhenRefused() {
        // given
        String request = HookRequests.patientView("p1")
                .fhirServer(fhir.baseUrl(), "wrong-token")
                .json();

        // when
        Http.Answer answer = new Http(port).post(SERVICE, request);

        // then
        assertThat(answer.status()).isEqualTo(412);
        assertThat(answer.json().at("/missing/conditions").asText()).contains("HTTP 401");
        assertThat(answer.body()).doesNotContain("wrong-token");
        // every search refused: seven keys, observations in two searches
        assertThat(fhir.refused()).isEqualTo(8);
    }

    @Test
    @DisplayName("Should fetch only what is absent or an OperationOutcome, and never what is null")
    void fetchesOnlyWhatIsMissing() {
        // given
        OperationOutcome failed = new OperationOutcome();
        failed.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(OperationOutcome.IssueType.TIMEOUT);
        String request = HookRequests.patientView("p1")
                .prefetch(woman("p1", "1990-04-02"))
                .prefetchValue("conditions", Fhir.json(failed))
                .nullPrefetch("observations")
                .withoutPrefetch("procedures")
                .fhirServer(fhir.baseUrl(), TOKEN)
                .json();

        // when
        Http.Answer answer = new Http(port).post(SERVICE, request);

        // then
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().at("/cards/0/source/topic/code").asText()).isEqualTo("RPL-01");
        assertThat(fhir.requests().stream().map(r -> r.replaceAll("\\?.*", "")))
                .containsExactlyInAnyOrder("/fhir/Condition", "/fhir/Procedure");
    }

    @Test
    @DisplayName("Should follow next links through every page of a search")
    void followsNextLinks() throws Exception {
        // given
        try (FhirTestServer paged = FhirTestServer.startWithPageSize(2)) {
            paged.add(woman("p1", "1990-04-02"));
            for (int year = 2015; year <= 2021; year++) {
                paged.add(condition("c" + year, "p1", SNOMED, "19169002", year + "-03-01"));
            }
            String request = HookRequests.patientView("p1")
                    .fhirServer(paged.baseUrl(), null)
                    .json();

            // when
            Http.Answer answer = new Http(port).post(SERVICE, request);

            // then
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().at("/cards/0/summary").asText()).contains("7 losses");
            assertThat(paged.requests().stream().filter(r -> r.contains("_getpages")))
                    .hasSize(3);
        }
    }

    @Test
    @DisplayName("Should answer 412 at once when the FHIR server cannot be reached")
    void answers412WhenUnreachable() throws Exception {
        // given: a loopback port with nothing listening
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        String request = HookRequests.patientView("p1")
                .fhirServer("http://127.0.0.1:" + closed + "/fhir", TOKEN)
                .json();

        // when
        Http.Answer answer = new Http(port).post(SERVICE, request);

        // then
        assertThat(answer.status()).isEqualTo(412);
        assertThat(answer.json().get("missing").size()).isEqualTo(7);
        assertThat(answer.json().at("/missing/patient").asText()).isEqualTo("FHIR server unreachable");
    }
}
