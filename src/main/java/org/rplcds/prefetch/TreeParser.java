package org.rplcds.prefetch;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParserErrorHandler;
import ca.uhn.fhir.parser.JsonParser;
import ca.uhn.fhir.parser.json.jackson.JacksonStructure;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * HAPI's JSON parser reading a prefetch value or a draft order from the Jackson tree the request
 * body was read into, instead of from that tree written back to text and tokenised a second time. Only the
 * tokenising is skipped: the walk over the tree and what follows it (a Bundle entry's id from its
 * {@code fullUrl}) are HAPI's own, as for text.
 */
public final class TreeParser extends JsonParser {

    public TreeParser(FhirContext fhir, IParserErrorHandler errors) {
        super(fhir, errors);
    }

    /** The resource that a JSON object holds. */
    public IBaseResource parse(ObjectNode json) {
        return parseResource(new TreeReader(json));
    }

    @Override
    public <T extends IBaseResource> T doParseResource(Class<T> type, Reader reader) {
        if (reader instanceof TreeReader tree) {
            JacksonStructure structure = new JacksonStructure();
            structure.setNativeObject(tree.json);
            return doParseResource(type, structure);
        }
        return super.doParseResource(type, reader);
    }

    /** Carries the tree to the parser; should HAPI wrap it in a reader of its own, it reads as text. */
    private static final class TreeReader extends Reader {

        private final ObjectNode json;
        private Reader text;

        TreeReader(ObjectNode json) {
            this.json = json;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            if (text == null) {
                text = new StringReader(json.toString());
            }
            return text.read(buffer, offset, length);
        }

        @Override
        public void close() {
            // Nothing to release.
        }
    }
}
