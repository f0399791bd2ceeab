package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rplcds.support.HookRequests;
import org.rplcds.support.ServiceProcess;

/**
 * The README's site configuration, exactly as a container takes it: an {@code application.yml}
 * mounted in a folder named by {@code SPRING_CONFIG_ADDITIONAL_LOCATION}, beside a folder of the
 * site's value sets, read by the packaged jar.
 */
@DisplayName("A site's configuration, mounted as a container mounts it")
class SiteConfigurationIT {

    @TempDir
    Path home;

    Process service;

    @AfterEach
    void stop() throws InterruptedException {
        ServiceProcess.kill(service);
    }

    /** The README's example: a local TSH code, RPL-16 silent, RPL-20 off, one threshold changed. */
    static final String SITE_YAML =
            """
            cds:
              terminology:
                site-value-sets: %s
              rules:
                RPL-16:
                  mode: silent
                RPL-20:
                  mode: off
              guidelines:
                profiles:
                  ESHRE2022:
                    thresholds:
                      thyroid:
                        tsh-upper: 3.5
            """;

    static final String LOCAL_TSH =
            """
            {
              "resourceType": "ValueSet",
              "url": "http://recurrent-miscarriage-cds.org/fhir/ValueSet/tsh",
              "status": "active",
              "compose": {
                "include": [
                  {
                    "system": "http://hospital.example.org/lab-codes",
                    "concept": [{ "code": "TSH-L", "display": "TSH (local assay)" }]
                  }
                ]
              }
            }
            """;

    HttpResponse<String> post(int port, String body) throws Exception {
        return ServiceProcess.CLIENT.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + HookRequests.SERVICE))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @DisplayName("Should read the local code, run RPL-16 silent, RPL-20 off and the site's TSH limit, and say so in the"
            + " ready line and the usage report")
    void readsTheSiteConfiguration() throws Exception {
        // given: the site's folders, as a container mounts them
        Path valueSets = Files.createDirectories(home.resolve("valuesets"));
        Files.writeString(valueSets.resolve("ValueSet-tsh-local.json"), LOCAL_TSH);
        Path config = Files.createDirectories(home.resolve("config"));
        Files.writeString(config.resolve("application.yml"), SITE_YAML.formatted(valueSets));
        int port = ServiceProcess.freePort();
        Path log = home.resolve("service.log");
        service = ServiceProcess.startJar(
                home,
                port,
                log,
                List.of(),
                Map.of("SPRING_CONFIG_ADDITIONAL_LOCATION", config + "/"),
                List.of("--cds.evaluation-date=2025-06-01"));

        // a TSH of 3.8 under the site's code: above the site's 3.5, below the shipped 4.0
        ObjectNode thyroid = (ObjectNode) HookRequests.JSON.readTree(
                Files.readString(Path.of("hooks/examples/rpl-04-in-eshre-tsh-4.1.request.json")));
        for (JsonNode entry : thyroid.at("/prefetch/observations/entry")) {
            ObjectNode observation = (ObjectNode) entry.get("resource");
            if ("tsh".equals(observation.path("id").asText())) {
                ObjectNode coding = (ObjectNode) observation.at("/code/coding/0");
                coding.put("system", "http://hospital.example.org/lab-codes").put("code", "TSH-L");
                ((ObjectNode) observation.get("valueQuantity")).put("value", 3.8);
                observation.remove("referenceRange");
            }
        }
        String lifestyle = Files.readString(Path.of("hooks/examples/rpl-16-in-eshre-bmi-30-0.request.json"));

        // when
        HttpResponse<String> thyroidCards = post(port, thyroid.toString());
        HttpResponse<String> lifestyleCards = post(port, lifestyle);
        String metrics = ServiceProcess.CLIENT
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();

        // then: the local code read against the site's limit
        assertThat(thyroidCards.statusCode()).isEqualTo(200);
        assertThat(HookRequests.JSON.readTree(thyroidCards.body()).findValuesAsText("summary"))
                .anySatisfy(summary -> assertThat(summary).contains("TSH 3.8 mIU/L above 3.5 mIU/L"));
        // RPL-16 evaluated and counted, never shown
        assertThat(lifestyleCards.statusCode()).isEqualTo(200);
        assertThat(lifestyleCards.body()).doesNotContain("RPL-16");
        assertThat(metrics).containsPattern("cds_cards_silent_total\\{[^}]*rule=\"RPL-16\"[^}]*} 1\\.0");
        // the usage report: the recommendations as the site runs them, and what each gave
        JsonNode report = HookRequests.JSON.readTree(ServiceProcess.CLIENT
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/governance/usage"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
        Map<String, JsonNode> rows = new java.util.HashMap<>();
        report.get("total").forEach(row -> rows.put(row.get("rule").asText(), row));
        assertThat(rows.get("RPL-16").get("mode").asText()).isEqualTo("silent");
        assertThat(rows.get("RPL-16").at("/counts/silent").asLong()).isEqualTo(1);
        assertThat(rows.get("RPL-16").at("/counts/shown").asLong()).isZero();
        assertThat(rows.get("RPL-20").get("mode").asText()).isEqualTo("off");
        assertThat(rows.get("RPL-04").get("mode").asText()).isEqualTo("on");
        assertThat(rows.get("RPL-04").at("/counts/shown").asLong()).isEqualTo(1);
        // and the ready line says what the site changed
        assertThat(Files.readString(log))
                .contains("rules not on [RPL-16 silent, RPL-20 off]")
                .contains("site value sets from " + valueSets + ": [tsh: 1 code added");
    }
}
