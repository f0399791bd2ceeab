package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.support.Fhir.SNOMED;
import static org.rplcds.support.Fhir.condition;
import static org.rplcds.support.Fhir.woman;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.rplcds.support.CdsServiceTest;
import org.rplcds.support.HookRequests;
import org.rplcds.support.Http;
import org.springframework.boot.test.web.server.LocalServerPort;

@CdsServiceTest
@DisplayName("Operations: health, metrics, OpenAPI")
class OperationsTest {

    @LocalServerPort
    int port;

    @Test
    @DisplayName("Should report health UP")
    void reportsHealth() {
        Http.Answer answer = new Http(port).get("/actuator/health");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("status").asText()).isEqualTo("UP");
    }

    @Test
    @DisplayName("Should count hook latency by outcome, cards by rule, 412s and feedback outcomes in Prometheus format")
    void exposesMetrics() {
        // given
        Http http = new Http(port);
        http.post(
                "/cds-services/recurrent-miscarriage",
                HookRequests.patientView("m1")
                        .prefetch(
                                woman("m1", "1990-01-01"),
                                condition("a", "m1", SNOMED, "19169002", "2022-01-01"),
                                condition("b", "m1", SNOMED, "19169002", "2023-01-01"))
                        .json());
        http.post(
                "/cds-services/recurrent-miscarriage",
                HookRequests.patientView("m2").json());
        http.post(
                "/cds-services/recurrent-miscarriage/feedback",
                "{\"feedback\":[{\"card\":\"metrics-card\",\"outcome\":"
                        + "\"overridden\",\"outcomeTimestamp\":\"2025-06-01T10:00:00Z\"}]}");

        // when
        String metrics = http.get("/actuator/prometheus").body();

        // then
        assertThat(metrics)
                .contains("cds_hook_latency_seconds_bucket{outcome=\"cards\"")
                .contains("cds_hook_latency_seconds_count{outcome=\"missing-prefetch\"}")
                .contains("cds_cards_total{rule=\"RPL-01\",service=\"recurrent-miscarriage\"}")
                .contains("cds_feedback_total{outcome=\"overridden\",stored=\"new\"}");
    }

    @Test
    @DisplayName("Should describe the CDS Hooks endpoints in OpenAPI")
    void describesEndpoints() {
        Http.Answer answer = new Http(port).get("/v3/api-docs");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().at("/paths").has("/cds-services")).isTrue();
        assertThat(answer.json().at("/paths").has("/cds-services/{id}")).isTrue();
        assertThat(answer.json().at("/paths").has("/cds-services/{id}/feedback"))
                .isTrue();
    }
}
