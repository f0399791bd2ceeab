package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rplcds.support.CdsServiceTest;
import org.rplcds.support.Fhir;
import org.rplcds.support.Http;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every resource a card suggestion would create, for every example request, is valid FHIR R4 by
 * HAPI's instance validator, and a proposal: orders and prescriptions are drafts, problems provisional.
 */
@CdsServiceTest
@DisplayName("Suggestion resources")
class SuggestionResourcesTest {

    static FhirValidator validator;

    @LocalServerPort
    int port;

    @BeforeAll
    static void validator() {
        var context = Fhir.CONTEXT;
        var chain = new ValidationSupportChain(
                new DefaultProfileValidationSupport(context),
                new CommonCodeSystemsTerminologyService(context),
                new InMemoryTerminologyServerValidationSupport(context),
                new SnapshotGeneratingValidationSupport(context));
        validator = context.newValidator();
        validator.registerValidatorModule(new FhirInstanceValidator(chain));
    }

    static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("hooks/examples"))) {
            return files.filter(p -> p.toString().endsWith(".request.json"))
                    .sorted()
                    .toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    @DisplayName("Should suggest only valid draft FHIR R4 resources")
    void suggestsValidDrafts(Path example) throws IOException {
        // given
        String request = Files.readString(example);

        // when
        Http.Answer answer = new Http(port).post("/cds-services/recurrent-miscarriage", request);

        // then
        assertThat(answer.status()).isEqualTo(200);
        List<JsonNode> resources = new ArrayList<>();
        answer.json().get("cards").forEach(card -> card.path("suggestions")
                .forEach(s -> s.path("actions").forEach(a -> {
                    if (a.get("type").asText().equals("create")) {
                        resources.add(a.get("resource"));
                    } else {
                        assertThat(a.get("type").asText()).isEqualTo("delete");
                        assertThat(a.get("resourceId")).isNotEmpty();
                    }
                })));
        for (JsonNode resource : resources) {
            String type = resource.get("resourceType").asText();
            switch (type) {
                case "ServiceRequest", "MedicationRequest" -> assertThat(
                                resource.get("status").asText())
                        .isEqualTo("draft");
                case "Condition" -> assertThat(
                                resource.at("/verificationStatus/coding/0/code").asText())
                        .isEqualTo("provisional");
                default -> throw new AssertionError("unexpected suggestion resource " + type);
            }
            List<String> errors = validator.validateWithResult(resource.toString()).getMessages().stream()
                    .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                    .map(SingleValidationMessage::toString)
                    .toList();
            assertThat(errors).as(type + " " + resource).isEmpty();
        }
    }
}
