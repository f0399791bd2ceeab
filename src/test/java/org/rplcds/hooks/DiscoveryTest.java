package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rplcds.facts.SearchCodes;
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
    SearchCodes codes;

    @Autowired
    BuildProperties build;

    static List<JsonNode> files() throws IOException {
        List<JsonNode> files = new ArrayList<>();
        try (Stream<Path> paths = Files.list(Path.of("hooks"))) {
            for (Path path :
                    paths.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                files.add(HookRequests.JSON.readTree(path.toFile()));
            }
        }
        return files;
    }

    JsonNode served(String id) {
        for (JsonNode service : new Http(port).get("/cds-services").json().get("services")) {
            if (service.get("id").asText().equals(id)) {
                return service;
            }
        }
        throw new AssertionError("not served: " + id);
    }

    @Test
    @DisplayName("Should serve exactly the service definitions kept in hooks/, apart from the prefetch codes")
    void servesTheDefinitionFiles() throws IOException {
        // given
        List<JsonNode> files = files();

        // when
        Http.Answer answer = new Http(port).get("/cds-services");

        // then
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("services")).hasSameSizeAs(files);
        for (JsonNode file : files) {
            ObjectNode expected = file.deepCopy();
            ObjectNode served = served(file.get("id").asText()).deepCopy();
            expected.remove("prefetch");
            served.remove("prefetch");
            // The version is CDS Hooks', the release comes from the build, the options from the catalogue.
            served.remove("version");
            served.remove("extension");
            assertThat(served).isEqualTo(expected);
        }
    }

    @Test
    @DisplayName(
            "Should give every service the CDS Hooks version it implements as version, and the build's release in an"
                    + " extension")
    void versionsEveryService() {
        // when
        Http.Answer answer = new Http(port).get("/cds-services");

        // then
        assertThat(build.getVersion()).matches("\\d+\\.\\d+\\.\\d+(-[A-Za-z0-9.]+)?");
        answer.json().get("services").forEach(service -> {
            assertThat(service.path("version").asText())
                    .as(service.get("id").asText())
                    .isEqualTo("2.0.1");
            assertThat(service.at("/extension/org.rplcds.release").asText())
                    .as(service.get("id").asText())
                    .isEqualTo(build.getVersion());
        });
    }

    @Test
    @DisplayName(
            "Should fill {{codes}} with every code the facts read from that type, in queries under 7,500 characters")
    void fillsTheCodesOfEachTemplate() throws IOException {
        for (JsonNode file : files()) {
            // given
            JsonNode prefetch = served(file.get("id").asText()).get("prefetch");
            Map<String, String> servedTemplates = new LinkedHashMap<>();
            prefetch.fields()
                    .forEachRemaining(
                            e -> servedTemplates.put(e.getKey(), e.getValue().asText()));

            for (Iterator<Map.Entry<String, JsonNode>> it = file.get("prefetch").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> template = it.next();
                String key = template.getKey();
                String text = template.getValue().asText();
                if (!text.contains("{{codes}}")) {
                    // then: a template without codes is served as written
                    assertThat(servedTemplates.get(key)).isEqualTo(text);
                    continue;
                }
                // then: the key and its continuations together list the type's codes, each once
                String type = text.substring(0, text.indexOf('?'));
                String[] around = text.split("\\{\\{codes}}", -1);
                List<String> listed = new ArrayList<>();
                servedTemplates.forEach((servedKey, query) -> {
                    if (servedKey.matches(java.util.regex.Pattern.quote(key) + "\\d*")) {
                        assertThat(query).startsWith(around[0]).endsWith(around[1]);
                        assertThat(query.length()).isLessThanOrEqualTo(7_500);
                        String list = query.substring(around[0].length(), query.length() - around[1].length());
                        listed.addAll(List.of(list.split(",")));
                    }
                });
                assertThat(listed)
                        .containsExactlyElementsOf(codes.codes(type).orElseThrow())
                        .isNotEmpty();
            }
        }
    }

    @Test
    @DisplayName("Should describe the recurrent-miscarriage service with prefetch for all seven resource types")
    void describesTheService() {
        // when
        JsonNode service = served("recurrent-miscarriage");

        // then
        assertThat(service.get("hook").asText()).isEqualTo("patient-view");
        assertThat(service.get("title").asText()).isNotBlank();
        assertThat(service.get("description").asText()).isNotBlank();
        assertThat(service.get("usageRequirements").asText()).isNotBlank();
        assertThat(service.get("prefetch").get("patient").asText()).isEqualTo("Patient/{{context.patientId}}");
        assertThat(searchedTypes(service))
                .containsExactlyInAnyOrder(
                        "Condition",
                        "Observation",
                        "MedicationRequest",
                        "ServiceRequest",
                        "Procedure",
                        "DiagnosticReport");
        assertUsCoreSearches(service);
        assertThat(service.get("prefetch").get("observations").asText()).contains("&code=");
    }

    /**
     * The US Core 9 server CapabilityStatement's SHALL searches of each type the service reads
     * (HL7/US-Core, CapabilityStatement us-core-server): a server that takes these and no other
     * resolves every template.
     */
    static final Map<String, List<Set<String>>> US_CORE_SHALL = Map.of(
            "Condition", List.of(Set.of("patient"), Set.of("patient", "category")),
            "Observation", List.of(Set.of("patient", "code"), Set.of("patient", "category")),
            "MedicationRequest", List.of(Set.of("patient", "intent")),
            "ServiceRequest", List.of(Set.of("patient"), Set.of("patient", "code")),
            "Procedure", List.of(Set.of("patient")),
            "DiagnosticReport", List.of(Set.of("patient"), Set.of("patient", "code")));

    static List<String> searchedTypes(JsonNode service) {
        List<String> types = new ArrayList<>();
        service.get("prefetch").forEach(t -> {
            if (t.asText().contains("?")) {
                types.add(t.asText().substring(0, t.asText().indexOf('?')));
            }
        });
        return types.stream().distinct().toList();
    }

    static void assertUsCoreSearches(JsonNode service) {
        service.get("prefetch").forEach(template -> {
            String text = template.asText();
            if (!text.contains("?")) {
                return;
            }
            String type = text.substring(0, text.indexOf('?'));
            Set<String> names = new java.util.HashSet<>();
            for (String pair : text.substring(text.indexOf('?') + 1).split("&")) {
                names.add(pair.substring(0, pair.indexOf('=')));
            }
            assertThat(US_CORE_SHALL.get(type)).as(text).contains(names);
            assertThat(text).as(text).contains("patient={{context.patientId}}");
        });
        JsonNode medications = service.get("prefetch").get("medicationRequests");
        if (medications != null) {
            // Every intent: the search answers every MedicationRequest.
            assertThat(medications.asText()).contains("intent=proposal,plan,order,original-order");
        }
    }

    @Test
    @DisplayName("Should offer the three services, each for its hook")
    void offersThePatientViewAndOrderServices() {
        // when
        JsonNode services = new Http(port).get("/cds-services").json().get("services");

        // then
        List<String> offered = new ArrayList<>();
        services.forEach(
                s -> offered.add(s.get("id").asText() + " " + s.get("hook").asText()));
        assertThat(offered)
                .containsExactlyInAnyOrder(
                        "recurrent-miscarriage patient-view",
                        "recurrent-miscarriage-order-select order-select",
                        "recurrent-miscarriage-order-sign order-sign");
    }

    /** The codes of a service's configuration options, in the order offered. */
    static List<String> optionCodes(JsonNode service) {
        List<String> codes = new ArrayList<>();
        service.at("/extension/davinci-crd.configuration-options")
                .forEach(o -> codes.add(o.get("code").asText()));
        return codes;
    }

    @Test
    @DisplayName(
            "Should offer one boolean option per card type, on by default, in the shape of Da Vinci CRD's configuration options")
    void offersConfigurationOptions() {
        // when
        JsonNode patientView = served("recurrent-miscarriage");

        // then: every recommendation of the chart, RPL-26 being a line of the evaluation card
        List<String> expected = new ArrayList<>();
        for (int n = 1; n <= 28; n++) {
            if (n != 26) {
                expected.add(String.format("RPL-%02d", n));
            }
        }
        assertThat(optionCodes(patientView)).containsExactlyElementsOf(expected);
        assertThat(optionCodes(served("recurrent-miscarriage-order-select")))
                .containsExactly("RPL-10", "RPL-11", "RPL-23", "RPL-27");
        assertThat(optionCodes(served("recurrent-miscarriage-order-sign")))
                .containsExactly("RPL-10", "RPL-11", "RPL-23", "RPL-27");
        Set<String> names = new java.util.HashSet<>();
        Set<String> descriptions = new java.util.HashSet<>();
        patientView.at("/extension/davinci-crd.configuration-options").forEach(option -> {
            assertThat(option.get("type").asText()).isEqualTo("boolean");
            assertThat(option.get("default").isBoolean()).isTrue();
            assertThat(option.get("default").booleanValue()).isTrue();
            // CRD: codes, names and descriptions unique within a service
            assertThat(names.add(option.get("name").asText())).isTrue();
            assertThat(descriptions.add(option.get("description").asText())).isTrue();
        });
        assertThat(names).contains("RPL-16 Lifestyle");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"recurrent-miscarriage-order-select", "recurrent-miscarriage-order-sign"})
    @DisplayName(
            "Should describe each order service with the prefetch its rules read: patient-view's, prescriptions and orders included")
    void describesTheOrderServices(String id) {
        // when
        JsonNode service = served(id);

        // then
        assertThat(service.get("title").asText()).isNotBlank();
        assertThat(service.get("description").asText()).isNotBlank();
        assertThat(service.get("usageRequirements").asText()).contains("draftOrders");
        assertThat(service.get("prefetch").get("patient").asText()).isEqualTo("Patient/{{context.patientId}}");
        // The anticoagulant, heparin and progesterone she is on decide the order-time cards.
        assertThat(searchedTypes(service))
                .containsExactlyInAnyOrder(
                        "Condition",
                        "Observation",
                        "MedicationRequest",
                        "ServiceRequest",
                        "Procedure",
                        "DiagnosticReport");
        assertUsCoreSearches(service);
        JsonNode patientView = served("recurrent-miscarriage").get("prefetch");
        for (String key : List.of("observations", "medicationRequests", "serviceRequests")) {
            assertThat(service.get("prefetch").get(key).asText())
                    .as(key)
                    .isEqualTo(patientView.get(key).asText());
        }
    }
}
