package org.rplcds.system;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;

/**
 * A feedback store URL that is no JDBC URL the service can use ({@code postgres://db/cds} for
 * {@code jdbc:postgresql://db/cds}, a database it has no driver for) is reported as the URL and how
 * to write it, without a stack trace.
 */
class DatabaseUrlFailureAnalyzer implements FailureAnalyzer {

    private final Environment environment;

    DatabaseUrlFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (unusable(cause.getMessage())) {
                return analysis(cause);
            }
        }
        return null;
    }

    private static boolean unusable(String message) {
        // Spring Boot's check of the URL's scheme, and HikariCP's of its driver.
        return message != null
                && (message.equals("'url' must start with \"jdbc\"")
                        || message.startsWith("Failed to get driver instance for jdbcUrl")
                        || message.contains("claims to not accept jdbcUrl"));
    }

    private FailureAnalysis analysis(Throwable cause) {
        // A JDBC URL may carry a password in its parameters: only the part before them is shown.
        String shown =
                environment.getProperty("spring.datasource.url", "(not set)").split("[?;]", 2)[0];
        return new FailureAnalysis(
                "The feedback store's URL " + shown + " (CDS_DB_URL) is not a JDBC URL the service can use: it takes"
                        + " jdbc:postgresql://... or jdbc:h2:file:...",
                "Write it as jdbc:postgresql://db.example.org:5432/cds (with the postgres profile), or unset"
                        + " CDS_DB_URL for the embedded store under ./data; " + Docs.PROFILES + " has both.",
                cause);
    }
}
