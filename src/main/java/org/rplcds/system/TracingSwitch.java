package org.rplcds.system;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Tracing is off unless {@code management.otlp.tracing.endpoint} names where spans go, and an
 * explicit {@code management.tracing.enabled=false} turns it off even then. Off, {@code
 * management.tracing.enabled} defaults to false (no trace ids in the log lines, no propagation)
 * and {@link TracingAutoConfigurationFilter} leaves out Spring Boot's tracer, span processor and
 * exporter, which Spring Boot would otherwise run for every request and keep nothing of. The
 * default is read when Spring Boot asks for it, so that an endpoint set late (by a test) is seen.
 */
class TracingSwitch implements EnvironmentPostProcessor, Ordered {

    static final String ENABLED = "management.tracing.enabled";
    static final String ENDPOINT = "management.otlp.tracing.endpoint";

    /** Whether spans are made and sent: an endpoint is set, and tracing is not switched off. */
    static boolean on(Environment environment) {
        return StringUtils.hasText(environment.getProperty(ENDPOINT))
                && environment.getProperty(ENABLED, Boolean.class, true);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new Default(environment));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** {@code management.tracing.enabled=false} while no endpoint is set; nothing once one is. */
    static final class Default extends EnumerablePropertySource<Object> {

        private final Environment environment;

        /**
         * The environment is kept apart from the source: Spring Boot reads the property sources of a
         * source that is an environment as its own, which would be this one again.
         */
        Default(Environment environment) {
            super("tracingOffWithoutEndpoint", new Object());
            this.environment = environment;
        }

        @Override
        public String[] getPropertyNames() {
            return new String[] {ENABLED};
        }

        @Override
        public Object getProperty(String name) {
            if (!ENABLED.equals(name)) {
                return null;
            }
            return StringUtils.hasText(environment.getProperty(ENDPOINT)) ? null : Boolean.FALSE.toString();
        }

        @Override
        public boolean containsProperty(String name) {
            return getProperty(name) != null;
        }
    }
}
