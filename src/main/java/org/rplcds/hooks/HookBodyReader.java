package org.rplcds.hooks;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import org.rplcds.prefetch.PrefetchValueReader;
import org.rplcds.prefetch.ResourceSelection;

/**
 * Reads a hook call's body as a stream into the tree {@link HookRequest} checks, for the HTTP
 * edge ({@link HookBodyConverter}) and for callers in process alike: every member as
 * the {@link ObjectMapper} would read it, and each prefetch value by {@link PrefetchValueReader},
 * so that the entries of a Bundle no fact can read are dropped as they go by rather than held
 * with the rest of the request for the length of the call.
 */
public final class HookBodyReader {

    private final ObjectMapper json;
    private final PrefetchValueReader prefetch;

    HookBodyReader(ObjectMapper json, ResourceSelection selection) {
        this.json = json;
        this.prefetch = new PrefetchValueReader(json, selection);
    }

    /**
     * @param charset the charset the client named, if any; without one, or with a Unicode one, the
     *     encoding is told from the bytes, as JSON allows
     */
    public JsonNode read(InputStream body, Charset charset) throws IOException {
        boolean unicode = charset == null || charset.name().startsWith("UTF-");
        try (JsonParser parser = unicode
                ? json.getFactory().createParser(body)
                : json.getFactory().createParser(new InputStreamReader(body, charset))) {
            return read(parser);
        }
    }

    /** A body in a Unicode encoding, as bytes: for callers in process, such as the benchmark. */
    public JsonNode read(byte[] body) throws IOException {
        try (JsonParser parser = json.getFactory().createParser(body)) {
            return read(parser);
        }
    }

    private JsonNode read(JsonParser parser) throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw MismatchedInputException.from(parser, JsonNode.class, "no content");
        }
        if (first != JsonToken.START_OBJECT) {
            return json.readTree(parser);
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            body.replace(
                    name,
                    "prefetch".equals(name) && token == JsonToken.START_OBJECT
                            ? prefetch(parser)
                            : json.readTree(parser));
        }
        if (json.isEnabled(DeserializationFeature.FAIL_ON_TRAILING_TOKENS) && parser.nextToken() != null) {
            throw MismatchedInputException.from(parser, JsonNode.class, "content after the request's object");
        }
        return body;
    }

    private ObjectNode prefetch(JsonParser parser) throws IOException {
        ObjectNode values = JsonNodeFactory.instance.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            parser.nextToken();
            values.replace(key, prefetch.read(parser, Sanitise.forMessage(key)));
        }
        return values;
    }
}
