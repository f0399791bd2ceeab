package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.support.Fhir.ICD10CM;
import static org.rplcds.support.Fhir.SNOMED;
import static org.rplcds.support.Fhir.condition;
import static org.rplcds.support.Fhir.woman;
import static org.rplcds.support.HookRequests.SERVICE;

import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.rplcds.support.CdsServiceTest;
import org.rplcds.support.FhirTestServer;
import org.rplcds.support.HookRequests;
import org.rplcds.support.Http;
import org.rplcds.support.OtlpReceiver;
import org.rplcds.support.OtlpReceiver.Span;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service with {@code management.otlp.tracing.endpoint} set to a receiver in this JVM: what it
 * sends of a hook call that reads the client's FHIR server. The context is its own and is closed
 * after the class; the receiver stays until the JVM ends, for the spans sent as it closes.
 */
@CdsServiceTest
@DirtiesContext
@DisplayName("Traces of a hook call, sent over OTLP")
class TracesTest {

    /** Ids no span may carry: the patient's, and the token the client gave for its FHIR server. */
    static final String PATIENT = "pt-5c81e07d";

    static final String TOKEN = "opaque-token-9d3e77";

    static final Duration WITHIN = Duration.ofSeconds(10);

    static final OtlpReceiver RECEIVER = receiver();

    @DynamicPropertySource
    static void tracing(DynamicPropertyRegistry registry) {
        registry.add("management.otlp.tracing.endpoint", RECEIVER::endpoint);
    }

    @LocalServerPort
    int port;

    @Autowired
    SdkTracerProvider tracer;

    FhirTestServer fhir;

    @BeforeEach
    void startFhirServer() throws Exception {
        fhir = FhirTestServer.start()
                .requireToken(TOKEN)
                .add(
                        woman(PATIENT, "1990-04-02"),
                        condition("c1", PATIENT, SNOMED, "19169002", "2023-02-10"),
                        condition("c2", PATIENT, ICD10CM, "O03.9", "2024-05-20"));
    }

    @AfterEach
    void stopFhirServer() throws Exception {
        fhir.close();
    }

    @Test
    @DisplayName("Should send one span for the hook call, and one for each FHIR server read as its child")
    void hookSpanWithReadsAsChildren() throws Exception {
        // given
        String request = HookRequests.patientView(PATIENT)
                .fhirServer(fhir.baseUrl(), TOKEN)
                .json();

        // when
        Http.Answer answer = new Http(port).post(SERVICE, request);
        flush();

        // then
        assertThat(answer.status()).isEqualTo(200);
        Span hook = hookSpanReading(fhir);
        assertThat(hook.name()).isEqualTo("hook recurrent-miscarriage");
        assertThat(hook.kind()).isEqualTo("SPAN_KIND_INTERNAL");
        assertThat(hook.service()).isEqualTo("recurrent-miscarriage-cds");
        assertThat(hook.attributes())
                .containsEntry("cds.service", "recurrent-miscarriage")
                .containsEntry("cds.hook", "patient-view")
                .containsEntry("cds.profile", "ESHRE2022")
                .containsEntry("outcome", "cards")
                .containsEntry("cds.hook_instance", "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea")
                .containsEntry(
                        "cds.cards",
                        Integer.toString(answer.json().path("cards").size()));
        // the hook call is a child of the server's span of the HTTP request
        Span server = RECEIVER.await(s -> s.spanId().equals(hook.parentSpanId()), 1, WITHIN)
                .get(0);
        assertThat(server.kind()).isEqualTo("SPAN_KIND_SERVER");
        assertThat(server.attributes()).containsEntry("status", "200");

        List<Span> reads = RECEIVER.await(s -> isRead(s) && s.traceId().equals(hook.traceId()), 9, WITHIN);
        assertThat(reads).hasSize(9).allSatisfy(read -> {
            assertThat(read.parentSpanId()).isEqualTo(hook.spanId());
            assertThat(read.kind()).isEqualTo("SPAN_KIND_CLIENT");
            assertThat(read.attributes())
                    .containsEntry("fhir.server", fhir.baseUrl())
                    .containsEntry("http.response.status_code", "200")
                    .containsEntry("outcome", "read");
        });
        // the CapabilityStatement, then each search: the observations' codes, and body weight apart
        assertThat(reads.stream().map(Span::name))
                .containsExactlyInAnyOrder(
                        "fhir capabilities",
                        "fhir read Patient",
                        "fhir search Condition",
                        "fhir search Observation",
                        "fhir search Observation",
                        "fhir search MedicationRequest",
                        "fhir search ServiceRequest",
                        "fhir search Procedure",
                        "fhir search DiagnosticReport");
        Span conditions = named(reads, "fhir search Condition");
        assertThat(conditions.attributes())
                .containsEntry("fhir.interaction", "search")
                .containsEntry("fhir.resource_type", "Condition")
                .containsEntry("cds.prefetch_key", "conditions")
                .containsEntry("fhir.pages", "1")
                .containsEntry("fhir.resources", "2")
                .containsKey("fhir.bytes");
        assertThat(named(reads, "fhir read Patient").attributes())
                .containsEntry("fhir.interaction", "read")
                .containsEntry("fhir.resources", "1");
    }

    @Test
    @DisplayName("Should send the FHIR server each read's own span as the W3C traceparent")
    void traceparentToTheFhirServer() throws Exception {
        // given
        String request = HookRequests.patientView(PATIENT)
                .fhirServer(fhir.baseUrl(), TOKEN)
                .json();

        // when
        new Http(port).post(SERVICE, request);
        flush();

        // then
        Span hook = hookSpanReading(fhir);
        List<Span> searches = RECEIVER.await(
                s -> isRead(s)
                        && s.traceId().equals(hook.traceId())
                        && !s.name().equals("fhir capabilities"),
                8,
                WITHIN);
        // W3C Trace Context: version 00, trace id, the parent (the read's span), sampled
        assertThat(fhir.traceparents()).hasSize(fhir.requests().size()).allSatisfy(header -> assertThat(header)
                .matches("00-" + hook.traceId() + "-[0-9a-f]{16}-01"));
        assertThat(fhir.traceparents().stream().map(header -> header.split("-")[2]))
                .containsExactlyInAnyOrderElementsOf(
                        searches.stream().map(Span::spanId).toList());
    }

    @Test
    @DisplayName("Should name no patient id, search parameter or token in any span, and an error by its type alone")
    void nothingOfThePatient() throws Exception {
        // given: one call answered, one whose reads the server refuses (412 with the keys missing)
        Http http = new Http(port);
        String answered = HookRequests.patientView(PATIENT)
                .fhirServer(fhir.baseUrl(), TOKEN)
                .json();
        String refused = HookRequests.patientView(PATIENT)
                .fhirServer(fhir.baseUrl(), TOKEN + "-wrong")
                .json();

        // when
        http.get("/actuator/health");
        Http.Answer ok = http.post(SERVICE, answered);
        Http.Answer missing = http.post(SERVICE, refused);
        flush();

        // then
        assertThat(ok.status()).isEqualTo(200);
        assertThat(missing.status()).isEqualTo(412);
        List<Span> hooks = RECEIVER.await(s -> s.name().startsWith("hook ") && readsFrom(s, fhir), 2, WITHIN);
        Span failed = hooks.stream()
                .filter(s -> s.attributes().get("outcome").equals("missing-prefetch"))
                .findFirst()
                .orElseThrow();
        assertThat(failed.statusCode()).isEqualTo("STATUS_CODE_ERROR");
        assertThat(failed.statusMessage()).isEmpty();
        assertThat(failed.events())
                .containsExactly("exception {exception.type=org.rplcds.prefetch.MissingPrefetchException}");
        List<Span> refusedReads = RECEIVER.await(
                s -> isRead(s)
                        && s.traceId().equals(failed.traceId())
                        && !s.name().equals("fhir capabilities"),
                8,
                WITHIN);
        assertThat(refusedReads).allSatisfy(read -> assertThat(read.attributes())
                .containsEntry("outcome", "failed")
                .containsEntry("http.response.status_code", "401")
                .containsEntry("fhir.failure", "FHIR server refused access (HTTP 401)"));
        // every name, attribute, event and status of every span received
        assertThat(RECEIVER.requests()).isNotEmpty().allSatisfy(sent -> assertThat(sent)
                .doesNotContain(PATIENT)
                .doesNotContain(TOKEN)
                .doesNotContain("patient=")
                .doesNotContain("1990-04-02"));
        // the platform's probes are not the service's work
        assertThat(RECEIVER.spans())
                .noneMatch(s -> s.attributes().getOrDefault("uri", "").startsWith("/actuator"));
    }

    /** Every span ended so far is exported before this returns. */
    void flush() {
        assertThat(tracer.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
    }

    /** The hook span of the call that read this FHIR server: the parent of its reads. */
    static Span hookSpanReading(FhirTestServer fhir) throws InterruptedException {
        return RECEIVER.await(s -> s.name().startsWith("hook ") && readsFrom(s, fhir), 1, WITHIN)
                .get(0);
    }

    static boolean readsFrom(Span hook, FhirTestServer fhir) {
        return RECEIVER.spans().stream()
                .anyMatch(s -> isRead(s)
                        && s.parentSpanId().equals(hook.spanId())
                        && fhir.baseUrl().equals(s.attribute("fhir.server")));
    }

    static boolean isRead(Span span) {
        return span.name().startsWith("fhir ");
    }

    static Span named(List<Span> spans, String name) {
        return spans.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static OtlpReceiver receiver() {
        try {
            return OtlpReceiver.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
