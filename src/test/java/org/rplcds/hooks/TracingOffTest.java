package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.support.Fhir.SNOMED;
import static org.rplcds.support.Fhir.condition;
import static org.rplcds.support.Fhir.woman;
import static org.rplcds.support.HookRequests.SERVICE;

import io.micrometer.tracing.Tracer;
import io.opentelemetry.sdk.logs.LogRecordProcessor;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.rplcds.support.CdsServiceTest;
import org.rplcds.support.FhirTestServer;
import org.rplcds.support.HookRequests;
import org.rplcds.support.Http;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

@CdsServiceTest
@DisplayName("Tracing without an endpoint")
class TracingOffTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    @DisplayName("Should run no tracer, span processor or exporter when management.otlp.tracing.endpoint is unset")
    void noTracer() {
        // given: the shared test context, which sets no endpoint

        // when
        List<String> beans = Stream.of(
                        Tracer.class,
                        SdkTracerProvider.class,
                        SpanProcessor.class,
                        SpanExporter.class,
                        LogRecordProcessor.class)
                .flatMap(type -> Stream.of(context.getBeanNamesForType(type)))
                .toList();

        // then
        assertThat(beans).isEmpty();
        assertThat(context.getEnvironment().getProperty("management.tracing.enabled"))
                .isEqualTo("false");
    }

    @Test
    @DisplayName("Should send the FHIR server no traceparent when tracing is off")
    void noTraceparent() throws Exception {
        // given
        try (FhirTestServer fhir = FhirTestServer.start()) {
            fhir.add(woman("p1", "1990-04-02"), condition("c1", "p1", SNOMED, "19169002", "2023-02-10"));
            String request = HookRequests.patientView("p1")
                    .fhirServer(fhir.baseUrl(), null)
                    .json();

            // when
            Http.Answer answer = new Http(port).post(SERVICE, request);

            // then
            assertThat(answer.status()).isEqualTo(200);
            assertThat(fhir.requests()).hasSize(8);
            assertThat(fhir.traceparents()).isEmpty();
        }
    }
}
