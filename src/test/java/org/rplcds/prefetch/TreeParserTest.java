package org.rplcds.prefetch;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.LenientErrorHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Prefetch values parsed from the request's JSON tree")
class TreeParserTest {

    static final FhirContext FHIR = FhirContext.forR4Cached();
    static final ObjectMapper JSON = new ObjectMapper();

    static IBaseResource fromTree(JsonNode value) {
        return new TreeParser(FHIR, new LenientErrorHandler(false)).parse((ObjectNode) value);
    }

    static IBaseResource fromText(JsonNode value) {
        var parser = FHIR.newJsonParser();
        parser.setParserErrorHandler(new LenientErrorHandler(false));
        return parser.parseResource(value.toString());
    }

    static List<JsonNode> prefetchValues(Path directory) throws IOException {
        List<JsonNode> values = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode prefetch = JSON.readTree(file.toFile()).path("prefetch");
                prefetch.elements().forEachRemaining(value -> {
                    if (value.isObject() && value.hasNonNull("resourceType")) {
                        values.add(value);
                    }
                });
            }
        }
        return values;
    }

    @Test
    @DisplayName("Should read every prefetch value of the examples and conformance requests as from its text")
    void readsAsText() throws IOException {
        // given
        List<JsonNode> values = new ArrayList<>(prefetchValues(Path.of("hooks/examples")));
        values.addAll(prefetchValues(Path.of("src/test/resources/conformance")));

        // when / then
        assertThat(values).hasSizeGreaterThan(100);
        var encoder = FHIR.newJsonParser();
        for (JsonNode value : values) {
            assertThat(encoder.encodeResourceToString(fromTree(value)))
                    .isEqualTo(encoder.encodeResourceToString(fromText(value)));
        }
    }

    @Test
    @DisplayName("Should give a Bundle entry the id of its fullUrl as HAPI does for text")
    void takesEntryIdsFromFullUrls() throws IOException {
        // given
        JsonNode bundle = JSON.readTree(
                """
                {"resourceType":"Bundle","type":"searchset","entry":[
                  {"fullUrl":"https://ehr.example.org/fhir/Observation/o1/_history/3",
                   "resource":{"resourceType":"Observation","id":"o1","status":"final",
                               "code":{"text":"TSH"},"valueQuantity":{"value":4.10,"code":"m[IU]/L"}}},
                  {"fullUrl":"urn:uuid:6f1c1d1e-0b8a-4c55-9f7e-1f0c2f1b7a10",
                   "resource":{"resourceType":"Observation","id":"o2","status":"final","code":{"text":"TSH"}}}]}
                """);

        // when
        Bundle fromTree = (Bundle) fromTree(bundle);
        Bundle fromText = (Bundle) fromText(bundle);

        // then
        for (int i = 0; i < 2; i++) {
            assertThat(fromTree.getEntry().get(i).getResource().getIdElement().getValue())
                    .isEqualTo(fromText.getEntry()
                            .get(i)
                            .getResource()
                            .getIdElement()
                            .getValue());
        }
        assertThat(((Observation) fromTree.getEntryFirstRep().getResource())
                        .getValueQuantity()
                        .getValue())
                .isEqualByComparingTo("4.1");
    }
}
