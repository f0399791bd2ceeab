package org.rplcds.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Puts the figures of one bench/run side by side, as Markdown: JMH's results for (a) and (b) with
 * their ratio, wrk's over HTTP, the fallback calls (against servers with delays, servers that page
 * and servers that search as EHR vendors document), start-up and resident memory, and the split of
 * a typical call.
 *
 * <p>{@code Report <results directory>} prints the tables and writes {@code results.md} there.
 */
public final class Report {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        StringBuilder md = new StringBuilder();
        Path machine = dir.resolve("machine.txt");
        if (Files.exists(machine)) {
            md.append(Files.readString(machine)).append('\n');
        }
        cpu(dir, md);
        inProcess(dir, md);
        http(dir, md);
        split(dir, md);
        fallback(dir, md);
        paging(dir, md);
        vendors(dir, md);
        startUp(dir, md);
        Files.writeString(dir.resolve("results.md"), md);
        System.out.print(md);
    }

    /** CpuCost: CPU time of the process a call of (a) and (b), blocks alternated, medians. */
    private static void cpu(Path dir, StringBuilder md) throws IOException {
        Path file = dir.resolve("cpu.json");
        if (!Files.exists(file)) {
            return;
        }
        Map<String, JsonNode> before = new LinkedHashMap<>();
        Path beforeFile = dir.resolve("cpu-before.json");
        if (Files.exists(beforeFile)) {
            for (JsonNode row : JSON.readTree(beforeFile.toFile())) {
                before.put(row.get("patient").asText(), row);
            }
        }
        md.append(
                        "### In process: CPU time of the calling thread a call (median of 11 blocks, (a) and (b) alternated)\n\n")
                .append("| patient | request bytes | (a) HAPI parse ms | (b) patient-view ms | b/a |")
                .append(" before: (a) ms | before: (b) ms | before: b/a |\n")
                .append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (JsonNode row : JSON.readTree(file.toFile())) {
            JsonNode b = before.get(row.get("patient").asText());
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %,d | %.3f | %.3f | %.2f | %s | %s | %s |%n",
                    row.get("patient").asText(),
                    row.get("bytes").asLong(),
                    row.get("a_cpu_ms").asDouble(),
                    row.get("b_cpu_ms").asDouble(),
                    row.get("b_over_a").asDouble(),
                    b == null
                            ? "-"
                            : String.format(
                                    Locale.ROOT, "%.3f", b.get("a_cpu_ms").asDouble()),
                    b == null
                            ? "-"
                            : String.format(
                                    Locale.ROOT, "%.3f", b.get("b_cpu_ms").asDouble()),
                    b == null
                            ? "-"
                            : String.format(
                                    Locale.ROOT, "%.2f", b.get("b_over_a").asDouble())));
        }
        md.append('\n');
    }

    /** JMH: throughput and sampled latency of (a) and (b) per patient size. */
    private static void inProcess(Path dir, StringBuilder md) throws IOException {
        Path file = dir.resolve("jmh.json");
        if (!Files.exists(file)) {
            return;
        }
        Map<String, Map<String, JsonNode>> before = new LinkedHashMap<>();
        Path beforeFile = dir.resolve("jmh-before.json");
        if (Files.exists(beforeFile)) {
            for (JsonNode run : JSON.readTree(beforeFile.toFile())) {
                before.computeIfAbsent(run.path("params").path("patient").asText(), k -> new LinkedHashMap<>())
                        .put(run.get("mode").asText(), run.get("primaryMetric"));
            }
        }
        Map<String, Map<String, JsonNode>> byKey = new LinkedHashMap<>();
        for (JsonNode run : JSON.readTree(file.toFile())) {
            String method = run.get("benchmark").asText().replaceAll(".*\\.", "");
            String patient = run.path("params").path("patient").asText();
            byKey.computeIfAbsent(patient + "/" + method, k -> new LinkedHashMap<>())
                    .put(run.get("mode").asText(), run.get("primaryMetric"));
        }
        md.append("### In process (JMH, one thread)\n\n")
                .append("| patient | (a) HAPI parse p50 / p99 ms | (a) calls/s | (b) patient-view p50 / p99 ms |")
                .append(" (b) calls/s | b/a (mean) | b/a (p50) | request tree + HAPI walk p50 ms |")
                .append(" before: (b) p50 ms / b/a (mean) |\n")
                .append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (String patient : List.of("typical", "large", "synthea4mb")) {
            Map<String, JsonNode> a = byKey.get(patient + "/hapiParse");
            Map<String, JsonNode> b = byKey.get(patient + "/patientView");
            if (a == null || b == null) {
                continue;
            }
            Map<String, JsonNode> tree = byKey.get(patient + "/treeParse");
            String treeP50 = tree == null || tree.get("sample") == null
                    ? "-"
                    : String.format(Locale.ROOT, "%.3f", percentileMs(tree.get("sample"), "50.0"));
            double aOps = 1000 / meanMs(a.get("sample"));
            double bOps = 1000 / meanMs(b.get("sample"));
            double aP50 = percentileMs(a.get("sample"), "50.0");
            double bP50 = percentileMs(b.get("sample"), "50.0");
            String beforeRatio = "-";
            Map<String, JsonNode> beforeB = before.get(patient);
            if (beforeB != null) {
                beforeRatio = String.format(
                        Locale.ROOT,
                        "%.3f / %.2f",
                        percentileMs(beforeB.get("sample"), "50.0"),
                        meanMs(beforeB.get("sample")) / meanMs(a.get("sample")));
            }
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %.3f / %.3f | %.0f | %.3f / %.3f | %.0f | %.2f | %.2f | %s | %s |%n",
                    patient,
                    aP50,
                    percentileMs(a.get("sample"), "99.0"),
                    aOps,
                    bP50,
                    percentileMs(b.get("sample"), "99.0"),
                    bOps,
                    aOps / bOps,
                    bP50 / aP50,
                    treeP50,
                    beforeRatio));
        }
        md.append('\n');
    }

    /**
     * wrk over loopback, for each pair (a JVM and its flags): the service and its peer on HAPI's CDS
     * Hooks module in alternate rounds, on the same java with the same flags. A summary line per pair
     * and patient (medians and their ratios), then one line of figures per run.
     */
    private static void http(Path dir, StringBuilder md) throws IOException {
        List<JsonNode> pairs = jsonLines(dir.resolve("pairs.jsonl"));
        if (pairs.isEmpty()) {
            return;
        }
        List<String> rows = new ArrayList<>();
        List<String> ratios = new ArrayList<>();
        for (JsonNode pair : pairs) {
            String key = pair.get("pair").asText();
            String label = pair.get("name").asText() + "; "
                    + pair.get("flags").asText().trim();
            for (String patient : List.of("typical", "large")) {
                Map<String, List<Double>> rates = new LinkedHashMap<>();
                Map<String, List<Double>> cpu = new LinkedHashMap<>();
                for (String jar : List.of("service", "peer", "before")) {
                    rates.put(jar, new ArrayList<>());
                    cpu.put(jar, new ArrayList<>());
                    for (int run = 1; Files.exists(dir.resolve(wrk(key, jar, patient, run))); run++) {
                        JsonNode w = JSON.readTree(
                                dir.resolve(wrk(key, jar, patient, run)).toFile());
                        rates.get(jar).add(w.get("rps").asDouble());
                        double cpuPerRequest = w.path("server_cpu_ms").asDouble()
                                / Math.max(1, w.get("requests").asLong());
                        cpu.get(jar).add(cpuPerRequest);
                        rows.add(String.format(
                                Locale.ROOT,
                                "| %s | %s | %s | %d | %.0f | %.3f | %.2f | %.2f | %.2f | %.2f | %d | %d |%n",
                                label,
                                patient,
                                jar,
                                run,
                                w.get("rps").asDouble(),
                                cpuPerRequest,
                                w.get("p50_ms").asDouble(),
                                w.get("p90_ms").asDouble(),
                                w.get("p99_ms").asDouble(),
                                w.get("max_ms").asDouble(),
                                w.get("requests").asLong(),
                                w.get("errors").asLong() + w.get("non2xx").asLong()));
                    }
                }
                List<Double> ours = rates.get("service");
                List<Double> peer = rates.get("peer");
                List<Double> before = rates.get("before");
                if (ours.isEmpty() || peer.isEmpty() || median(peer) == 0 || median(ours) == 0) {
                    continue;
                }
                List<String> rounds = new ArrayList<>();
                for (int i = 0; i < Math.min(ours.size(), peer.size()); i++) {
                    rounds.add(String.format(Locale.ROOT, "%.2f", ours.get(i) / peer.get(i)));
                }
                List<Double> ourCpu = cpu.get("service");
                List<Double> peerCpu = cpu.get("peer");
                List<Double> beforeCpu = cpu.get("before");
                ratios.add(String.format(
                        Locale.ROOT,
                        "| %s | %s | %.0f | %.0f | **%.2f** | %s | %.3f | %.3f | %.2f | %s | %s |%n",
                        label,
                        patient,
                        median(ours),
                        median(peer),
                        median(ours) / median(peer),
                        String.join(", ", rounds),
                        median(ourCpu),
                        median(peerCpu),
                        median(peerCpu) / median(ourCpu),
                        rss(dir, key, "service") + " / " + rss(dir, key, "peer"),
                        before.isEmpty()
                                ? "-"
                                : String.format(
                                        Locale.ROOT,
                                        "%.0f/s, %.3f ms (%.2f / %.2f)",
                                        median(before),
                                        median(beforeCpu),
                                        median(before) / median(peer),
                                        median(peerCpu) / median(beforeCpu))));
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        md.append("### Over HTTP (wrk on loopback; the service and the HAPI-module peer on the same java,"
                        + " same flags, rounds alternated)\n\n")
                .append("| JVM; flags | patient | requests/s, service (median) | requests/s, peer (median) |")
                .append(" service / peer | in each round | server CPU ms a request, service (median) | peer |")
                .append(" peer / service | RSS MB after the large patient, service / peer |")
                .append(" before: requests/s, CPU ms a request (to the peer) |\n")
                .append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        ratios.forEach(md::append);
        md.append("\n| JVM; flags | patient | jar | run | requests/s | server CPU ms a request | p50 ms | p90 ms |")
                .append(" p99 ms | max ms | requests | errors |\n")
                .append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        rows.forEach(md::append);
        md.append('\n');
    }

    /** VmRSS of a jar of a pair after its HTTP runs, in MB (peak VmHWM in brackets), or "-". */
    private static String rss(Path dir, String pair, String jar) throws IOException {
        Path file = dir.resolve("rss-" + pair + "-" + jar + ".json");
        if (!Files.exists(file)) {
            return "-";
        }
        JsonNode r = JSON.readTree(file.toFile());
        return String.format(
                Locale.ROOT,
                "%.0f (%.0f)",
                r.get("rss_kb").asDouble() / 1024,
                r.get("hwm_kb").asDouble() / 1024);
    }

    private static String wrk(String pair, String jar, String patient, int run) {
        return "wrk-" + pair + "-" + jar + "-" + patient + "-" + run + ".json";
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /**
     * CallSplit: the share of the request threads' samples each part of a typical call took, and
     * the CPU each group of threads spent a request, a column for each jar and JDK.
     */
    private static void split(Path dir, StringBuilder md) throws IOException {
        List<JsonNode> columns = jsonLines(dir.resolve("split.jsonl"));
        if (columns.isEmpty()) {
            return;
        }
        md.append(
                "\n### The split of a typical call (JFR samples of the request threads; CPU of the JVM's threads)\n\n");
        md.append("| |");
        columns.forEach(c -> md.append(' ').append(c.get("label").asText()).append(" |"));
        md.append("\n| ---").append(" | ---".repeat(columns.size())).append(" |\n");
        splitRows(md, columns, "shares", "%s, % of samples", " %.1f |");
        splitRows(md, columns, "cpu_ms_per_request", "CPU ms a request, %s", " %.2f |");
        md.append("| requests/s (samples) |");
        columns.forEach(c -> md.append(String.format(
                Locale.ROOT,
                " %.0f (%d) |",
                c.get("rps").asDouble(),
                c.get("samples").asInt())));
        md.append('\n');
    }

    /** A row for each key of {@code field} in any column, in the order they first come. */
    private static void splitRows(StringBuilder md, List<JsonNode> columns, String field, String label, String cell) {
        Set<String> keys = new LinkedHashSet<>();
        columns.forEach(c -> c.get(field).fieldNames().forEachRemaining(keys::add));
        for (String key : keys) {
            md.append("| ").append(label.replace("%s", key)).append(" |");
            columns.forEach(c -> md.append(
                    String.format(Locale.ROOT, cell, c.get(field).path(key).asDouble())));
            md.append('\n');
        }
    }

    /** The JSON objects of a file of one per line; none when there is no such file. */
    private static List<JsonNode> jsonLines(Path file) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    lines.add(JSON.readTree(line));
                }
            }
        }
        return lines;
    }

    /** Calls without prefetch against the FHIR server with delays. */
    private static void fallback(Path dir, StringBuilder md) throws IOException {
        List<Path> files;
        try (var list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().startsWith("fallback-"))
                    .sorted()
                    .toList();
        }
        if (files.isEmpty()) {
            return;
        }
        md.append("### Fallback: no prefetch, seven queries to a local FHIR server with delays\n\n")
                .append("| delays per query (ms) | slowest | sum | total p50 | total p99 | p50 - slowest |")
                .append(" spread of query starts (p50 / max) |\n")
                .append("| --- | --- | --- | --- | --- | --- | --- |\n");
        for (Path file : files) {
            JsonNode f = JSON.readTree(file.toFile());
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %d | %.1f | %.1f | %.1f | %.1f / %.1f |%n",
                    f.get("delays").asText().replace(",", ", "),
                    f.get("slowest_ms").asInt(),
                    f.get("sum_ms").asInt(),
                    f.get("p50_ms").asDouble(),
                    f.get("p99_ms").asDouble(),
                    f.get("p50_ms").asDouble() - f.get("slowest_ms").asInt(),
                    f.get("start_spread_p50_ms").asDouble(),
                    f.get("start_spread_max_ms").asDouble()));
        }
        md.append('\n');
    }

    /** Calls without prefetch against FHIR servers that page (PagingDriver). */
    private static void paging(Path dir, StringBuilder md) throws IOException {
        Path file = dir.resolve("paging.json");
        if (!Files.exists(file)) {
            return;
        }
        JsonNode rows = JSON.readTree(file.toFile());
        md.append("### Fallback against paging FHIR servers, no prefetch\n\n")
                .append(
                        "| chart | server | resources | calls | 412 | p50 ms | p99 ms | requests a call | KB read a call |\n")
                .append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (JsonNode row : rows) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %d | %d | %d | %.1f | %.1f | %.1f | %.1f |%n",
                    row.get("chart").asText(),
                    row.get("server").asText(),
                    row.get("resources").asInt(),
                    row.get("calls").asInt(),
                    row.get("answered_412").asInt(),
                    row.get("p50_ms").asDouble(),
                    row.get("p99_ms").asDouble(),
                    row.get("requests_per_call").asDouble(),
                    row.get("kb_per_call").asDouble()));
        }
        md.append('\n');
    }

    /**
     * Calls without prefetch against servers that search as Epic, Oracle Health and a strict US
     * Core server document it (VendorFallbackDriver), this commit and before side by side.
     */
    private static void vendors(Path dir, StringBuilder md) throws IOException {
        Path file = dir.resolve("vendors.json");
        if (!Files.exists(file)) {
            return;
        }
        Map<String, JsonNode> before = new LinkedHashMap<>();
        Path beforeFile = dir.resolve("vendors-before.json");
        if (Files.exists(beforeFile)) {
            for (JsonNode row : JSON.readTree(beforeFile.toFile())) {
                before.put(vendorKey(row), row);
            }
        }
        md.append("### Fallback against vendor-like servers, no prefetch, every Synthea chart\n\n")
                .append("Full: the cards of the chart sent whole as prefetch; wrong: 200 with other cards (a silent")
                .append(" wrong answer). Requests, pages (answered 200) and refused (400 and above) are a call's,")
                .append(" from the server's log.\n\n")
                .append("| server | ms a request | calls | full / wrong / 412 | p50 / p99 ms |")
                .append(" requests / pages / refused a call |")
                .append(" before: full / wrong / 412 | before: p50 / p99 ms | before: requests / pages / refused |\n")
                .append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (JsonNode row : JSON.readTree(file.toFile())) {
            JsonNode b = before.get(vendorKey(row));
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %d | %s | %s | %s | %s | %s | %s |%n",
                    row.get("dialect").asText(),
                    row.get("latency_ms").asInt(),
                    row.get("calls").asInt(),
                    outcomes(row),
                    latencies(row),
                    requests(row),
                    b == null ? "-" : outcomes(b),
                    b == null ? "-" : latencies(b),
                    b == null ? "-" : requests(b)));
        }
        md.append('\n');
    }

    private static String vendorKey(JsonNode row) {
        return row.get("dialect").asText() + "/" + row.get("latency_ms").asInt();
    }

    private static String outcomes(JsonNode row) {
        int other = row.path("other").asInt();
        return row.get("full").asInt() + " / " + row.get("wrong").asInt() + " / "
                + row.get("answered_412").asInt() + (other == 0 ? "" : " (other statuses: " + other + ")");
    }

    private static String latencies(JsonNode row) {
        return String.format(
                Locale.ROOT,
                "%.0f / %.0f",
                row.get("p50_ms").asDouble(),
                row.get("p99_ms").asDouble());
    }

    private static String requests(JsonNode row) {
        return String.format(
                Locale.ROOT,
                "%.1f / %.1f / %.1f",
                row.get("requests_per_call").asDouble(),
                row.get("pages_per_call").asDouble(),
                row.get("refused_per_call").asDouble());
    }

    /**
     * Start-up of the jar in each way of starting it (to the first 200 on /actuator/health and to
     * the first answered hook call), the caches and how many classes each start read from them.
     */
    private static void startUp(Path dir, StringBuilder md) throws IOException {
        List<JsonNode> starts = jsonLines(dir.resolve("startup.jsonl"));
        if (starts.isEmpty()) {
            return;
        }
        Map<String, List<Double>> health = new LinkedHashMap<>();
        Map<String, List<Double>> hook = new LinkedHashMap<>();
        List<String> rows = new ArrayList<>();
        for (JsonNode s : starts) {
            String variant = s.path("variant").asText("java -jar");
            health.computeIfAbsent(variant, v -> new ArrayList<>())
                    .add(s.get("health_ms").asDouble() / 1000);
            hook.computeIfAbsent(variant, v -> new ArrayList<>())
                    .add(s.path("hook_ms").asDouble() / 1000);
            rows.add(String.format(
                    Locale.ROOT,
                    "| %s | %d | %.2f | %.2f | %.2f | %.2f |%n",
                    variant,
                    health.get(variant).size(),
                    s.get("health_ms").asDouble() / 1000,
                    s.path("hook_ms").asDouble() / 1000,
                    s.get("started_s").asDouble(),
                    s.get("jvm_s").asDouble()));
        }
        md.append("### Start-up (rounds alternated between the ways of starting)\n\n")
                .append("| start | median first 200 on /actuator/health (s) | each (s) |")
                .append(" median first hook call answered (s) | each (s) |\n")
                .append("| --- | --- | --- | --- | --- |\n");
        health.forEach((variant, seconds) -> md.append(String.format(
                Locale.ROOT,
                "| %s | **%.2f** | %s | %.2f | %s |%n",
                variant,
                median(seconds),
                each(seconds),
                median(hook.get(variant)),
                each(hook.get(variant)))));
        md.append("\n| start | round | first 200 on /actuator/health (s) | first hook call answered (s) |")
                .append(" \"Started Application in\" (s) | JVM running at that line (s) |\n")
                .append("| --- | --- | --- | --- | --- | --- |\n");
        rows.forEach(md::append);
        Path caches = dir.resolve("caches.jsonl");
        Path use = dir.resolve("cache-use.jsonl");
        if (Files.exists(caches) && Files.exists(use)) {
            Map<String, JsonNode> used = new LinkedHashMap<>();
            for (JsonNode u : jsonLines(use)) {
                used.put(u.get("config").asText(), u);
            }
            md.append("\n| cache | size MB | classes loaded at a start | from the cache |")
                    .append(" the service's own, from the cache / from its jar |\n")
                    .append("| --- | --- | --- | --- | --- |\n");
            for (JsonNode c : jsonLines(caches)) {
                JsonNode u = used.get(c.get("config").asText());
                md.append(String.format(
                        Locale.ROOT,
                        "| %s | %.0f | %s | %s | %s |%n",
                        c.get("name").asText(),
                        c.get("cache_bytes").asDouble() / 1e6,
                        u == null ? "-" : u.get("classes").asText(),
                        u == null ? "-" : u.get("from_cache").asText(),
                        u == null
                                ? "-"
                                : u.get("service_from_cache").asText() + " / "
                                        + u.get("service_from_jar").asText()));
            }
        }
        Path jar = dir.resolve("jar.txt");
        if (Files.exists(jar)) {
            md.append('\n').append(Files.readString(jar).trim()).append('\n');
        }
        md.append('\n');
    }

    private static String each(List<Double> seconds) {
        return String.join(
                ", ",
                seconds.stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).toList());
    }

    /** The mean of a sampled-time result, in milliseconds. */
    private static double meanMs(JsonNode metric) {
        double value = metric.get("score").asDouble();
        String unit = metric.get("scoreUnit").asText();
        return switch (unit) {
            case "s/op" -> value * 1e3;
            case "ms/op" -> value;
            case "us/op" -> value / 1e3;
            case "ns/op" -> value / 1e6;
            default -> throw new IllegalArgumentException("unit " + unit);
        };
    }

    private static double percentileMs(JsonNode metric, String percentile) {
        double value = metric.get("scorePercentiles").get(percentile).asDouble();
        String unit = metric.get("scoreUnit").asText();
        return switch (unit) {
            case "s/op" -> value * 1e3;
            case "ms/op" -> value;
            case "us/op" -> value / 1e3;
            case "ns/op" -> value / 1e6;
            default -> throw new IllegalArgumentException("unit " + unit);
        };
    }

    private Report() {}
}
