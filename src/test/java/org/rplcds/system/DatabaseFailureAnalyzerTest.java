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
        assertThat(analysis.getAction()).contains("CDS_DB_URL", "CDS_DB_USER", "CDS_DB_PASSWORD");
    }

    @Test
    @DisplayName("Should leave SQL errors other than connection and login failures to Spring Boot")
    void leavesOtherErrors() {
        var failure = new SQLException("syntax error", "42601");

        assertThat(new DatabaseFailureAnalyzer(new MockEnvironment()).analyze(failure))
                .isNull();
    }
}
