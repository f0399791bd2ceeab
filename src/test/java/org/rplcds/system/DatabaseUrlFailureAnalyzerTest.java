package org.rplcds.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

@DisplayName("A feedback store URL that is no JDBC URL")
class DatabaseUrlFailureAnalyzerTest {

    @Test
    @DisplayName("Should name the URL without its parameters and how to write one")
    void namesTheUrl() {
        // given
        var environment =
                new MockEnvironment().withProperty("spring.datasource.url", "postgres://db.example.org/cds?password=x");
        var failure = new BeanCreationException(
                "dataSource", "cannot build it", new IllegalArgumentException("'url' must start with \"jdbc\""));

        // when
        FailureAnalysis analysis = new DatabaseUrlFailureAnalyzer(environment).analyze(failure);

        // then
        assertThat(analysis.getDescription())
                .startsWith("The feedback store's URL postgres://db.example.org/cds (CDS_DB_URL) is not a JDBC URL")
                .doesNotContain("password");
        assertThat(analysis.getAction())
                .contains("jdbc:postgresql://db.example.org:5432/cds")
                .contains("the section \"Profiles: demo and production\" of docs/running.md");
    }

    @Test
    @DisplayName("Should leave other failures to the other analyzers")
    void leavesOthers() {
        assertThat(new DatabaseUrlFailureAnalyzer(new MockEnvironment()).analyze(new IllegalArgumentException("x")))
                .isNull();
    }
}
