package org.rplcds.prefetch;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One read of the client's FHIR server, observed as {@code cds.fhir.read}: a search with all its
 * pages, a read of one resource, or the CapabilityStatement. Where tracing is on it is a client
 * span of the hook call's trace, and the trace context it carries ({@link #traceHeaders()}) goes to
 * the server with each of its requests.
 *
 * <p>What it names: the server's base URL, the interaction, the resource type, the prefetch key, the
 * pages, the last HTTP status, the resources and bytes read, and why a read is incomplete. Never the
 * search's parameters or a resource's id, which carry the patient, nor the token or what was read.
 */
final class FhirRead extends SenderContext<Map<String, String>> {

    static final String NAME = "cds.fhir.read";

    /** A FHIR resource type: a capital letter then letters (FHIR R4, resource names). */
    private static final Pattern TYPE = Pattern.compile("[A-Z][A-Za-z]{1,63}");

    private final String interaction;
    private final Optional<String> type;

    private FhirRead(URI base, String interaction, Optional<String> type) {
        // The carrier: what the tracer writes of the trace context, copied onto each request.
        super((carrier, key, value) -> carrier.put(key, value), Kind.CLIENT);
        setCarrier(new LinkedHashMap<>());
        this.interaction = interaction;
        this.type = type;
        setContextualName("fhir " + interaction + type.map(t -> " " + t).orElse(""));
        addLowCardinalityKeyValue(KeyValue.of("fhir.interaction", interaction));
        addLowCardinalityKeyValue(KeyValue.of("fhir.resource_type", type.orElse("unknown")));
        addHighCardinalityKeyValue(KeyValue.of("fhir.server", server(base)));
    }

    /**
     * A search or read of the server at {@code base}, first asking for {@code first}: its type and
     * interaction are read from the path below the base, never from the query.
     *
     * @param key the prefetch key the read stands for, as the service definition names it
     */
    static FhirRead of(URI base, URI first, String key) {
        String path = first.getRawPath() == null ? "" : first.getRawPath();
        String basePath = base.getRawPath() == null ? "" : base.getRawPath();
        String below = path.startsWith(basePath) ? path.substring(basePath.length()) : "";
        String[] segments = below.isEmpty() ? new String[0] : below.split("/", -1);
        Optional<String> type = segments.length > 0 && TYPE.matcher(segments[0]).matches()
                ? Optional.of(segments[0])
                : Optional.empty();
        // [type] or [type]/_search is a search; [type]/[id] a read; anything else (a next link to
        // the base, an operation) a page of a search begun before.
        String interaction = type.isPresent() && (segments.length == 1 || "_search".equals(segments[1]))
                ? "search"
                : type.isPresent() && segments.length == 2 ? "read" : "page";
        FhirRead read = new FhirRead(base, interaction, type);
        read.addHighCardinalityKeyValue(KeyValue.of("cds.prefetch_key", key));
        return read;
    }

    /** The read of the server's CapabilityStatement ({@code [base]/metadata}). */
    static FhirRead capabilities(URI base) {
        return new FhirRead(base, "capabilities", Optional.empty());
    }

    /** The base URL without user information, query, fragment or a closing slash. */
    static String server(URI base) {
        String port = base.getPort() == -1 ? "" : ":" + base.getPort();
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        return base.getScheme() + "://" + base.getHost() + port
                + (path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
    }

    /**
     * The trace context to send with each request of the read: W3C {@code traceparent} and {@code
     * tracestate}, and nothing else the tracer may carry (baggage a client sent stays here). Empty
     * when tracing is off.
     */
    Map<String, String> traceHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        getCarrier().forEach((key, value) -> {
            if ("traceparent".equalsIgnoreCase(key) || "tracestate".equalsIgnoreCase(key)) {
                headers.put(key, value);
            }
        });
        return headers;
    }

    /**
     * How the read ended.
     *
     * @param status the HTTP status of the last answer; 0 when none came
     */
    void ended(FhirServerReader.Outcome outcome, int status) {
        addLowCardinalityKeyValue(KeyValue.of("outcome", outcome.failure().isPresent() ? "failed" : "read"));
        addLowCardinalityKeyValue(
                KeyValue.of("http.response.status_code", status == 0 ? "none" : Integer.toString(status)));
        addHighCardinalityKeyValue(KeyValue.of("fhir.pages", Integer.toString(outcome.pages())));
        addHighCardinalityKeyValue(KeyValue.of(
                "fhir.resources", Integer.toString(outcome.resources().size())));
        addHighCardinalityKeyValue(KeyValue.of("fhir.bytes", Long.toString(outcome.bytes())));
        // The reasons are the service's own words (limits, statuses), never what the server said.
        outcome.failure().ifPresent(reason -> addHighCardinalityKeyValue(KeyValue.of("fhir.failure", reason)));
        outcome.retried().ifPresent(refused -> addHighCardinalityKeyValue(KeyValue.of("fhir.refused", refused)));
    }

    /** How the CapabilityStatement read ended: its HTTP status, 0 when none came. */
    void ended(boolean read, int status) {
        addLowCardinalityKeyValue(KeyValue.of("outcome", read ? "read" : "failed"));
        addLowCardinalityKeyValue(
                KeyValue.of("http.response.status_code", status == 0 ? "none" : Integer.toString(status)));
    }

    String interaction() {
        return interaction;
    }

    Optional<String> type() {
        return type;
    }
}
