package org.rplcds.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * The split of a typical call: what the request threads spent their time on, from the execution
 * samples of a JFR recording taken while wrk called the jar, and the CPU each group of the JVM's
 * threads spent a request over the same window.
 *
 * <p>A sample goes to the part of the call its innermost frame of a known part belongs to: a
 * Jackson frame under the request reader is the request read, HAPI's parser under the prefetch is
 * the HAPI parse, a {@code HashMap} frame under a rule is the rule's. Samples with no such frame
 * are the HTTP server's and Spring's (filters, dispatch, the container).
 *
 * <p>Usage: {@code CallSplit OUT.jsonl LABEL RECORDING.jfr FROM UNTIL THREADS-BEFORE THREADS-AFTER
 * WRK.json}: the samples taken from FROM until UNTIL (epoch milliseconds) count, and the thread files hold {@code id<TAB>name<TAB>cpu ticks} lines from {@code /proc/<pid>/task/}.
 */
public final class CallSplit {

    /** The parts of a call, checked in this order against each frame from the innermost out. */
    static final Map<String, Predicate<String>> PARTS = new LinkedHashMap<>();

    static {
        PARTS.put(
                "request read",
                c -> c.startsWith("org.rplcds.hooks.RequestBodyFilter")
                        || c.startsWith("org.rplcds.hooks.HookBodyReader")
                        || c.startsWith("org.rplcds.prefetch.PrefetchValueReader"));
        PARTS.put("HAPI parse", c -> c.startsWith("ca.uhn.fhir.parser.") || c.startsWith("ca.uhn.fhir.context."));
        PARTS.put("audit", c -> c.startsWith("org.rplcds.audit."));
        PARTS.put("facts", c -> c.startsWith("org.rplcds.facts."));
        PARTS.put("rules", c -> c.startsWith("org.rplcds.rules."));
        PARTS.put("cards", c -> c.startsWith("org.rplcds.cards."));
        PARTS.put("prefetch, other", c -> c.startsWith("org.rplcds.prefetch."));
        PARTS.put(
                "response written",
                c -> c.startsWith("org.springframework.http.converter.")
                        || c.startsWith(
                                "org.springframework.web.servlet.mvc.method.annotation.AbstractMessageConverter"));
        PARTS.put(
                "metrics, logs, traces",
                c -> c.startsWith("org.rplcds.hooks.HookMetrics")
                        || c.startsWith("io.micrometer.")
                        || c.startsWith("ch.qos.logback.")
                        || c.startsWith("org.slf4j.")
                        || c.startsWith("io.opentelemetry."));
        PARTS.put(
                "security", c -> c.startsWith("org.rplcds.security.") || c.startsWith("org.springframework.security."));
        PARTS.put("hook service, other", c -> c.startsWith("org.rplcds."));
    }

    static final String HTTP = "HTTP server and Spring";

    private CallSplit() {}

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        String label = args[1];
        Map<String, Integer> samples = new LinkedHashMap<>();
        PARTS.keySet().forEach(part -> samples.put(part, 0));
        samples.put(HTTP, 0);
        int total = 0;
        Instant from = Instant.ofEpochMilli(Long.parseLong(args[3]));
        Instant until = Instant.ofEpochMilli(Long.parseLong(args[4]));
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[2]))) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")
                    || event.getStartTime().isBefore(from)
                    || event.getStartTime().isAfter(until)) {
                continue;
            }
            String thread = event.getThread("sampledThread") == null
                    ? ""
                    : String.valueOf(event.getThread("sampledThread").getJavaName());
            if (!thread.startsWith("http-nio-")) {
                continue;
            }
            samples.merge(part(event.getStackTrace()), 1, Integer::sum);
            total++;
        }
        JsonNode wrk = new ObjectMapper().readTree(Files.readString(Path.of(args[7])));
        long requests = wrk.path("requests").asLong();
        Map<String, Long> before = ticks(Path.of(args[5]));
        Map<String, Long> after = ticks(Path.of(args[6]));
        Map<String, Long> groups = new LinkedHashMap<>();
        for (String group : List.of("request threads", "JIT compilers", "GC and VM", "other")) {
            groups.put(group, 0L);
        }
        after.forEach((thread, t) -> groups.merge(
                group(thread.substring(thread.indexOf('\t') + 1)), t - before.getOrDefault(thread, 0L), Long::sum));

        ObjectMapper json = new ObjectMapper();
        ObjectNode line = json.createObjectNode();
        line.put("label", label);
        line.put("samples", total);
        line.put("requests", requests);
        line.put("rps", wrk.path("rps").asDouble());
        ObjectNode shares = line.putObject("shares");
        int all = total;
        samples.forEach((part, n) -> shares.put(part, all == 0 ? 0 : Math.round(1000.0 * n / all) / 10.0));
        ObjectNode cpu = line.putObject("cpu_ms_per_request");
        double msPerTick = 1000.0 / ticksPerSecond();
        groups.forEach(
                (group, t) -> cpu.put(group, requests == 0 ? 0 : Math.round(100.0 * t * msPerTick / requests) / 100.0));
        Files.writeString(
                out,
                json.writeValueAsString(line) + "\n",
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        System.out.println(json.writeValueAsString(line));
    }

    /** The part of the call the innermost frame of a known part names, else the HTTP server's. */
    static String part(RecordedStackTrace stack) {
        if (stack == null) {
            return HTTP;
        }
        for (RecordedFrame frame : stack.getFrames()) {
            String type = frame.getMethod().getType().getName();
            for (Map.Entry<String, Predicate<String>> part : PARTS.entrySet()) {
                if (part.getValue().test(type)) {
                    return part.getKey();
                }
            }
        }
        return HTTP;
    }

    /** A thread's group by its name as {@code /proc} gives it (15 characters at most). */
    static String group(String name) {
        if (name.startsWith("http-nio-")) {
            return "request threads";
        }
        if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
            return "JIT compilers";
        }
        if (name.equals("VM Thread") || name.startsWith("GC Thread") || name.startsWith("G1 ")) {
            return "GC and VM";
        }
        return "other";
    }

    /** CPU ticks by thread, keyed {@code id<TAB>name}. */
    static Map<String, Long> ticks(Path file) throws IOException {
        Map<String, Long> ticks = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            int tab = line.lastIndexOf('\t');
            if (tab > 0) {
                ticks.put(
                        line.substring(0, tab),
                        Long.parseLong(line.substring(tab + 1).trim()));
            }
        }
        return ticks;
    }

    private static long ticksPerSecond() {
        String hz = System.getenv("BENCH_CLK_TCK");
        return hz == null || hz.isBlank() ? 100 : Long.parseLong(hz.trim());
    }
}
