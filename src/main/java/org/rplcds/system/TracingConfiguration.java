package org.rplcds.system;

import io.micrometer.tracing.exporter.FinishedSpan;
import io.micrometer.tracing.exporter.SpanExportingPredicate;
import io.micrometer.tracing.exporter.SpanFilter;
import io.micrometer.tracing.otel.bridge.OtelFinishedSpan;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What leaves the service as spans, where tracing is on ({@link TracingSwitch}): requests to the
 * actuator (probes, scrapes) are not exported, and an error is sent as its type alone. An
 * exception's message may quote what a client sent, and its stack trace is the service's own
 * business; the log keeps both, behind the hospital's access to it.
 */
@Configuration(proxyBeanMethods = false)
class TracingConfiguration {

    static final AttributeKey<String> EXCEPTION_TYPE = AttributeKey.stringKey("exception.type");

    /** The probes and scrapes of the platform, every few seconds, are not the service's work. */
    @Bean
    SpanExportingPredicate actuatorRequestsNotExported() {
        return span -> !span.getTags().getOrDefault("uri", "").startsWith("/actuator");
    }

    /** Exceptions as their type alone: no message, no stack trace, no status description. */
    @Bean
    SpanFilter errorsAsTheirTypeAlone() {
        return TracingConfiguration::typeAlone;
    }

    static FinishedSpan typeAlone(FinishedSpan span) {
        SpanData data = OtelFinishedSpan.toOtel(span);
        boolean described = data.getStatus().getDescription() != null
                && !data.getStatus().getDescription().isEmpty();
        boolean exception = data.getEvents().stream().anyMatch(event -> "exception".equals(event.getName()));
        return described || exception ? OtelFinishedSpan.fromOtel(new TypeAlone(data)) : span;
    }

    /** A finished span whose exception events keep their type and whose status keeps its code. */
    private static final class TypeAlone extends DelegatingSpanData {

        private final List<EventData> events;

        TypeAlone(SpanData span) {
            super(span);
            this.events = span.getEvents().stream()
                    .map(event -> "exception".equals(event.getName())
                            ? EventData.create(
                                    event.getEpochNanos(),
                                    event.getName(),
                                    Attributes.of(
                                            EXCEPTION_TYPE,
                                            String.valueOf(event.getAttributes().get(EXCEPTION_TYPE))))
                            : event)
                    .toList();
        }

        @Override
        public List<EventData> getEvents() {
            return events;
        }

        @Override
        public StatusData getStatus() {
            StatusCode code = super.getStatus().getStatusCode();
            return code == StatusCode.ERROR ? StatusData.error() : super.getStatus();
        }
    }
}
