package org.rplcds.hooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An error answer: what was wrong, never a stack trace or patient data.
 *
 * @param error a short machine-readable kind
 * @param message what was wrong, for a person
 * @param missing for 412, why each prefetch key could not be had
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
record ErrorJson(String error, String message, Map<String, String> missing) {

    ErrorJson(String error, String message) {
        this(error, message, Map.of());
    }

    /**
     * Writes an error answer where no converter runs (a filter, the container's error page): the
     * status, and this JSON. The words are the service's own, never a client's.
     */
    static void write(HttpServletResponse response, int status, String error, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getOutputStream()
                .write(("{\"error\":\"" + error + "\",\"message\":\"" + message.replace("\"", "'") + "\"}")
                        .getBytes(StandardCharsets.UTF_8));
    }
}
