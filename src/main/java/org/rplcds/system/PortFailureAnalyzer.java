package org.rplcds.system;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * A port the service cannot listen on (not a number, out of range, or taken) is reported as the
 * port and how to choose another, naming the {@code PORT} variable the documentation gives. Ahead of Spring
 * Boot's own report of a port in use, which names neither.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class PortFailureAnalyzer implements FailureAnalyzer {

    private static final String CHOOSE = "Start it on a free port from 1 to 65535: PORT=8081 (or --server.port=8081),"
            + " or leave PORT unset for 8080; " + Docs.RUN_IT + " shows both.";

    private final Environment environment;

    PortFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            FailureAnalysis analysis = analyzeOne(cause);
            if (analysis != null) {
                return analysis;
            }
        }
        return null;
    }

    private FailureAnalysis analyzeOne(Throwable cause) {
        if (cause instanceof PortInUseException taken) {
            return new FailureAnalysis(
                    "Port " + taken.getPort() + " is in use by another process",
                    "Stop the process that listens on " + taken.getPort() + " (another start of the service?), or "
                            + Character.toLowerCase(CHOOSE.charAt(0)) + CHOOSE.substring(1),
                    cause);
        }
        if (cause instanceof InvalidConfigurationPropertyValueException invalid
                && "server.port".equals(invalid.getName())) {
            return new FailureAnalysis("The port " + port() + " is not a number", CHOOSE, cause);
        }
        if (cause instanceof IllegalArgumentException outOfRange
                && outOfRange.getMessage() != null
                && outOfRange.getMessage().startsWith("port out of range")) {
            return new FailureAnalysis("The port " + port() + " is out of range", CHOOSE, cause);
        }
        return null;
    }

    /** The port as the site gave it: {@code PORT=eighty}, or {@code server.port=70000}. */
    private String port() {
        String setting = environment.getProperty("server.port", "?");
        String variable = environment.getProperty("PORT");
        return setting.equals(variable) ? "PORT=" + variable : "server.port=" + setting;
    }
}
