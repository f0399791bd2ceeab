package org.rplcds.prefetch;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.parser.LenientErrorHandler;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rplcds.facts.FactsReader;
import org.rplcds.facts.LossCounting;
import org.rplcds.facts.PatientFacts;
import org.rplcds.facts.RelevantResources;
import org.rplcds.facts.ValueSets;
import org.rplcds.support.Fhir;
import org.rplcds.support.HookRequests;
import org.rplcds.support.Records;
import org.rplcds.support.SyntheaCharts;
import org.rplcds.system.CdsProperties;
import org.springframework.util.unit.DataSize;

/**
 * HAPI builds models only for the resources {@link RelevantResources} keeps: a resource the facts
 * read but the selection leaves out would be a clinical bug. On every record we have, and on
 * variants of each with codings moved, stripped and swapped, the facts of the selective parse are
 * the facts of the full parse, for prefetch and for pages read from a FHIR server.
 */
@DisplayName("Selective parse")
class SelectiveParseTest {

    static final List<LossCounting> COUNTINGS = List.of(new LossCounting(24, true), new LossCounting(28, false));
    static final FactsReader FACTS = new FactsReader(Records.TERMINOLOGY);
    static final RelevantResources RELEVANT = new RelevantResources(Records.TERMINOLOGY);
    static final CdsProperties SETTINGS = new CdsProperties(new CdsProperties.Fallback(
            Duration.ofSeconds(1), Duration.ofSeconds(2), 1000, 8, 5000, DataSize.ofMegabytes(16)));
    static final FhirServerReader SERVER =
            new FhirServerReader(Fhir.CONTEXT, new LenientErrorHandler(false), SETTINGS, new SimpleMeterRegistry());
    static final PrefetchResolver FULL = resolver(ResourceSelection.EVERY_RESOURCE);
    static final PrefetchResolver SELECTIVE = resolver(RELEVANT);
    /** Prefetch values read as the request streams in, entries left out as they go by. */
    static final PrefetchValueReader STREAM = new PrefetchValueReader(HookRequests.JSON, RELEVANT);
    /** Variants of each record: a seeded change to every coding, so that a failure can be replayed. */
    static final int VARIANTS = 3;
    /** Codes of value sets the facts read from Observation and Procedure codes, to move into the way of the selection. */
    static final List<String> READ_CODES = readCodes();

    static PrefetchResolver resolver(ResourceSelection selection) {
        return new PrefetchResolver(
                Fhir.CONTEXT,
                new LenientErrorHandler(false),
                SERVER,
                new ServerProfiles(SERVER, SETTINGS),
                SETTINGS,
                new FhirServerPolicy(),
                selection);
    }

    @AfterAll
    static void stopReader() {
        SERVER.destroy();
    }

    /** Every record we have: example requests, conformance requests, demo patients, Synthea charts. */
    static Stream<String> records() throws IOException {
        List<String> paths = new ArrayList<>(Records.files());
        paths.add("bench/fixtures/Bundle-synthea-median.json");
        return paths.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    @DisplayName("Should read the same facts, or refuse the same way, from the selective parse as from the full one")
    void selectiveParseChangesNoFact(String path) throws IOException {
        // given
        JsonNode file = HookRequests.JSON.readTree(Path.of(path).toFile());
        if (!file.isObject()) {
            return;
        }
        Random random = new Random(path.hashCode());
        List<JsonNode> requests = new ArrayList<>();
        requests.add(file);
        for (int i = 0; i < VARIANTS; i++) {
            JsonNode variant = file.deepCopy();
            vary(variant, random);
            requests.add(variant);
        }

        for (JsonNode request : requests) {
            for (LossCounting counting : COUNTINGS) {
                // when
                Object full = outcome(FULL, request, counting);
                Object selective = outcome(SELECTIVE, request, counting);
                Object streamed = outcome(SELECTIVE, streamed(request), counting);

                // then
                assertThat(selective).isEqualTo(full);
                assertThat(streamed).isEqualTo(full);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    @DisplayName(
            "Should select the same entries, and count the same left out, as the request streams in as from its tree")
    void streamedSelectionIsTheTreeSelection(String path) throws IOException {
        // given
        JsonNode file = HookRequests.JSON.readTree(Path.of(path).toFile());
        List<JsonNode> values = new ArrayList<>();
        if (file.has("resourceType")) {
            values.add(file);
        }
        file.path("prefetch").forEach(values::add);
        Random random = new Random(path.hashCode());

        for (JsonNode original : values) {
            JsonNode varied = original.deepCopy();
            vary(varied, random);
            for (JsonNode value : List.of(original, varied)) {
                // when
                JsonNode streamed = streamed(value, "value");

                // then
                assertThat(PrefetchValueReader.resources(streamed))
                        .isEqualTo(
                                value.path("entry").isArray()
                                        ? value.path("entry").size()
                                        : 1);
                if (value.isObject()) {
                    BundleSelection fromTree = BundleSelection.of((ObjectNode) value, RELEVANT);
                    BundleSelection fromStream = BundleSelection.of((ObjectNode) streamed, RELEVANT);
                    assertThat(fromStream.json()).isEqualTo(fromTree.json());
                    assertThat(fromStream.droppedMatches()).isEqualTo(fromTree.droppedMatches());
                } else {
                    assertThat(streamed).isEqualTo(value);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    @DisplayName("Should read the same facts from a FHIR server's page parsed selectively as parsed whole")
    void selectivePagesChangeNoFact(String path) throws IOException {
        // given
        JsonNode file = HookRequests.JSON.readTree(Path.of(path).toFile());
        List<JsonNode> bundles = new ArrayList<>();
        if ("Bundle".equals(file.path("resourceType").asText())) {
            bundles.add(file);
        }
        file.path("prefetch").forEach(value -> {
            if ("Bundle".equals(value.path("resourceType").asText())) {
                bundles.add(value);
            }
        });
        Random random = new Random(path.hashCode());

        for (JsonNode original : bundles) {
            JsonNode varied = original.deepCopy();
            vary(varied, random);
            for (JsonNode bundle : List.of(original, varied)) {
                // when
                Object full = pageOutcome(ResourceSelection.EVERY_RESOURCE, bundle);
                Object selective = pageOutcome(RELEVANT, bundle);

                // then
                assertThat(selective).isEqualTo(full);
            }
        }
    }

    @Test
    @DisplayName("Should leave most of a Synthea chart unbuilt: its vital signs, notes and routine procedures")
    void leavesOutMostOfAChart() throws IOException {
        // given
        ObjectNode chart = (ObjectNode) HookRequests.JSON.readTree(
                Path.of("bench/fixtures/Bundle-synthea-median.json").toFile());

        // when
        BundleSelection selected = BundleSelection.of(chart, RELEVANT);

        // then
        int entries = chart.get("entry").size();
        int kept = selected.json().get("entry").size();
        assertThat(kept).isPositive().isLessThan(entries / 4);
        assertThat(selected.droppedMatches()).isEqualTo(entries - kept);
    }

    @Test
    @DisplayName("Should count the matches it leaves out, so that a Bundle that holds its total needs no fhirServer")
    void countsTheMatchesLeftOut() {
        // given
        Resource vitalSign = SyntheaCharts.withVitalSigns(SyntheaCharts.resources("single-miscarriage"), 1).stream()
                .filter(r -> r.getIdElement().getIdPart().equals("vital-0"))
                .findFirst()
                .orElseThrow();
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET).setTotal(1);
        bundle.addEntry().setResource(vitalSign).getSearch().setMode(Bundle.SearchEntryMode.MATCH);
        JsonNode value = tree(bundle);
        Map<String, JsonNode> prefetch = new LinkedHashMap<>();
        prefetch.put("observations", value);

        Map<String, String> templates = Map.of("observations", "Observation?patient={{context.patientId}}");

        // when
        Object selective = outcome(SELECTIVE, templates, prefetch, "p1", COUNTINGS.get(0));
        Object full = outcome(FULL, templates, prefetch, "p1", COUNTINGS.get(0));

        // then
        assertThat(selective).isInstanceOf(PatientFacts.class);
        assertThat(selective).isEqualTo(full);
    }

    /** The facts, or the exception and its message: what a caller of the service would see. */
    static Object outcome(PrefetchResolver resolver, JsonNode request, LossCounting counting) {
        Map<String, String> templates = new LinkedHashMap<>();
        Map<String, JsonNode> prefetch = new LinkedHashMap<>();
        String patientId;
        if (request.has("resourceType")) {
            templates.put("chart", "Patient/{{context.patientId}}");
            prefetch.put("chart", request);
            patientId = firstPatientId(request);
        } else {
            request.path("prefetch").fields().forEachRemaining(field -> {
                templates.put(field.getKey(), "Patient/{{context.patientId}}");
                prefetch.put(field.getKey(), field.getValue());
            });
            patientId = request.path("context").path("patientId").asText("p1");
        }
        return outcome(resolver, templates, prefetch, patientId, counting);
    }

    static Object outcome(
            PrefetchResolver resolver,
            Map<String, String> templates,
            Map<String, JsonNode> prefetch,
            String patientId,
            LossCounting counting) {
        try {
            PatientRecord record = resolver.resolve(
                    patientId,
                    new PrefetchInput(templates, context(patientId), prefetch, Optional.empty(), Optional.empty()));
            return FACTS.read(record, Records.TODAY, counting);
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    static Object pageOutcome(ResourceSelection selection, JsonNode bundle) {
        PageParser parser = new PageParser(Fhir.CONTEXT, new LenientErrorHandler(false), selection);
        byte[] bytes = bundle.toString().getBytes(StandardCharsets.UTF_8);
        try {
            PageParser.Page page = parser.parse(
                    new CappedInputStream(new ByteArrayInputStream(bytes), new AtomicLong(bytes.length)), 100_000);
            String patientId = firstPatientId(bundle);
            List<Object> outcome = new ArrayList<>(List.of(page.counted(), page.matches(), page.total(), page.next()));
            for (LossCounting counting : COUNTINGS) {
                outcome.add(FACTS.read(PatientRecord.of(patientId, page.resources()), Records.TODAY, counting));
            }
            return outcome;
        } catch (IOException | RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    /** The request with each prefetch value read from its text as the service reads a request. */
    static JsonNode streamed(JsonNode request) {
        if (request.has("resourceType")) {
            return streamed(request, "chart");
        }
        if (!request.path("prefetch").isObject()) {
            return request;
        }
        ObjectNode copy = request.deepCopy();
        ObjectNode prefetch = (ObjectNode) copy.get("prefetch");
        request.get("prefetch").fields().forEachRemaining(field -> {
            prefetch.replace(field.getKey(), streamed(field.getValue(), field.getKey()));
        });
        return copy;
    }

    static JsonNode streamed(JsonNode value, String key) {
        try (JsonParser parser = HookRequests.JSON.getFactory().createParser(value.toString())) {
            parser.nextToken();
            return STREAM.read(parser, key);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode context(String patientId) {
        return JsonNodeFactory.instance.objectNode().put("patientId", patientId);
    }

    static String firstPatientId(JsonNode bundle) {
        for (JsonNode entry : bundle.path("entry")) {
            if ("Patient".equals(entry.path("resource").path("resourceType").asText())) {
                return entry.path("resource").path("id").asText("p1");
            }
        }
        return "p1";
    }

    static JsonNode tree(IBaseResource resource) {
        try {
            return HookRequests.JSON.readTree(Fhir.CONTEXT.newJsonParser().encodeResourceToString(resource));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Changes each coding of the record at random, the ways real charts differ from clean ones: no
     * system, padded or lower-case codes, a code the rules read put on a resource that had none,
     * a coding moved into a component, a code without value, an entry marked as an include.
     */
    static void vary(JsonNode node, Random random) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            if (object.has("resourceType") && object.get("code") instanceof ObjectNode code && random.nextInt(8) == 0) {
                // A coding of the resource's code becomes a component's, as blood pressure carries its readings.
                ArrayNode components =
                        object.has("component") && object.get("component").isArray()
                                ? (ArrayNode) object.get("component")
                                : object.putArray("component");
                components.addObject().set("code", code.deepCopy());
                code.putArray("coding")
                        .addObject()
                        .put("system", "http://loinc.org")
                        .put("code", "85354-9");
            }
            if (object.has("search") && object.get("search").isObject() && random.nextInt(6) == 0) {
                ((ObjectNode) object.get("search")).put("mode", random.nextBoolean() ? "include" : "bogus");
            }
            if (object.has("code") && object.get("code").isTextual() && object.has("system")) {
                varyCoding(object, random);
            }
            List<JsonNode> children = new ArrayList<>();
            object.elements().forEachRemaining(children::add);
            children.forEach(child -> vary(child, random));
        } else if (node.isArray()) {
            node.forEach(child -> vary(child, random));
        }
    }

    private static void varyCoding(ObjectNode coding, Random random) {
        String code = coding.get("code").asText();
        switch (random.nextInt(9)) {
            case 0 -> coding.remove("system");
            case 1 -> coding.put("code", " " + code + " ");
            case 2 -> coding.put("code", code.toLowerCase(java.util.Locale.ROOT));
            case 3 -> coding.put("code", READ_CODES.get(random.nextInt(READ_CODES.size())));
            case 4 -> coding.put("system", "http://snomed.info/sct");
            case 5 -> coding.remove("code");
            case 6 -> coding.put("code", code.replace(".", ""));
            default -> {
                // Most codings stay as they are.
            }
        }
    }

    private static List<String> readCodes() {
        List<String> codes = new ArrayList<>();
        for (String valueSet : List.of(
                ValueSets.BMI,
                ValueSets.TSH,
                ValueSets.BODY_TEMPERATURE,
                ValueSets.TOBACCO_SMOKING_STATUS,
                ValueSets.GESTATIONAL_AGE,
                ValueSets.KARYOTYPE,
                ValueSets.CERCLAGE,
                ValueSets.MISCARRIAGE,
                ValueSets.UTERINE_ASSESSMENT)) {
            codes.addAll(Records.TERMINOLOGY.enumeratedCodes(valueSet));
        }
        return List.copyOf(codes);
    }
}
