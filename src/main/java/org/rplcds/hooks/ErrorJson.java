package org.rplcds.hooks;

import com.fasterxml.jackson.annotation.JsonInclude;
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
}
