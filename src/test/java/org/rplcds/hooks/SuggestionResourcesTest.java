package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rplcds.support.CdsServiceTest;
import org.rplcds.support.Fhir;
import org.rplcds.support.Http;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every resource a card suggestion would create, for every example request, is a proposal (orders
 * and prescriptions drafts, problems provisional), and each distinct one is valid FHIR R4 by HAPI's
 * instance validator. Resources that differ only in the patient they name are validated once.
 */
@CdsServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Suggestion resources")
class SuggestionResourcesTest {

    FhirValidator validator;

    @LocalServerPort
    int port;

    /** Each example's suggested resources, read once from the running service. */
    Map<Path, List<JsonNode>> suggested;

    @BeforeAll
    void suggestionsOfEveryExample() throws IOException {
        var context = Fhir.CONTEXT;
        var chain = new ValidationSupportChain(
                new DefaultProfileValidationSupport(context),
                new CommonCodeSystemsTerminologyService(context),
                new InMemoryTerminologyServerValidationSupport(context),
                new SnapshotGeneratingValidationSupport(context));
        validator = context.newValidator();
        validator.registerValidatorModule(new FhirInstanceValidator(chain));
        suggested = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(Path.of("hooks/examples"))) {
            for (Path example : files.filter(p -> p.toString().endsWith(".request.json"))
                    .sorted()
                    .toList()) {
                String name = example.getFileName().toString();
                Http.Answer answer =
                        new Http(port).post("/cds-services/" + ExamplesTest.service(name), Files.readString(example));
                assertThat(answer.status()).as(example.toString()).isEqualTo(200);
                List<JsonNode> resources = new ArrayList<>();
                answer.json().get("cards").forEach(card -> card.path("suggestions")
                        .forEach(s -> s.path("actions").forEach(a -> {
                            if (a.get("type").asText().equals("create")) {
                                resources.add(a.get("resource"));
                            } else if (a.get("type").asText().equals("update")) {
                                // An update carries the whole record, changed: a prescription stopped.
                                assertThat(a.get("resource").get("status").asText())
                                        .isEqualTo("stopped");
                                resources.add(a.get("resource"));
                            } else {
                                assertThat(a.get("type").asText()).isEqualTo("delete");
                                assertThat(a.get("resourceId").asText()).matches("[A-Za-z]+/.+");
                            }
                        })));
                suggested.put(example.getFileName(), resources);
            }
        }
    }

    Stream<Path> examples() {
        return suggested.keySet().stream();
    }

    /** The suggested resources, with the patient each names set aside, each kind once. */
    Stream<Named<JsonNode>> distinctResources() {
        Map<String, JsonNode> distinct = new LinkedHashMap<>();
        suggested.values().stream().flatMap(List::stream).forEach(resource -> {
            JsonNode anyPatient = resource.deepCopy();
            ((ObjectNode) anyPatient).remove("subject");
            distinct.putIfAbsent(anyPatient.toString(), resource);
        });
        return distinct.values().stream()
                .map(r -> Named.of(
                        r.get("resourceType").asText() + " "
                                + r.path("code")
                                        .path("text")
                                        .asText(r.path("medicationCodeableConcept")
                                                .path("text")
                                                .asText()),
                        r));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    @DisplayName("Should suggest only drafts and provisional problems, and stop only a prescription on record")
    void suggestsProposalsOnly(Path example) {
        for (JsonNode resource : suggested.get(example)) {
            String type = resource.get("resourceType").asText();
            switch (type) {
                case "ServiceRequest" -> assertThat(resource.get("status").asText())
                        .isEqualTo("draft");
                    // A prescription on record is only ever updated to stopped; a new one is a draft, with no id.
                case "MedicationRequest" -> assertThat(resource.has("id") ? "stopped" : "draft")
                        .isEqualTo(resource.get("status").asText());
                case "Condition" -> assertThat(
                                resource.at("/verificationStatus/coding/0/code").asText())
                        .isEqualTo("provisional");
                default -> throw new AssertionError("unexpected suggestion resource " + type);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distinctResources")
    @DisplayName("Should be valid FHIR R4")
    void isValidFhir(JsonNode resource) {
        List<String> errors = validator.validateWithResult(resource.toString()).getMessages().stream()
                .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                .map(SingleValidationMessage::toString)
                .toList();
        assertThat(errors).as(resource.toString()).isEmpty();
    }
}
