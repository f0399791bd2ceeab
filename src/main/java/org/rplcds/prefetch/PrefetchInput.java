package org.rplcds.prefetch;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a hook call brings for the prefetch step.
 *
 * @param templates the service's prefetch templates by key
 * @param context the hook context, for template tokens
 * @param prefetch the values the client sent by key; a JSON {@code null} value is kept
 * @param fhirServer where missing data may be read
 * @param accessToken bearer token for the FHIR server, if the client gave one
 * @param hookInstance the client's id for the call, for the log; {@code -} when not sent
 * @param started when the call began ({@link System#nanoTime()}): reads end within the budget from then
 * @param allowedFhirServers the verified client's fhirServer allowlist (empty list: any public
 *     https server); empty when client tokens are not checked
 * @param reads where each search of the FHIR server is told, for the audit trail
 */
public record PrefetchInput(
        Map<String, String> templates,
        JsonNode context,
        Map<String, JsonNode> prefetch,
        Optional<URI> fhirServer,
        Optional<String> accessToken,
        String hookInstance,
        long started,
        Optional<List<String>> allowedFhirServers,
        FhirReads reads) {

    /** Input for a call that begins now, without a hookInstance. */
    public PrefetchInput(
            Map<String, String> templates,
            JsonNode context,
            Map<String, JsonNode> prefetch,
            Optional<URI> fhirServer,
            Optional<String> accessToken) {
        this(
                templates,
                context,
                prefetch,
                fhirServer,
                accessToken,
                "-",
                System.nanoTime(),
                Optional.empty(),
                FhirReads.NONE);
    }

    @Override
    public String toString() {
        // Never print the token or the clinical content.
        return "PrefetchInput[keys=" + prefetch.keySet() + ", fhirServer=" + fhirServer.isPresent() + "]";
    }
}
