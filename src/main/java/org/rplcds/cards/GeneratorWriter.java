package org.rplcds.cards;

import ca.uhn.fhir.parser.json.BaseJsonLikeWriter;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * HAPI's JSON encoder writing into a Jackson generator of our choosing, as HAPI's own {@code
 * JacksonWriter} writes into one over text: a suggestion's resource becomes a tree without being
 * written out as text and read back.
 */
final class GeneratorWriter extends BaseJsonLikeWriter {

    private final JsonGenerator out;

    GeneratorWriter(JsonGenerator out) {
        this.out = out;
    }

    @Override
    public BaseJsonLikeWriter init() {
        return this;
    }

    @Override
    public BaseJsonLikeWriter flush() {
        return this;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    @Override
    public BaseJsonLikeWriter beginObject() throws IOException {
        out.writeStartObject();
        return this;
    }

    @Override
    public BaseJsonLikeWriter beginObject(String name) throws IOException {
        out.writeObjectFieldStart(name);
        return this;
    }

    @Override
    public BaseJsonLikeWriter beginArray(String name) throws IOException {
        out.writeArrayFieldStart(name);
        return this;
    }

    @Override
    public BaseJsonLikeWriter write(String value) throws IOException {
        out.writeString(value);
        return this;
    }

    @Override
    public BaseJsonLikeWriter write(BigInteger value) throws IOException {
        out.writeNumber(value);
        return this;
    }

    @Override
    public BaseJsonLikeWriter write(BigDecimal value) throws IOException {
        out.writeNumber(value);
        return this;
    }

    @Override
    public BaseJsonLikeWriter write(long value) throws IOException {
        out.writeNumber(value);
        return this;
    }

    @Override
    public BaseJsonLikeWriter write(double value) throws IOException {
        out.writeNumber(value);
        return this;
    }

    @Override
    public BaseJsonLikeWriter write(Boolean value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else {
            out.writeBoolean(value);
        }
        return this;
    }

    @Override
    public BaseJsonLikeWriter write(boolean value) throws IOException {
        out.writeBoolean(value);
        return this;
    }

    @Override
    public BaseJsonLikeWriter writeNull() throws IOException {
        out.writeNull();
        return this;
    }

    @Override
    public BaseJsonLikeWriter write(String name, String value) throws IOException {
        out.writeFieldName(name);
        return write(value);
    }

    @Override
    public BaseJsonLikeWriter write(String name, BigInteger value) throws IOException {
        out.writeFieldName(name);
        return write(value);
    }

    @Override
    public BaseJsonLikeWriter write(String name, BigDecimal value) throws IOException {
        out.writeFieldName(name);
        return write(value);
    }

    @Override
    public BaseJsonLikeWriter write(String name, long value) throws IOException {
        out.writeFieldName(name);
        return write(value);
    }

    @Override
    public BaseJsonLikeWriter write(String name, double value) throws IOException {
        out.writeFieldName(name);
        return write(value);
    }

    @Override
    public BaseJsonLikeWriter write(String name, Boolean value) throws IOException {
        out.writeFieldName(name);
        return write(value);
    }

    @Override
    public BaseJsonLikeWriter write(String name, boolean value) throws IOException {
        out.writeFieldName(name);
        return write(value);
    }

    @Override
    public BaseJsonLikeWriter endObject() throws IOException {
        out.writeEndObject();
        return this;
    }

    @Override
    public BaseJsonLikeWriter endArray() throws IOException {
        out.writeEndArray();
        return this;
    }

    @Override
    public BaseJsonLikeWriter endBlock() throws IOException {
        out.writeEndObject();
        return this;
    }
}
