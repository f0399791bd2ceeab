package org.rplcds.bench;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.hl7.fhir.r4.model.Resource;

/**
 * The fallback path: a local FHIR server that answers each of the typical patient's seven prefetch
 * queries after its own delay, and a client that calls the service without prefetch, one call at
 * a time, timing each call and noting when each query reached the FHIR server.
 *
 * <p>{@code FallbackDriver <service URL> <FHIR port> <Type=ms,...> <warm-up calls> <calls> <out.json>}
 */
public final class FallbackDriver {

    private static final String PATIENT = "bench-fallback";

    public static void main(String[] args) throws Exception {
        URI service = URI.create(args[0]);
        int fhirPort = Integer.parseInt(args[1]);
        Map<String, Integer> delays = delays(args[2]);
        int warmUp = Integer.parseInt(args[3]);
        int calls = Integer.parseInt(args[4]);
        Path out = Path.of(args[5]);

        // Without TCP_NODELAY the JDK server's separate writes of headers and body meet the
        // client's delayed ACK: about 40 ms added to every answer, which is not the service's time.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Map<String, byte[]> answers = answers();
        Queue<Long> arrivals = new ConcurrentLinkedQueue<>();
        HttpServer fhir = HttpServer.create(new InetSocketAddress("127.0.0.1", fhirPort), 64);
        ExecutorService threads = Executors.newCachedThreadPool();
        fhir.setExecutor(threads);
        fhir.createContext("/fhir/", exchange -> answer(exchange, answers, delays, arrivals));
        fhir.start();
        try {
            HttpClient client =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest call = HttpRequest.newBuilder(service)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(request(fhirPort)))
                    .build();
            for (int i = 0; i < warmUp; i++) {
                send(client, call);
            }
            List<Double> totals = new ArrayList<>();
            List<Double> spreads = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                arrivals.clear();
                long started = System.nanoTime();
                send(client, call);
                totals.add((System.nanoTime() - started) / 1e6);
                List<Long> seen = new ArrayList<>(arrivals);
                if (seen.size() != answers.size()) {
                    throw new IllegalStateException("expected " + answers.size() + " queries, saw " + seen.size());
                }
                spreads.add((Collections.max(seen) - Collections.min(seen)) / 1e6);
            }
            int slowest = Collections.max(delays.values());
            int sum = delays.values().stream().mapToInt(Integer::intValue).sum();
            ObjectNode result = new ObjectMapper().createObjectNode();
            result.put("delays", args[2]);
            result.put("queries", answers.size());
            result.put("slowest_ms", slowest);
            result.put("sum_ms", sum);
            result.put("calls", calls);
            result.put("p50_ms", percentile(totals, 50));
            result.put("p99_ms", percentile(totals, 99));
            result.put("max_ms", percentile(totals, 100));
            result.put("start_spread_p50_ms", percentile(spreads, 50));
            result.put("start_spread_max_ms", percentile(spreads, 100));
            Files.writeString(out, result.toString() + "\n");
            System.out.println(result);
        } finally {
            fhir.stop(0);
            threads.shutdownNow();
        }
    }

    /** {@code Patient=20,Condition=40} as a map; every one of the seven types must be named. */
    static Map<String, Integer> delays(String spec) {
        Map<String, Integer> delays = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            String[] pair = part.split("=");
            delays.put(pair[0].trim(), Integer.parseInt(pair[1].trim()));
        }
        return delays;
    }

    /** What the FHIR server answers, by resource type: the patient, or a searchset Bundle. */
    private static Map<String, byte[]> answers() {
        FhirContext fhir = FhirContext.forR4();
        Map<String, byte[]> answers = new LinkedHashMap<>();
        for (var entry : PatientGenerator.prefetch(PATIENT, PatientGenerator.TYPICAL, LocalDate.now())
                .entrySet()) {
            Resource value = entry.getValue();
            // The type a key searches: its name, singular and capitalised (observations: Observation).
            String key = entry.getKey();
            String type = value instanceof org.hl7.fhir.r4.model.Bundle
                    ? Character.toUpperCase(key.charAt(0)) + key.substring(1, key.length() - 1)
                    : value.fhirType();
            answers.put(type, fhir.newJsonParser().encodeResourceToString(value).getBytes(StandardCharsets.UTF_8));
        }
        return answers;
    }

    private static void answer(
            HttpExchange exchange, Map<String, byte[]> answers, Map<String, Integer> delays, Queue<Long> arrivals)
            throws IOException {
        arrivals.add(System.nanoTime());
        String path = exchange.getRequestURI().getPath().substring("/fhir/".length());
        String type = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
        try {
            Thread.sleep(delays.getOrDefault(type, 0));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] body = answers.get(type);
        if (body == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/fhir+json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream response = exchange.getResponseBody()) {
            response.write(body);
        }
    }

    private static String request(int fhirPort) {
        ObjectNode request = new ObjectMapper().createObjectNode();
        request.put("hookInstance", "5b0e3f6a-6f1e-4a43-9d54-2b5c3f0a7c11");
        request.put("hook", "patient-view");
        request.put("fhirServer", "http://127.0.0.1:" + fhirPort + "/fhir");
        request.putObject("fhirAuthorization")
                .put("access_token", "bench-token")
                .put("token_type", "Bearer")
                .put("expires_in", 300)
                .put("scope", "patient/*.read")
                .put("subject", "cds");
        request.putObject("context").put("userId", "Practitioner/example").put("patientId", PATIENT);
        return request.toString();
    }

    private static void send(HttpClient client, HttpRequest call) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(call, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || !response.body().contains("RPL-01")) {
            throw new IllegalStateException("service answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static double percentile(List<Double> values, int percentile) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return Math.round(sorted.get(Math.max(0, index)) * 100.0) / 100.0;
    }
}
