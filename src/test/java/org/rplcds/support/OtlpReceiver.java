package org.rplcds.support;

import com.google.protobuf.ByteString;
import com.google.protobuf.TextFormat;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP trace receiver on loopback, as a collector would listen: {@code POST /v1/traces}
 * with a protobuf {@code ExportTraceServiceRequest}, answered 200 with an empty response
 * (OpenTelemetry Protocol specification, OTLP/HTTP: opentelemetry-proto, docs/specification.md).
 * It keeps every span it is sent, and each request as protobuf text for searches through all of it.
 */
public final class OtlpReceiver implements AutoCloseable {

    /** A span as received: ids as lowercase hex, attributes as text, the service's name. */
    public record Span(
            String traceId,
            String spanId,
            String parentSpanId,
            String name,
            String kind,
            Map<String, String> attributes,
            String statusCode,
            String statusMessage,
            List<String> events,
            String service) {

        public String attribute(String key) {
            return attributes.get(key);
        }
    }

    private final HttpServer server;
    private final List<Span> spans = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    private OtlpReceiver(HttpServer server) {
        this.server = server;
        server.createContext("/v1/traces", this::receive);
        server.start();
    }

    /** On a free port of the loopback address. */
    public static OtlpReceiver start() throws IOException {
        return new OtlpReceiver(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    }

    /** Where an exporter sends its spans: the {@code management.otlp.tracing.endpoint} to set. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
    }

    public List<Span> spans() {
        return List.copyOf(spans);
    }

    /** Every export request received, as protobuf text: every name, attribute, event and status. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** The spans that match, once there are at least {@code count}; fails after {@code within}. */
    public List<Span> await(Predicate<Span> wanted, int count, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            List<Span> found = spans.stream().filter(wanted).toList();
            if (found.size() >= count) {
                return found;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "not " + count + " matching spans within " + within + "; received: " + names(spans()));
            }
            Thread.sleep(20);
        }
    }

    private static List<String> names(List<Span> spans) {
        return spans.stream().map(Span::name).toList();
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                boolean gzip =
                        "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
                body = (gzip ? new GZIPInputStream(in) : in).readAllBytes();
            }
            ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
            requests.add(TextFormat.printer().printToString(request));
            for (ResourceSpans resource : request.getResourceSpansList()) {
                String service =
                        text(resource.getResource().getAttributesList()).getOrDefault("service.name", "");
                for (ScopeSpans scope : resource.getScopeSpansList()) {
                    for (io.opentelemetry.proto.trace.v1.Span span : scope.getSpansList()) {
                        spans.add(new Span(
                                hex(span.getTraceId()),
                                hex(span.getSpanId()),
                                hex(span.getParentSpanId()),
                                span.getName(),
                                span.getKind().name(),
                                text(span.getAttributesList()),
                                span.getStatus().getCode().name(),
                                span.getStatus().getMessage(),
                                span.getEventsList().stream()
                                        .map(event -> event.getName() + " " + text(event.getAttributesList()))
                                        .toList(),
                                service));
                    }
                }
            }
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
        }
    }

    private static Map<String, String> text(List<KeyValue> attributes) {
        return attributes.stream()
                .collect(
                        Collectors.toMap(KeyValue::getKey, kv -> text(kv.getValue()), (a, b) -> b, LinkedHashMap::new));
    }

    private static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case INT_VALUE -> Long.toString(value.getIntValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            case ARRAY_VALUE -> value.getArrayValue().getValuesList().stream()
                    .map(OtlpReceiver::text)
                    .toList()
                    .toString();
            default -> value.toString();
        };
    }

    private static String hex(ByteString id) {
        return HexFormat.of().formatHex(id.toByteArray());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
