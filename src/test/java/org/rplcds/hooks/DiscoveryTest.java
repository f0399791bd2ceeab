package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.rplcds.support.CdsServiceTest;
import org.rplcds.support.HookRequests;
import org.rplcds.support.Http;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.test.web.server.LocalServerPort;

@CdsServiceTest
@DisplayName("GET /cds-services")
class DiscoveryTest {

    @LocalServerPort
    int port;

    @Autowired
    BuildProperties build;

    @Test
    @DisplayName("Should serve exactly the service definitions kept in hooks/")
    void servesTheDefinitionFiles() throws IOException {
        // given
        List<JsonNode> files = new ArrayList<>();
        try (Stream<Path> paths = Files.list(Path.of("hooks"))) {
            for (Path path :
                    paths.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                files.add(HookRequests.JSON.readTree(path.toFile()));
            }
        }

        // when
        Http.Answer answer = new Http(port).get("/cds-services");

        // then
        assertThat(answer.status()).isEqualTo(200);
        List<JsonNode> served = new ArrayList<>();
        answer.json().get("services").forEach(service -> {
            // The version comes from the build, not from the file.
            ((com.fasterxml.jackson.databind.node.ObjectNode) service).remove("version");
            served.add(service);
        });
        assertThat(served).isNotEmpty().containsExactlyInAnyOrderElementsOf(files);
    }

    @Test
    @DisplayName("Should give every service the release version of the build")
    void versionsEveryService() {
        // when
        Http.Answer answer = new Http(port).get("/cds-services");

        // then
        assertThat(build.getVersion()).matches("\\d+\\.\\d+\\.\\d+(-[A-Za-z0-9.]+)?");
        answer.json().get("services").forEach(service -> assertThat(
                        service.path("version").asText())
                .as(service.get("id").asText())
                .isEqualTo(build.getVersion()));
    }

    @Test
    @DisplayName("Should describe the recurrent-miscarriage service with prefetch for all six resource types")
    void describesTheService() {
        // when
        JsonNode service =
                new Http(port).get("/cds-services").json().get("services").get(0);

        // then
        assertThat(service.get("id").asText()).isEqualTo("recurrent-miscarriage");
        assertThat(service.get("hook").asText()).isEqualTo("patient-view");
        assertThat(service.get("title").asText()).isNotBlank();
        assertThat(service.get("description").asText()).isNotBlank();
        assertThat(service.get("usageRequirements").asText()).isNotBlank();
        assertThat(service.get("prefetch").get("patient").asText()).isEqualTo("Patient/{{context.patientId}}");
        for (String type : List.of("Condition", "Observation", "MedicationRequest", "ServiceRequest", "Procedure")) {
            assertThat(service.get("prefetch").toString()).contains("\"" + type + "?patient={{context.patientId}}\"");
        }
    }
}
