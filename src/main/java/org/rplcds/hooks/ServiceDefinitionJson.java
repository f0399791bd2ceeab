package org.rplcds.hooks;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A discovery entry, as kept in {@code hooks/<id>.json} and served by {@code GET /cds-services}.
 *
 * @param version the version of the CDS Hooks specification the service implements, as the CDS
 *     Hooks 3.0 ballot defines the member ({@link #CDS_HOOKS_VERSION}); CDS Hooks 2.0 clients ignore it
 * @param extension the card types a call may switch off, filled from the catalogue, and the
 *     service's own release
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

    /** The version of CDS Hooks the service implements: 2.0, with its technical corrections. */
    public static final String CDS_HOOKS_VERSION = "2.0.1";

    /** The extension member that carries the service's own release, such as {@code 2.0.0}. */
    public static final String RELEASE_EXTENSION = "org.rplcds.release";

    /**
     * The entry's extensions: the configuration options of Da Vinci CRD, whose shape this service
     * borrows to let a call switch card types off (CRD 2.x, "Configuration options extension":
     * https://hl7.org/fhir/us/davinci-crd/2.2.1/en/StructureDefinition-CDSHookServicesExtensionConfiguration.html;
     * HL7/davinci-crd, input/pagecontent/deviations.md), and the release of the service's logic.
     *
     * @param configurationOptions one option per card type
     * @param release the service's release, from the build
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record ExtensionJson(
            @JsonProperty("davinci-crd.configuration-options") List<ConfigurationOptionJson> configurationOptions,
            @JsonProperty(RELEASE_EXTENSION) String release) {}

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

    /**
     * The entry as served: the CDS Hooks version, the options a call may set, and the release of the
     * build when there is one.
     */
    ServiceDefinitionJson served(List<ConfigurationOptionJson> options, String release) {
        return new ServiceDefinitionJson(
                id,
                hook,
                title,
                description,
                usageRequirements,
                prefetch,
                CDS_HOOKS_VERSION,
                options.isEmpty() && release == null
                        ? null
                        : new ExtensionJson(options.isEmpty() ? null : List.copyOf(options), release));
    }

    /** The codes of the options a call may set. */
    @JsonIgnore
    List<String> optionCodes() {
        return extension == null || extension.configurationOptions() == null
                ? List.of()
                : extension.configurationOptions().stream()
                        .map(ConfigurationOptionJson::code)
                        .toList();
    }
}
