package org.rplcds.facts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A code as a value set file lists it, with its system and display: what a card suggests
 * ordering is looked up here rather than typed again beside the value set it belongs to.
 */
public final class ListedCodes {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A code a value set lists by name.
     *
     * @param system the code system's canonical URL
     * @param code the code, as the file spells it
     * @param display the display the file gives it
     */
    public record ListedCode(String system, String code, String display) {}

    private ListedCodes() {}

    /**
     * The code as the value set with this canonical URL lists it.
     *
     * @throws IllegalStateException when the value set has no file, or does not list the code
     */
    public static ListedCode of(String valueSetUrl, String code) {
        if (!valueSetUrl.startsWith(ValueSets.BASE)) {
            throw new IllegalStateException("not a value set of ours: " + valueSetUrl);
        }
        String file = "fhir-resources/valuesets/ValueSet-" + valueSetUrl.substring(ValueSets.BASE.length()) + ".json";
        JsonNode valueSet;
        try (InputStream in = ListedCodes.class.getClassLoader().getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("value set " + valueSetUrl + " has no file " + file);
            }
            valueSet = JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        for (JsonNode include : valueSet.path("compose").path("include")) {
            for (JsonNode concept : include.path("concept")) {
                if (code.equals(concept.path("code").asText())) {
                    return new ListedCode(
                            CodeSystems.canonical(include.path("system").asText()),
                            code,
                            concept.path("display").asText(null));
                }
            }
        }
        throw new IllegalStateException("value set " + valueSetUrl + " does not list " + code);
    }
}
