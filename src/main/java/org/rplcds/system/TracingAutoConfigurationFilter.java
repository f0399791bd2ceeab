package org.rplcds.system;

import java.util.Set;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Spring Boot's auto-configurations of OpenTelemetry left out where they would run for nothing:
 * those of tracing while tracing is off ({@link TracingSwitch}): Spring Boot 3.5 makes a tracer, a
 * span for every observation and a span processor with its thread whether or not an exporter is
 * set; and those of log export always, as the log goes to the console (JSON where the site asks)
 * and the platform collects it there.
 */
class TracingAutoConfigurationFilter implements AutoConfigurationImportFilter, EnvironmentAware {

    private static final String AUTOCONFIGURE = "org.springframework.boot.actuate.autoconfigure.";

    static final Set<String> TRACING = Set.of(
            AUTOCONFIGURE + "opentelemetry.OpenTelemetryAutoConfiguration",
            AUTOCONFIGURE + "tracing.OpenTelemetryTracingAutoConfiguration",
            AUTOCONFIGURE + "tracing.MicrometerTracingAutoConfiguration",
            AUTOCONFIGURE + "tracing.NoopTracerAutoConfiguration",
            AUTOCONFIGURE + "tracing.otlp.OtlpTracingAutoConfiguration");

    static final Set<String> LOG_EXPORT = Set.of(
            AUTOCONFIGURE + "logging.OpenTelemetryLoggingAutoConfiguration",
            AUTOCONFIGURE + "logging.otlp.OtlpLoggingAutoConfiguration");

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
        boolean tracing = TracingSwitch.on(environment);
        boolean[] match = new boolean[autoConfigurationClasses.length];
        for (int i = 0; i < autoConfigurationClasses.length; i++) {
            String name = autoConfigurationClasses[i];
            match[i] = name == null || !(LOG_EXPORT.contains(name) || (!tracing && TRACING.contains(name)));
        }
        return match;
    }
}
