package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.support.Fhir.ICD10CM;
import static org.rplcds.support.Fhir.SNOMED;
import static org.rplcds.support.Fhir.condition;
import static org.rplcds.support.Fhir.woman;
import static org.rplcds.support.HookRequests.SERVICE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rplcds.support.FhirTestServer;
import org.rplcds.support.HookRequests;
import org.rplcds.support.Http;
import org.rplcds.support.OtlpReceiver;
import org.rplcds.support.ServiceProcess;

/**
 * The service in a JVM of its own with {@code logging.structured.format.console=ecs}: its console
 * read line by line as JSON, with tracing on and off. The reads of a cold JVM's first call may take
 * seconds on a busy machine: the calls here have 30 s for them.
 */
@DisplayName("Structured JSON logs, with and without traces")
class StructuredLogsIT {

    static final String TOKEN = "opaque-token-51be0c";

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    FhirTestServer fhir;
    OtlpReceiver receiver;
    Process service;

    @BeforeEach
    void start() throws Exception {
        fhir = FhirTestServer.start()
                .requireToken(TOKEN)
                .add(
                        woman("p1", "1990-04-02"),
                        condition("c1", "p1", SNOMED, "19169002", "2023-02-10"),
                        condition("c2", "p1", ICD10CM, "O03.9", "2024-05-20"));
        receiver = OtlpReceiver.start();
    }

    @AfterEach
    void stop() throws Exception {
        ServiceProcess.kill(service);
        fhir.close();
        receiver.close();
    }

    @Test
    @DisplayName("Should write each line as JSON, the hook call's values as fields, with the trace id of its span")
    void jsonLinesWithTraceIds() throws Exception {
        // given
        int port = ServiceProcess.freePort();
        service = ServiceProcess.start(
                home,
                port,
                List.of(),
                List.of(
                        "--logging.structured.format.console=ecs",
                        "--cds.fallback.total-timeout=30s",
                        "--management.otlp.tracing.endpoint=" + receiver.endpoint(),
                        "--management.tracing.opentelemetry.export.schedule-delay=100ms"));

        // when
        Http.Answer answer = new Http(port).post(SERVICE, fallbackCall());

        // then
        assertThat(answer.status()).isEqualTo(200);
        OtlpReceiver.Span hook = receiver.await(s -> s.name().startsWith("hook "), 1, Duration.ofSeconds(15))
                .get(0);
        JsonNode line = hookLine();
        assertThat(line.at("/log/level").asText()).isEqualTo("INFO");
        assertThat(line.at("/service/name").asText()).isEqualTo("recurrent-miscarriage-cds");
        assertThat(line.at("/cds/service").asText()).isEqualTo("recurrent-miscarriage");
        assertThat(line.at("/cds/hookInstance").asText()).isEqualTo("d1577c69-dfbe-44ad-ba6d-3e05e953b2ea");
        assertThat(line.at("/cds/profile").asText()).isEqualTo("ESHRE2022");
        assertThat(line.at("/cds/rules").isArray()).isTrue();
        assertThat(line.at("/cds/rules/0").asText()).isEqualTo("RPL-01");
        assertThat(line.at("/cds/cards").isInt()).isTrue();
        assertThat(line.at("/cds/cards").asInt())
                .isEqualTo(answer.json().path("cards").size());
        assertThat(line.at("/cds/snoozed").asInt()).isZero();
        assertThat(line.at("/cds/silent").isArray()).isTrue();
        assertThat(line.at("/cds/millis").isNumber()).isTrue();
        assertThat(line.at("/traceId").asText()).isEqualTo(hook.traceId());
        assertThat(line.at("/spanId").asText()).matches("[0-9a-f]{16}");
        assertThat(threads()).anyMatch(name -> name.startsWith("BatchSpanProcessor"));
        assertThat(log()).noneMatch(text -> text.contains(TOKEN));
    }

    @Test
    @DisplayName("Should send nothing, run no exporter and warn of nothing without an endpoint, whatever OTEL_* says")
    void nothingWithoutEndpoint() throws Exception {
        // given: the OpenTelemetry SDK's own settings name the receiver; the service's do not
        int port = ServiceProcess.freePort();
        String collector = receiver.endpoint().replace("/v1/traces", "");
        service = ServiceProcess.start(
                home,
                port,
                List.of(
                        "-Dotel.exporter.otlp.endpoint=" + collector,
                        "-Dotel.traces.exporter=otlp",
                        "-Dotel.bsp.schedule.delay=100"),
                List.of(
                        "--logging.structured.format.console=ecs",
                        "--cds.fallback.total-timeout=30s",
                        "--management.tracing.opentelemetry.export.schedule-delay=100ms"));

        // when
        Http.Answer answer = new Http(port).post(SERVICE, fallbackCall());
        JsonNode line = hookLine();

        // then
        assertThat(answer.status()).isEqualTo(200);
        assertThat(line.at("/cds/service").asText()).isEqualTo("recurrent-miscarriage");
        assertThat(line.has("traceId")).isFalse();
        assertThat(line.has("spanId")).isFalse();
        assertThat(fhir.traceparents()).isEmpty();
        assertThat(threads())
                .isNotEmpty()
                .noneMatch(name -> name.startsWith("BatchSpanProcessor")
                        || name.startsWith("BatchLogRecordProcessor")
                        || name.contains("OkHttp"));
        assertThat(lines())
                .filteredOn(json -> !json.at("/log/level").asText().equals("INFO"))
                .noneMatch(json -> {
                    String said = (json.at("/log/logger").asText() + " "
                                    + json.at("/message").asText())
                            .toLowerCase();
                    return Stream.of("trac", "span", "opentelemetry", "otlp", "export")
                            .anyMatch(said::contains);
                });
        // an exporter, had one run, would have sent the call's spans within its 100 ms schedule
        Thread.sleep(1000);
        assertThat(receiver.requests()).isEmpty();
    }

    private String fallbackCall() {
        return HookRequests.patientView("p1").fhirServer(fhir.baseUrl(), TOKEN).json();
    }

    /** The hook call's line, once written: the log is read until it is there, for 10 s at most. */
    private JsonNode hookLine() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            for (JsonNode line : lines()) {
                if (line.path("message").asText().startsWith("hook evaluated")) {
                    return line;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no hook line in " + log());
            }
            Thread.sleep(50);
        }
    }

    /** Every line of the console, each parsed as one JSON object; a line that is not fails. */
    private List<JsonNode> lines() throws IOException {
        List<JsonNode> parsed = new ArrayList<>();
        for (String text : log()) {
            if (text.isBlank()) {
                continue;
            }
            JsonNode json;
            try {
                json = JSON.readTree(text);
            } catch (IOException e) {
                throw new AssertionError("not a JSON line: " + text, e);
            }
            assertThat(json.isObject()).as(text).isTrue();
            parsed.add(json);
        }
        return parsed;
    }

    private List<String> log() throws IOException {
        try (Stream<Path> files = Files.list(home)) {
            Path log = files.filter(p -> p.getFileName().toString().startsWith("service-"))
                    .findFirst()
                    .orElseThrow();
            return Files.readAllLines(log);
        }
    }

    /** The names of the service's threads, from {@code jcmd <pid> Thread.print}. */
    private List<String> threads() throws Exception {
        Path jcmd = Paths.get(System.getProperty("java.home"), "bin", "jcmd");
        Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(service.pid()), "Thread.print")
                .redirectErrorStream(true)
                .start();
        List<String> names = new ArrayList<>();
        try (var out = dump.inputReader()) {
            out.lines().filter(l -> l.startsWith("\"")).forEach(l -> names.add(l.substring(1, l.indexOf('"', 1))));
        }
        assertThat(dump.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return names;
    }
}
