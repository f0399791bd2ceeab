package org.rplcds.hooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** A discovery entry, as kept in {@code hooks/<id>.json} and served by {@code GET /cds-services}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ServiceDefinitionJson(
        String id,
        String hook,
        String title,
        String description,
        String usageRequirements,
        Map<String, String> prefetch) {}
