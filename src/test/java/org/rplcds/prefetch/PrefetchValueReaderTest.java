package org.rplcds.prefetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.rplcds.facts.RelevantResources;
import org.rplcds.support.HookRequests;
import org.rplcds.support.Records;

@DisplayName("Prefetch values read as the request streams in")
class PrefetchValueReaderTest {

    static final PrefetchValueReader READER =
            new PrefetchValueReader(HookRequests.JSON, new RelevantResources(Records.TERMINOLOGY));

    static final String HEART_RATE = "{\"resource\":{\"resourceType\":\"Observation\",\"id\":\"hr%d\","
            + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"8867-4\"}]}},"
            + "\"search\":{\"mode\":\"%s\"}}";
    static final String MISCARRIAGE = "{\"resource\":{\"resourceType\":\"Condition\",\"id\":\"c1\","
            + "\"code\":{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"17369002\"}]}}}";

    static JsonNode read(String json) throws IOException {
        try (JsonParser parser = HookRequests.JSON.getFactory().createParser(json)) {
            parser.nextToken();
            return READER.read(parser, "conditions");
        }
    }

    static String bundle(String members) {
        return "{\"resourceType\":\"Bundle\",\"type\":\"searchset\"," + members + "}";
    }

    @Test
    @DisplayName("Should leave out the entries no fact reads, and count them as resources and as matches")
    void leavesOutWhatNoFactReads() throws IOException {
        // given
        String json = bundle("\"total\":3,\"entry\":[" + HEART_RATE.formatted(1, "match") + "," + MISCARRIAGE + ","
                + HEART_RATE.formatted(2, "include") + "]");

        // when
        JsonNode value = read(json);

        // then
        assertThat(value.get("entry")).hasSize(1);
        assertThat(value.get("entry").get(0).path("resource").path("id").asText())
                .isEqualTo("c1");
        assertThat(value.get("total").asInt()).isEqualTo(3);
        assertThat(PrefetchValueReader.resources(value)).isEqualTo(3);
        assertThat(BundleSelection.of((ObjectNode) value, ResourceSelection.EVERY_RESOURCE)
                        .droppedMatches())
                .as("the include is no match")
                .isEqualTo(1);
    }

    @Test
    @DisplayName("Should not test a streamed Bundle's entries again when it is selected, left out none or some")
    void selectsEachEntryOnce() throws IOException {
        // given
        AtomicInteger tests = new AtomicInteger();
        ResourceSelection counting = resource -> {
            tests.incrementAndGet();
            return !"Observation".equals(resource.path("resourceType").asText());
        };
        PrefetchValueReader reader = new PrefetchValueReader(HookRequests.JSON, counting);
        String json = bundle("\"entry\":[" + MISCARRIAGE + "," + MISCARRIAGE.replace("c1", "c2") + "]");
        JsonNode value;
        try (JsonParser parser = HookRequests.JSON.getFactory().createParser(json)) {
            parser.nextToken();
            value = reader.read(parser, "conditions");
        }

        // when
        BundleSelection selected = BundleSelection.of((ObjectNode) value, counting);

        // then
        assertThat(selected.json().get("entry")).hasSize(2);
        assertThat(tests).hasValue(2);
    }

    @Test
    @DisplayName("Should count what was left out in a copy too")
    void copiesCountWhatWasLeftOut() throws IOException {
        // given
        JsonNode value = read(bundle("\"entry\":[" + HEART_RATE.formatted(1, "match") + "," + MISCARRIAGE + "]"));

        // when
        JsonNode copy = value.deepCopy();

        // then
        assertThat(copy).isEqualTo(value);
        assertThat(PrefetchValueReader.resources(copy)).isEqualTo(2);
        assertThat(BundleSelection.of((ObjectNode) copy, ResourceSelection.EVERY_RESOURCE)
                        .droppedMatches())
                .isEqualTo(1);
    }

    @Test
    @DisplayName(
            "Should read a Bundle whole when it names its type after its entries, as the tree oracle selects from it")
    void readsWholeWhenTheTypeComesLast() throws IOException {
        // given
        String json = "{\"entry\":[" + HEART_RATE.formatted(1, "match") + "," + MISCARRIAGE
                + "],\"resourceType\":\"Bundle\",\"type\":\"searchset\"}";

        // when
        JsonNode value = read(json);

        // then
        assertThat(value).isEqualTo(HookRequests.JSON.readTree(json));
        assertThat(PrefetchValueReader.resources(value)).isEqualTo(2);
        BundleSelection selected = BundleSelection.of((ObjectNode) value, new RelevantResources(Records.TERMINOLOGY));
        assertThat(selected.json().get("entry")).hasSize(1);
        assertThat(selected.droppedMatches()).isEqualTo(1);
    }

    @Test
    @DisplayName("Should keep the last of two entry lists, and count what it left out of that one only")
    void keepsTheLastEntryList() throws IOException {
        // given
        String json = bundle("\"entry\":[" + HEART_RATE.formatted(1, "match") + "," + HEART_RATE.formatted(2, "match")
                + "],\"entry\":[" + MISCARRIAGE + "," + HEART_RATE.formatted(3, "match") + "]");

        // when
        JsonNode value = read(json);

        // then
        assertThat(value.get("entry")).hasSize(1);
        assertThat(PrefetchValueReader.resources(value)).isEqualTo(2);
    }

    @Test
    @DisplayName("Should refuse a Bundle whose entries were left out that then names another resourceType")
    void refusesTwoResourceTypes() {
        // given
        String json = bundle("\"entry\":[" + HEART_RATE.formatted(1, "match") + "],\"resourceType\":\"List\"");

        // when / then
        assertThatThrownBy(() -> read(json))
                .isInstanceOf(InvalidPrefetchException.class)
                .hasMessage("prefetch.conditions names its resourceType twice");
    }

    @Test
    @DisplayName("Should read a type named twice as a tree does, the last name counting, where no entry is lost")
    void readsTwoResourceTypesAsATree() throws IOException {
        for (String json : new String[] {
            bundle("\"entry\":[" + MISCARRIAGE + "],\"resourceType\":\"List\""),
            "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"resourceType\":\"Patient\"}"
        }) {
            // when
            JsonNode value = read(json);

            // then
            assertThat(value).as(json).isEqualTo(HookRequests.JSON.readTree(json));
        }
        JsonNode twice = read(bundle("\"entry\":[" + HEART_RATE.formatted(1, "match") + "," + MISCARRIAGE
                + "],\"resourceType\":\"Bundle\""));
        assertThat(twice.get("entry")).hasSize(1);
        assertThat(PrefetchValueReader.resources(twice)).isEqualTo(2);
    }

    @Test
    @DisplayName("Should read other resources and values that are no object as the mapper reads them")
    void readsOtherValuesAsTheMapper() throws IOException {
        for (String json : new String[] {
            "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"entry\":[" + HEART_RATE.formatted(1, "match") + "]}",
            "{\"resourceType\":\"OperationOutcome\",\"issue\":[]}",
            "[" + MISCARRIAGE + "]",
            "\"text\"",
            "null",
            "{\"resourceType\":7,\"entry\":[]}"
        }) {
            // when
            JsonNode value = read(json);

            // then
            assertThat(value).as(json).isEqualTo(HookRequests.JSON.readTree(json));
        }
    }

    @Test
    @DisplayName("Should fail on a Bundle cut off inside its entries, rather than read what came before")
    void failsOnTruncatedBundles() {
        // given
        String json = bundle("\"entry\":[" + MISCARRIAGE + "," + HEART_RATE.formatted(1, "match"));
        String cut = json.substring(0, json.length() - 20);

        // when / then
        assertThatThrownBy(() -> read(cut)).isInstanceOf(IOException.class);
    }
}
