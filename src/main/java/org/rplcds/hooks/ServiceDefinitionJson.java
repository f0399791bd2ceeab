package org.rplcds.hooks;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A discovery entry, as kept in {@code hooks/<id>.json} and served by {@code GET /cds-services}.
 *
 * @param version the release of the service's logic; CDS Hooks 2.0 clients ignore the member,
 *     later drafts of the specification name it. Filled from the build when the file has none.
 * @param extension the card types a call may switch off, filled from the catalogue
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ServiceDefinitionJson(
        String id,
        String hook,
        String title,
        String description,
        String usageRequirements,
        Map<String, String> prefetch,
        String version,
        ExtensionJson extension) {

    /**
     * The entry's extensions: the configuration options of Da Vinci CRD, whose shape this service
     * borrows to let a call switch card types off (CRD 2.x, "Configuration options extension":
     * https://hl7.org/fhir/us/davinci-crd/2.2.1/en/StructureDefinition-CDSHookServicesExtensionConfiguration.html;
     * HL7/davinci-crd, input/pagecontent/deviations.md).
     *
     * @param configurationOptions one option per card type
     */
    public record ExtensionJson(
            @JsonProperty("davinci-crd.configuration-options") List<ConfigurationOptionJson> configurationOptions) {}

    /**
     * One configuration option. CRD binds its code to its card types; the codes here are this
     * service's card types, the recommendations' ids.
     *
     * @param code what a call names it by in {@code extension.davinci-crd.configuration}
     * @param type the JSON type of its value: {@code boolean}
     * @param name its name in a client's configuration screen
     * @param description its effect, in a sentence or two
     * @param byDefault its value when a call does not set it
     */
    public record ConfigurationOptionJson(
            String code, String type, String name, String description, @JsonProperty("default") boolean byDefault) {}

    ServiceDefinitionJson withVersion(String release) {
        return version != null || release == null
                ? this
                : new ServiceDefinitionJson(
                        id, hook, title, description, usageRequirements, prefetch, release, extension);
    }

    ServiceDefinitionJson withOptions(List<ConfigurationOptionJson> options) {
        return new ServiceDefinitionJson(
                id,
                hook,
                title,
                description,
                usageRequirements,
                prefetch,
                version,
                options.isEmpty() ? null : new ExtensionJson(List.copyOf(options)));
    }

    /** The codes of the options a call may set. */
    @JsonIgnore
    List<String> optionCodes() {
        return extension == null
                ? List.of()
                : extension.configurationOptions().stream()
                        .map(ConfigurationOptionJson::code)
                        .toList();
    }
}
