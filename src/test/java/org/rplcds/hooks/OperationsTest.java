package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.support.Fhir.woman;
import static org.rplcds.support.Fhir.womanWithLosses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.rplcds.support.CdsServiceTest;
import org.rplcds.support.HookRequests;
import org.rplcds.support.Http;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.test.web.server.LocalServerPort;

@CdsServiceTest
@DisplayName("Operations: health, metrics, OpenAPI")
class OperationsTest {

    @LocalServerPort
    int port;

    @Autowired
    BuildProperties build;

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
                        .prefetch(womanWithLosses("m1", "2022-01-01", "2023-01-01"))
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
                .contains("cds_feedback_total{outcome=\"overridden\",stored=\"new\"}")
                // A hook call is timed once, under the names above; not a second time as cds.hook.
                .doesNotContain("cds_hook_seconds")
                .doesNotContain("cds_hook_active");
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

    @Test
    @DisplayName("Should give the OpenAPI description the release version, typed bodies and the error answers")
    void typesTheDescription() {
        // when
        JsonNode api = new Http(port).get("/v3/api-docs").json();

        // then
        assertThat(api.at("/info/version").asText()).isEqualTo(build.getVersion());
        JsonNode invoke = api.at("/paths/~1cds-services~1{id}/post");
        assertThat(invoke.at("/requestBody/content/application~1json/schema/$ref")
                        .asText())
                .endsWith("/HookRequest");
        assertThat(invoke.at("/responses/200/content/application~1json/schema/$ref")
                        .asText())
                .endsWith("/CardsResponseJson");
        assertThat(invoke.get("responses").fieldNames())
                .toIterable()
                .contains("200", "400", "401", "404", "412", "413", "500");
        assertThat(invoke.at("/responses/412/content/application~1json/schema/$ref")
                        .asText())
                .endsWith("/ErrorJson");
        JsonNode timeline = api.at("/paths/~1cds-services~1{id}~1timeline/post");
        assertThat(timeline.get("responses").fieldNames())
                .toIterable()
                .contains("200", "400", "401", "404", "412", "413", "500");
        assertThat(timeline.at("/responses/413/content/application~1json/schema/$ref")
                        .asText())
                .endsWith("/ErrorJson");
        assertThat(api.at(
                                "/paths/~1cds-services~1{id}~1feedback/post/requestBody/content/application~1json/schema/$ref")
                        .asText())
                .endsWith("/FeedbackRequest");
        assertThat(api.at("/components/schemas/CardJson/properties").has("indicator"))
                .isTrue();
        assertThat(api.at("/components/schemas/CardJson/properties/extension/$ref")
                        .asText())
                .endsWith("/CardExtensionJson");
        assertThat(api.at("/components/schemas/CardExtensionJson/properties").has("org.rplcds.rules"))
                .isTrue();
        assertThat(api.at("/components/schemas/HookRequest/required"))
                .extracting(JsonNode::toString)
                .asString()
                .contains("hook", "context");
    }

    @Test
    @DisplayName("Should mark required in the OpenAPI description exactly the members a hook call is refused without")
    void describesWhatTheServiceRequires() throws Exception {
        // given the description, and a call the service answers
        Http http = new Http(port);
        JsonNode api = http.get("/v3/api-docs").json();
        String answered = HookRequests.patientView("r1")
                .prefetch(woman("r1", "1990-01-01"))
                .json();

        for (String schema : List.of("HookRequest", "HookContext")) {
            JsonNode described = api.at("/components/schemas/" + schema);
            List<String> required = new ArrayList<>();
            described.path("required").forEach(name -> required.add(name.asText()));
            List<String> members = new ArrayList<>();
            described.path("properties").fieldNames().forEachRemaining(members::add);
            assertThat(members).as(schema).containsAll(required).hasSizeGreaterThan(required.size());
            for (String member : members) {
                // when
                ObjectNode request = (ObjectNode) HookRequests.JSON.readTree(answered);
                ObjectNode holder = schema.equals("HookRequest") ? request : (ObjectNode) request.get("context");
                holder.remove(member);
                Http.Answer answer = http.post("/cds-services/recurrent-miscarriage", request.toString());

                // then
                String path = schema.equals("HookRequest") ? member : "context." + member;
                if (required.contains(member)) {
                    assertThat(answer.status()).as(path).isEqualTo(400);
                    assertThat(answer.json().get("message").asText()).as(path).isEqualTo(path + " is required");
                } else {
                    assertThat(answer.status()).as(path).isNotEqualTo(400);
                }
            }
        }
    }

    @Test
    @DisplayName("Should report the build's version and time, and the commit it was built from when known")
    void reportsTheBuild() {
        // when
        JsonNode info = new Http(port).get("/actuator/info").json();

        // then
        assertThat(info.at("/build/version").asText()).isEqualTo(build.getVersion());
        assertThat(info.at("/build/artifact").asText()).isEqualTo("recurrent-miscarriage-cds");
        assertThat(info.at("/build/time").asText()).isNotBlank();
        if (getClass().getResource("/git.properties") != null) {
            assertThat(info.at("/git/commit/id").asText()).isNotBlank();
        }
    }
}
