package org.rplcds.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Resource;
import org.rplcds.support.HookRequests;
import org.rplcds.support.Http;
import org.rplcds.support.SyntheaCharts;
import org.rplcds.support.ehr.EhrLikeServer;

/**
 * The fallback path against FHIR servers that search as Epic, Oracle Health and a strict US Core
 * server document it ({@link EhrLikeServer}, the test servers of src/test), holding the Synthea
 * charts of src/test/resources/synthea, one of them grown to 1,600 vital signs as in
 * {@code EhrDialectsTest}. For each dialect and each latency a request, every chart is asked of a
 * running service without prefetch, {@code rounds} times, one call at a time; each answer is
 * compared with the cards the same service gives for the same chart sent whole as prefetch, no
 * {@code fhirServer}. A 200 whose cards differ is a silent wrong answer. The server's request log
 * gives the requests of each call, its pages (requests answered 200) and those it refused (400 and
 * above). Run from the project root (the charts are read from src/test/resources).
 *
 * <p>{@code VendorFallbackDriver <service port> <rounds> <out.json> [latencies in ms, e.g. 150,300]}
 */
public final class VendorFallbackDriver {

    private static final String TOKEN = "bench-ehr-token";
    private static final String GROWN = "recurrent-three-losses with 1,600 vital signs";

    public static void main(String[] args) throws Exception {
        Http service = new Http(Integer.parseInt(args[0]));
        int rounds = Integer.parseInt(args[1]);
        Path out = Path.of(args[2]);
        List<Integer> latencies = args.length > 3
                ? Arrays.stream(args[3].split(",")).map(Integer::valueOf).toList()
                : List.of(150, 300);
        Map<String, List<Resource>> charts = charts();
        List<Resource> all = new ArrayList<>();
        charts.values().forEach(all::addAll);
        Map<String, JsonNode> expected = new LinkedHashMap<>();
        for (var chart : charts.entrySet()) {
            expected.put(chart.getKey(), fullPrefetchCards(service, chart.getValue()));
        }
        ArrayNode results = HookRequests.JSON.createArrayNode();
        for (EhrLikeServer.Dialect dialect : EhrLikeServer.Dialect.values()) {
            try (EhrLikeServer server = EhrLikeServer.start(dialect, all)) {
                // Cold, a call may run out of time: one unchecked call a chart without latency first.
                for (List<Resource> chart : charts.values()) {
                    service.post(HookRequests.SERVICE, request(server, chart));
                }
                for (int latency : latencies) {
                    server.latency(Duration.ofMillis(latency));
                    ObjectNode row = measure(service, server, charts, expected, rounds, latency);
                    row.put("dialect", dialect.name());
                    results.add(row);
                    System.out.println(row);
                }
            }
        }
        Files.writeString(out, results.toString() + "\n");
    }

    /** The fixtures, the one with three losses grown to the size of a real chart by its vital signs. */
    private static Map<String, List<Resource>> charts() {
        Map<String, List<Resource>> charts = new LinkedHashMap<>();
        for (String name : SyntheaCharts.NAMES) {
            if (name.equals("recurrent-three-losses")) {
                // The grown chart keeps the fixture's patient: the server holds the grown one only.
                charts.put(GROWN, SyntheaCharts.withVitalSigns(SyntheaCharts.resources(name), 1600));
            } else {
                charts.put(name, SyntheaCharts.resources(name));
            }
        }
        return charts;
    }

    private static ObjectNode measure(
            Http service,
            EhrLikeServer server,
            Map<String, List<Resource>> charts,
            Map<String, JsonNode> expected,
            int rounds,
            int latency)
            throws InterruptedException {
        List<Double> millis = new ArrayList<>();
        int calls = 0;
        int full = 0;
        int wrong = 0;
        int answered412 = 0;
        int other = 0;
        long requests = 0;
        long pages = 0;
        long refused = 0;
        Map<String, Integer> refusedStatuses = new TreeMap<>();
        Map<String, ObjectNode> byChart = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (var chart : charts.entrySet()) {
                String name = chart.getKey();
                String body = request(server, chart.getValue());
                server.clearRequests();
                long started = System.nanoTime();
                Http.Answer answer = service.post(HookRequests.SERVICE, body);
                millis.add((System.nanoTime() - started) / 1e6);
                List<EhrLikeServer.Request> log = settled(server, latency);
                calls++;
                ObjectNode each = byChart.computeIfAbsent(name, n -> {
                    ObjectNode node = HookRequests.JSON.createObjectNode();
                    node.put("chart", n).put("resources", chart.getValue().size());
                    node.put("full", 0).put("wrong", 0).put("answered_412", 0).put("other", 0);
                    node.put("requests", 0).put("pages", 0).put("refused", 0);
                    return node;
                });
                String outcome;
                if (answer.status() == 200) {
                    JsonNode cards = answer.json().get("cards");
                    if (expected.get(name).equals(cards)) {
                        full++;
                        outcome = "full";
                    } else {
                        wrong++;
                        outcome = "wrong";
                        each.set("missing_cards", summaries(expected.get(name), cards));
                        each.set("extra_cards", summaries(cards, expected.get(name)));
                    }
                } else if (answer.status() == 412) {
                    answered412++;
                    outcome = "answered_412";
                } else {
                    other++;
                    outcome = "other";
                    each.put("other_status", answer.status());
                }
                each.put(outcome, each.get(outcome).asInt() + 1);
                int callPages = 0;
                int callRefused = 0;
                for (EhrLikeServer.Request request : log) {
                    if (request.status() == 200) {
                        callPages++;
                    } else if (request.status() >= 400) {
                        callRefused++;
                        refusedStatuses.merge(String.valueOf(request.status()), 1, Integer::sum);
                    }
                }
                requests += log.size();
                pages += callPages;
                refused += callRefused;
                each.put("requests", each.get("requests").asInt() + log.size());
                each.put("pages", each.get("pages").asInt() + callPages);
                each.put("refused", each.get("refused").asInt() + callRefused);
            }
        }
        ObjectNode row = HookRequests.JSON.createObjectNode();
        row.put("latency_ms", latency);
        row.put("charts", charts.size());
        row.put("rounds", rounds);
        row.put("calls", calls);
        row.put("full", full);
        row.put("wrong", wrong);
        row.put("answered_412", answered412);
        row.put("other", other);
        row.put("p50_ms", percentile(millis, 50));
        row.put("p99_ms", percentile(millis, 99));
        row.put("max_ms", percentile(millis, 100));
        row.put("requests_per_call", round1(requests / (double) calls));
        row.put("pages_per_call", round1(pages / (double) calls));
        row.put("refused_per_call", round1(refused / (double) calls));
        ObjectNode statuses = row.putObject("refused_statuses");
        refusedStatuses.forEach(statuses::put);
        ArrayNode chartRows = row.putArray("by_chart");
        byChart.values().forEach(chartRows::add);
        return row;
    }

    /**
     * The server's log once the call's requests have all been answered: a call cut short by the
     * service's deadline may leave requests waiting out their latency, which land after its answer.
     */
    private static List<EhrLikeServer.Request> settled(EhrLikeServer server, int latency) throws InterruptedException {
        int seen;
        do {
            seen = server.requests().size();
            Thread.sleep(latency + 100L);
        } while (server.requests().size() != seen);
        return server.requests();
    }

    private static String request(EhrLikeServer server, List<Resource> chart) {
        return HookRequests.patientView(SyntheaCharts.patientId(chart))
                .fhirServer(server.baseUrl(), TOKEN)
                .json();
    }

    private static JsonNode fullPrefetchCards(Http service, List<Resource> chart) {
        String request = HookRequests.patientView(SyntheaCharts.patientId(chart))
                .prefetch(chart.toArray(IBaseResource[]::new))
                .json();
        Http.Answer answer = service.post(HookRequests.SERVICE, request);
        if (answer.status() != 200) {
            throw new IllegalStateException("full prefetch answered " + answer.status() + ": " + answer.body());
        }
        return answer.json().get("cards");
    }

    /** The summaries of the cards of {@code these} that {@code others} lacks. */
    private static ArrayNode summaries(JsonNode these, JsonNode others) {
        Set<String> lacking = new LinkedHashSet<>();
        these.forEach(card -> lacking.add(card.path("summary").asText()));
        others.forEach(card -> lacking.remove(card.path("summary").asText()));
        ArrayNode list = HookRequests.JSON.createArrayNode();
        lacking.forEach(list::add);
        return list;
    }

    private static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static double percentile(List<Double> values, int percentile) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return Math.round(sorted.get(Math.max(0, index)) * 10.0) / 10.0;
    }

    private VendorFallbackDriver() {}
}
