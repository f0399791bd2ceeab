package org.rplcds.hooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.charset.Charset;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Reads the body of a hook or timeline call with {@link HookBodyReader}, for the media types
 * Spring MVC's JSON converter reads; a body it cannot read is answered as that converter's would be.
 */
final class HookBodyConverter extends AbstractHttpMessageConverter<HookBody> {

    private final HookBodyReader reader;

    HookBodyConverter(HookBodyReader reader) {
        super(MediaType.APPLICATION_JSON, new MediaType("application", "*+json"));
        this.reader = reader;
    }

    @Override
    protected boolean supports(Class<?> type) {
        return HookBody.class == type;
    }

    @Override
    protected boolean canWrite(MediaType mediaType) {
        return false;
    }

    @Override
    protected HookBody readInternal(Class<? extends HookBody> type, HttpInputMessage input) throws IOException {
        MediaType contentType = input.getHeaders().getContentType();
        Charset charset = contentType == null ? null : contentType.getCharset();
        try {
            return new HookBody(reader.read(input.getBody(), charset));
        } catch (JsonProcessingException e) {
            throw new HttpMessageNotReadableException("request body is not valid JSON", e, input);
        }
    }

    @Override
    protected void writeInternal(HookBody body, HttpOutputMessage output) {
        throw new UnsupportedOperationException("hook bodies are read, never written");
    }
}
