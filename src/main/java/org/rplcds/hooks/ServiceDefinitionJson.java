package org.rplcds.hooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * A discovery entry, as kept in {@code hooks/<id>.json} and served by {@code GET /cds-services}.
 *
 * @param version the release of the service's logic; CDS Hooks 2.0 clients ignore the member,
 *     later drafts of the specification name it. Filled from the build when the file has none.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ServiceDefinitionJson(
        String id,
        String hook,
        String title,
        String description,
        String usageRequirements,
        Map<String, String> prefetch,
        String version) {

    ServiceDefinitionJson withVersion(String release) {
        return version != null || release == null
                ? this
                : new ServiceDefinitionJson(id, hook, title, description, usageRequirements, prefetch, release);
    }
}
