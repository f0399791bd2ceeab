package org.rplcds.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

@DisplayName("A feedback store that cannot be reached at start")
class DatabaseFailureAnalyzerTest {

    @Test
    @DisplayName("Should name the database without its parameters and the settings to change")
    void namesTheDatabase() {
        // given
        var environment = new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:postgresql://db.example.org:5432/cds?password=secret");
        var failure = new BeanCreationException(
                "flywayInitializer", "cannot migrate", new SQLException("Connection refused", "08001"));

        // when
        FailureAnalysis analysis = new DatabaseFailureAnalyzer(environment).analyze(failure);

        // then
        assertThat(analysis.getDescription())
                .contains("jdbc:postgresql://db.example.org:5432/cds", "Connection refused")
                .doesNotContain("secret");
        assertThat(analysis.getAction())
                .contains("CDS_DB_URL", "CDS_DB_USER", "CDS_DB_PASSWORD")
                .contains("the section \"Profiles: demo and production\" of docs/running.md");
    }

    @Test
    @DisplayName("Should leave SQL errors other than connection and login failures to Spring Boot")
    void leavesOtherErrors() {
        var failure = new SQLException("syntax error", "42601");

        assertThat(new DatabaseFailureAnalyzer(new MockEnvironment()).analyze(failure))
                .isNull();
    }

    @Test
    @DisplayName(
            "Should say where to start the service, or where to keep feedback, when the embedded store cannot be written")
    void namesTheEmbeddedStore() {
        // given: ./data is a file, not a folder
        var environment = new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:h2:file:./data/feedback;DB_CLOSE_ON_EXIT=FALSE");
        var failure = new SQLException(
                "IO Exception: \"java.nio.file.NotDirectoryException: /srv/data\"; \"/srv/data\" [90031-232]",
                "90031",
                90031);

        // when
        FailureAnalysis analysis = new DatabaseFailureAnalyzer(environment).analyze(failure);

        // then
        assertThat(analysis.getDescription())
                .isEqualTo("The feedback store at jdbc:h2:file:./data/feedback cannot be opened: IO Exception:"
                        + " \"java.nio.file.NotDirectoryException: /srv/data\"; \"/srv/data\"");
        assertThat(analysis.getAction())
                .startsWith("Start the service in a folder it may write")
                .contains("CDS_DB_URL", "the section \"Profiles: demo and production\" of docs/running.md");
    }

    @Test
    @DisplayName("Should say another process holds the embedded store")
    void namesAStoreInUse() {
        var environment = new MockEnvironment().withProperty("spring.datasource.url", "jdbc:h2:file:./data/feedback");
        var failure = new SQLException("Database may be already in use [90020-232]", "90020", 90020);

        FailureAnalysis analysis = new DatabaseFailureAnalyzer(environment).analyze(failure);

        assertThat(analysis.getDescription()).contains("is in use by another process");
        assertThat(analysis.getAction()).startsWith("Stop the service already running in this folder");
    }
}
