package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.rplcds.support.CdsServiceTest;
import org.rplcds.support.HookRequests;
import org.rplcds.support.Http;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Ten thousand mutated requests, from the conformance files and our own examples: fields removed,
 * values of every JSON type put in, text cut short. No answer may be a 5xx, and none may take
 * longer than {@link #PER_REQUEST}. The seed is fixed for a
 * repeatable build; set {@code FUZZ_SEED} to explore others.
 */
@CdsServiceTest
@DisplayName("Fuzzing the hook endpoint")
class FuzzTest {

    static final int REQUESTS = 10_000;
    /** Longer than any answer should take, fallback included (2 s): a slower one is a failure. */
    static final Duration PER_REQUEST = Duration.ofSeconds(5);

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final List<JsonNode> ODD_VALUES = List.of(
            NODES.nullNode(),
            NODES.numberNode(-1),
            NODES.numberNode(1e308),
            NODES.booleanNode(true),
            NODES.textNode(""),
            NODES.textNode("../../Patient/1?_format=xml"),
            NODES.textNode("\u0000\u202e\uD83D\uDE00"),
            NODES.textNode("x".repeat(5000)),
            NODES.arrayNode(),
            NODES.objectNode(),
            NODES.objectNode().put("resourceType", "Bundle"),
            NODES.objectNode().put("resourceType", "Patient").put("gender", "unknown-value"),
            NODES.objectNode().put("resourceType", "Observation").put("status", "final"));

    @LocalServerPort
    int port;

    static List<JsonNode> seeds() throws IOException {
        List<JsonNode> seeds = new ArrayList<>();
        for (String folder : List.of("src/test/resources/conformance", "hooks/examples")) {
            try (Stream<Path> files = Files.list(Path.of(folder))) {
                // Requests only: the expected-cards files of the examples are not requests.
                for (Path file : files.filter(f ->
                                f.toString().endsWith(".json") && !f.toString().endsWith(".cards.json"))
                        .sorted()
                        .toList()) {
                    JsonNode seed = HookRequests.JSON.readTree(file.toFile());
                    if (seed.isObject() && seed.has("fhirServer")) {
                        // A closed loopback port: the fallback fails at once instead of waiting on the internet.
                        ((ObjectNode) seed).put("fhirServer", "http://127.0.0.1:1/fhir");
                    }
                    seeds.add(seed);
                }
            }
        }
        return seeds;
    }

    @Test
    @DisplayName("Should never answer a 5xx to a mutated request")
    void neverAnswers5xx() throws IOException {
        // given
        long seed = Long.parseLong(System.getenv().getOrDefault("FUZZ_SEED", "20251125"));
        Random random = new Random(seed);
        List<JsonNode> seeds = seeds();
        Http http = new Http(port);
        List<String> failures = new ArrayList<>();

        for (int i = 0; i < REQUESTS; i++) {
            JsonNode request = seeds.get(random.nextInt(seeds.size())).deepCopy();
            int mutations = 1 + random.nextInt(4);
            for (int m = 0; m < mutations; m++) {
                request = mutate(request, random);
            }
            String body = request.toString();
            if (random.nextInt(10) == 0) {
                body = body.substring(0, random.nextInt(Math.max(1, body.length())));
            }

            // when
            long started = System.nanoTime();
            Http.Answer answer = http.post("/cds-services/recurrent-miscarriage", body);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            // then
            if (took.compareTo(PER_REQUEST) > 0) {
                failures.add("took " + took.toMillis() + " ms for " + body.substring(0, Math.min(300, body.length())));
            }
            if (answer.status() >= 500
                    || (answer.status() != 200 && !answer.body().startsWith("{"))) {
                failures.add(answer.status() + " for " + body.substring(0, Math.min(300, body.length())));
            }
        }
        assertThat(failures).as("seed " + seed).isEmpty();
    }

    static JsonNode mutate(JsonNode root, Random random) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        if (containers.isEmpty()) {
            return ODD_VALUES.get(random.nextInt(ODD_VALUES.size())).deepCopy();
        }
        JsonNode target = containers.get(random.nextInt(containers.size()));
        JsonNode odd = ODD_VALUES.get(random.nextInt(ODD_VALUES.size())).deepCopy();
        if (target instanceof ObjectNode object && object.size() > 0) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String name = names.get(random.nextInt(names.size()));
            switch (random.nextInt(3)) {
                case 0 -> object.remove(name);
                case 1 -> object.set(name, odd);
                default -> object.set(name + "_x", odd);
            }
        } else if (target instanceof ArrayNode array && array.size() > 0) {
            int index = random.nextInt(array.size());
            switch (random.nextInt(3)) {
                case 0 -> array.remove(index);
                case 1 -> array.set(index, odd);
                default -> array.add(array.get(index).deepCopy());
            }
        }
        return root;
    }

    static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainerNode()) {
            containers.add(node);
            node.elements().forEachRemaining(child -> collect(child, containers));
        }
    }
}
