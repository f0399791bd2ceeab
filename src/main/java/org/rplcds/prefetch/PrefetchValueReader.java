package org.rplcds.prefetch;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.rplcds.system.MemoryBudget;

/**
 * Reads a prefetch value from the request's token stream, leaving out of a Bundle the entries a
 * {@link ResourceSelection} does not want as each is read: a chart's vital signs and notes are
 * never held as a tree beside the rest of the request, which on a large chart is most of what a
 * call keeps alive. The one place prefetch entries are selected: a value given as a tree is read
 * from the tree's tokens the same way ({@link PrefetchResolver}). The entries kept are read by
 * the same {@link ObjectMapper}, and the entries left out still count, against the request's
 * resource limit and against a Bundle's {@code total}.
 *
 * <p>Entries are left out only once the Bundle's {@code resourceType} has been read; a Bundle that
 * names its type after its entries is read whole, and parsed whole.
 */
public final class PrefetchValueReader {

    /** The mapper's reader, building objects as {@link CompactNodes}. */
    private final ObjectReader json;

    private final ResourceSelection selection;

    public PrefetchValueReader(ObjectMapper json, ResourceSelection selection) {
        this.json = json.reader().with(CompactNodes.INSTANCE);
        this.selection = selection;
    }

    /**
     * Reads the value that starts at the parser's current token, whatever its JSON type: checking
     * what a prefetch value may be is the caller's part.
     *
     * @param key the value's prefetch key, for messages
     * @throws InvalidPrefetchException when a Bundle whose entries were left out then names
     *     another {@code resourceType}
     */
    public JsonNode read(JsonParser parser, String key) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT || selection == ResourceSelection.EVERY_RESOURCE) {
            long start = offset(parser.currentTokenLocation());
            JsonNode value = json.readTree(parser);
            hold(start, parser);
            return value;
        }
        SelectedBundle value = new SelectedBundle();
        boolean bundle = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            if (bundle && token == JsonToken.START_ARRAY && "entry".equals(name)) {
                value.set("entry", entries(parser, value));
                continue;
            }
            long start = offset(parser.currentTokenLocation());
            JsonNode member = json.readTree(parser);
            hold(start, parser);
            if ("resourceType".equals(name)) {
                bundle = member.isTextual() && "Bundle".equals(member.textValue());
                if (!bundle && value.leftOut() > 0) {
                    // The last name counts, as in a tree: entries left out as a Bundle's would be missed.
                    throw new InvalidPrefetchException("prefetch." + key + " names its resourceType twice");
                }
            }
            value.replace(name, member);
            if ("entry".equals(name)) {
                value.readWhole();
            }
        }
        return value;
    }

    /**
     * The value that ended at the parser's token, from {@code start}, is kept: the call's memory
     * budget holds what it will cost. Values read from a tree have no offsets, and cost nothing more.
     */
    private static void hold(long start, JsonParser parser) {
        long end = offset(parser.currentLocation());
        if (start >= 0 && end > start) {
            MemoryBudget.current().ifPresent(lease -> lease.holdJson(end - start));
        }
    }

    /** Where in the body a location is: bytes, or characters for a body read as characters; -1 from a tree. */
    private static long offset(JsonLocation location) {
        return location.getByteOffset() >= 0 ? location.getByteOffset() : location.getCharOffset();
    }

    /** The resources a prefetch value holds: a Bundle's entries, those left out included; otherwise 1. */
    public static int resources(JsonNode value) {
        JsonNode entries = value.path("entry");
        if (!entries.isArray()) {
            return 1;
        }
        return entries.size() + (value instanceof SelectedBundle selected ? selected.leftOut() : 0);
    }

    /**
     * As HAPI counts a match: {@code search.mode} absent, {@code match}, or a value it cannot read;
     * {@code include} and {@code outcome} are not matches.
     */
    static boolean isMatch(JsonNode entry) {
        JsonNode mode = entry.path("search").path("mode");
        return !(mode.isTextual() && ("include".equals(mode.textValue()) || "outcome".equals(mode.textValue())));
    }

    private ArrayNode entries(JsonParser parser, SelectedBundle bundle) throws IOException {
        ArrayNode kept = JsonNodeFactory.instance.arrayNode();
        int leftOut = 0;
        int leftOutMatches = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            long start = offset(parser.currentTokenLocation());
            JsonNode entry = json.readTree(parser);
            if (selection.keeps(entry)) {
                hold(start, parser);
                kept.add(entry);
            } else {
                leftOut++;
                if (isMatch(entry)) {
                    leftOutMatches++;
                }
            }
        }
        bundle.selected(leftOut, leftOutMatches);
        return kept;
    }

    /** A Bundle's tree without the entries left out while it was read, and how many they were. */
    static final class SelectedBundle extends ObjectNode {

        private static final long serialVersionUID = 1L;

        private boolean selected;
        private int leftOut;
        private int leftOutMatches;

        SelectedBundle() {
            super(JsonNodeFactory.instance);
        }

        /** Its entries were selected as they were read, these many left out. */
        void selected(int entries, int matches) {
            this.selected = true;
            this.leftOut = entries;
            this.leftOutMatches = matches;
        }

        /** Its entries were read as they came, all of them. */
        void readWhole() {
            this.selected = false;
            this.leftOut = 0;
            this.leftOutMatches = 0;
        }

        boolean selected() {
            return selected;
        }

        int leftOut() {
            return leftOut;
        }

        int leftOutMatches() {
            return leftOutMatches;
        }

        /** A copy counts what was left out too. */
        @Override
        public SelectedBundle deepCopy() {
            SelectedBundle copy = new SelectedBundle();
            properties()
                    .forEach(member ->
                            copy.set(member.getKey(), member.getValue().deepCopy()));
            copy.selected = selected;
            copy.leftOut = leftOut;
            copy.leftOutMatches = leftOutMatches;
            return copy;
        }
    }
}
