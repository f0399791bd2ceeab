package org.rplcds.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.mock.env.MockEnvironment;

@DisplayName("A port the service cannot listen on")
class PortFailureAnalyzerTest {

    @Test
    @DisplayName("Should name the PORT variable that is not a number, and say how to choose a port")
    void namesThePortVariable() {
        var environment = new MockEnvironment().withProperty("PORT", "eighty").withProperty("server.port", "eighty");

        FailureAnalysis analysis = new PortFailureAnalyzer(environment)
                .analyze(new InvalidConfigurationPropertyValueException(
                        "server.port", "${PORT:8080}", "Failed to convert to type java.lang.Integer"));

        assertThat(analysis.getDescription()).isEqualTo("The port PORT=eighty is not a number");
        assertThat(analysis.getAction())
                .contains("PORT=8081", "--server.port=8081", "the section \"Run it\" of README.md");
    }

    @Test
    @DisplayName("Should name a port out of range as given with --server.port")
    void namesAPortOutOfRange() {
        var environment = new MockEnvironment().withProperty("server.port", "70000");

        FailureAnalysis analysis =
                new PortFailureAnalyzer(environment).analyze(new IllegalArgumentException("port out of range:70000"));

        assertThat(analysis.getDescription()).isEqualTo("The port server.port=70000 is out of range");
    }

    @Test
    @DisplayName("Should name a port in use and say to stop what holds it or choose another")
    void namesAPortInUse() {
        // given: deep in the failure, as the server's start throws it
        var failure = new IllegalStateException(
                "Failed to start bean 'webServerStartStop'", new RuntimeException(new PortInUseException(8080)));

        // when
        FailureAnalysis analysis = new PortFailureAnalyzer(new MockEnvironment()).analyze(failure);

        // then

        assertThat(analysis.getDescription()).isEqualTo("Port 8080 is in use by another process");
        assertThat(analysis.getAction())
                .startsWith("Stop the process that listens on 8080")
                .contains("PORT=8081");
    }

    @Test
    @DisplayName("Should leave other failures to the other analyzers")
    void leavesOthers() {
        assertThat(new PortFailureAnalyzer(new MockEnvironment()).analyze(new IllegalArgumentException("other")))
                .isNull();
    }
}
