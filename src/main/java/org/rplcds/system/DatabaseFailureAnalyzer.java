package org.rplcds.system;

import java.sql.SQLException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * A feedback store that cannot be reached at start (connection refused, unknown host, wrong
 * password), or an embedded one that cannot be written (a folder it may not create, a store another
 * service holds), is reported as which database and what to set, without a stack trace.
 */
class DatabaseFailureAnalyzer extends AbstractFailureAnalyzer<SQLException> {

    private final Environment environment;

    DatabaseFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    /** H2's error code for a database file another process holds open. */
    static final int H2_IN_USE = 90020;

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SQLException cause) {
        String url = environment.getProperty("spring.datasource.url", "(not set)");
        // A JDBC URL may carry a password in its parameters: only the part before them is shown.
        String shown = url.split("[?;]", 2)[0];
        String state = cause.getSQLState();
        if (url.startsWith("jdbc:h2:file:") && state != null && state.startsWith("90")) {
            return embedded(shown, cause);
        }
        // SQLSTATE class 08: connection exception; 28: invalid authorization; 3D: no such database.
        if (state == null || !(state.startsWith("08") || state.startsWith("28") || state.startsWith("3D"))) {
            return null;
        }
        return new FailureAnalysis(
                "The feedback store at " + shown + " cannot be used: " + cause.getMessage(),
                "Start that database, or point the service at yours with CDS_DB_URL, CDS_DB_USER and"
                        + " CDS_DB_PASSWORD (the postgres profile), or run the demo profile alone, which needs no"
                        + " database server; " + Docs.PROFILES + " has both.",
                cause);
    }

    /** The embedded H2 store, a file under {@code ./data} by default, that cannot be opened. */
    private static FailureAnalysis embedded(String shown, SQLException cause) {
        // H2 ends its messages with its error code and version: [90031-232].
        String why = cause.getMessage() == null ? "" : cause.getMessage().replaceFirst("\\s*\\[9\\d+-\\d+]$", "");
        if (cause.getErrorCode() == H2_IN_USE) {
            return new FailureAnalysis(
                    "The feedback store at " + shown + " is in use by another process: " + why,
                    "Stop the service already running in this folder, or start this one in another folder (its"
                            + " store is ./data there), or point CDS_DB_URL at another file; " + Docs.PROFILES
                            + " says where feedback is kept.",
                    cause);
        }
        return new FailureAnalysis(
                "The feedback store at " + shown + " cannot be opened: " + why,
                "Start the service in a folder it may write (the store is ./data/feedback there), or point"
                        + " CDS_DB_URL at a place it may write"
                        + " (jdbc:h2:file:/var/lib/cds/feedback;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0), or keep"
                        + " feedback in PostgreSQL (the postgres profile); " + Docs.PROFILES + " has both.",
                cause);
    }
}
