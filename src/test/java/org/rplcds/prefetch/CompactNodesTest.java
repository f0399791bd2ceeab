package org.rplcds.prefetch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rplcds.support.HookRequests;

@DisplayName("Compact JSON objects")
class CompactNodesTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    @DisplayName("Should behave as a LinkedHashMap under any sequence of puts and removes, past the array size too")
    void behavesAsALinkedHashMap(long seed) {
        // given
        Random random = new Random(seed);
        Map<String, JsonNode> compact = new CompactNodes.CompactMap();
        Map<String, JsonNode> reference = new LinkedHashMap<>();

        for (int step = 0; step < 400; step++) {
            // when
            String key = "k" + random.nextInt(CompactNodes.CompactMap.ARRAY_MEMBERS + 4);
            JsonNode value = TextNode.valueOf("v" + step);
            switch (random.nextInt(4)) {
                case 0 -> assertThat(compact.remove(key)).isEqualTo(reference.remove(key));
                case 1 -> {
                    Iterator<Map.Entry<String, JsonNode>> compactEntries =
                            compact.entrySet().iterator();
                    Iterator<Map.Entry<String, JsonNode>> referenceEntries =
                            reference.entrySet().iterator();
                    while (compactEntries.hasNext()) {
                        Map.Entry<String, JsonNode> entry = compactEntries.next();
                        referenceEntries.next();
                        if (entry.getKey().equals(key)) {
                            compactEntries.remove();
                            referenceEntries.remove();
                        }
                    }
                }
                default -> assertThat(compact.put(key, value)).isEqualTo(reference.put(key, value));
            }

            // then
            assertThat(new ArrayList<>(compact.entrySet())).isEqualTo(new ArrayList<>(reference.entrySet()));
            assertThat(compact.get(key)).isEqualTo(reference.get(key));
            assertThat(compact.containsKey(key)).isEqualTo(reference.containsKey(key));
            assertThat(compact).hasSameSizeAs(reference).isEqualTo(reference);
            assertThat(compact.hashCode()).isEqualTo(reference.hashCode());
        }
    }

    @Test
    @DisplayName("Should write an entry's new value through to the object")
    void writesEntryValuesThrough() {
        // given
        ObjectNode object =
                CompactNodes.INSTANCE.objectNode().put("code", "N39.0").put("system", "icd-10");

        // when
        object.fields().next().setValue(TextNode.valueOf("O03.9"));

        // then
        assertThat(object.get("code").asText()).isEqualTo("O03.9");
        assertThat(object.size()).isEqualTo(2);
    }

    @Test
    @DisplayName("Should read into a tree equal to the mapper's, member order included")
    void readsAsTheMapper() throws IOException {
        // given
        StringBuilder wide = new StringBuilder("{");
        for (int i = 0; i < 20; i++) {
            wide.append(i == 0 ? "" : ",")
                    .append("\"m")
                    .append(19 - i)
                    .append("\":")
                    .append(i);
        }
        String json = "{\"resourceType\":\"Observation\",\"code\":{\"coding\":[{\"system\":\"http://loinc.org\","
                + "\"code\":\"39156-5\"}]},\"valueQuantity\":{\"value\":31.2,\"unit\":\"kg/m2\"},\"wide\":" + wide
                + "}}";

        // when
        JsonNode compact =
                HookRequests.JSON.reader().with(CompactNodes.INSTANCE).readTree(json);
        JsonNode plain = HookRequests.JSON.readTree(json);

        // then
        assertThat(compact).isEqualTo(plain);
        assertThat(plain).isEqualTo(compact);
        assertThat(compact.toString()).isEqualTo(plain.toString());
        List<String> names = new ArrayList<>();
        compact.get("wide").fieldNames().forEachRemaining(names::add);
        assertThat(names).first().isEqualTo("m19");
        assertThat(names).last().isEqualTo("m0");
        JsonNode copied = JsonNodeFactory.instance.objectNode().setAll((ObjectNode) compact);
        assertThat(copied).isEqualTo(plain);
    }
}
