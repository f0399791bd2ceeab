package org.rplcds.system;

import java.sql.SQLException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * A feedback store that cannot be reached at start (connection refused, unknown host, wrong
 * password) is reported as which database and what to set, without a stack trace.
 */
class DatabaseFailureAnalyzer extends AbstractFailureAnalyzer<SQLException> {

    private final Environment environment;

    DatabaseFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SQLException cause) {
        String state = cause.getSQLState();
        // SQLSTATE class 08: connection exception; 28: invalid authorization; 3D: no such database.
        if (state == null || !(state.startsWith("08") || state.startsWith("28") || state.startsWith("3D"))) {
            return null;
        }
        String url = environment.getProperty("spring.datasource.url", "(not set)");
        // A JDBC URL may carry a password in its parameters: only the part before them is shown.
        String shown = url.split("[?;]", 2)[0];
        return new FailureAnalysis(
                "The feedback store at " + shown + " cannot be used: " + cause.getMessage(),
                "Start that database, or point the service at yours with CDS_DB_URL, CDS_DB_USER and"
                        + " CDS_DB_PASSWORD (the postgres profile; the README's \"Configure it\" section), or run the"
                        + " demo profile, which needs no database server.",
                cause);
    }
}
