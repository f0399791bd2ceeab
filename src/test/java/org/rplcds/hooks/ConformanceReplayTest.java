package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rplcds.support.CdsServiceTest;
import org.rplcds.support.Http;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Requests written by others (the HL7 specification, the sandbox, test kits), some malformed or
 * in old-draft shapes, replayed as they are: each gets a JSON answer with a status the CDS Hooks
 * specification names, never a 5xx.
 */
@CdsServiceTest
@DisplayName("Conformance requests written by others")
class ConformanceReplayTest {

    @LocalServerPort
    int port;

    static List<Path> requests() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/conformance"))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    @DisplayName("Should answer with a spec status code and a JSON body")
    void answersSensibly(Path file) throws IOException {
        // when
        Http.Answer answer = new Http(port).post("/cds-services/recurrent-miscarriage", Files.readString(file));

        // then
        assertAnsweredOrRefused(answer);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    @DisplayName("Should answer a patient-view request with a patient id by evaluating it or by 412, never 400")
    void evaluatesWellFormedPatientViews(Path file) throws IOException {
        // given
        String body = Files.readString(file);
        boolean wellFormedPatientView = body.contains("\"patient-view\"") && body.contains("\"patientId\"");

        // when
        Http.Answer answer = new Http(port).post("/cds-services/recurrent-miscarriage", body);

        // then
        if (wellFormedPatientView) {
            assertThat(answer.status()).isIn(200, 412);
        } else {
            assertThat(answer.status()).isEqualTo(400);
        }
    }

    /** Cards with 200; a refusal (400 or 412) with a message; always a JSON object. */
    static void assertAnsweredOrRefused(Http.Answer answer) {
        assertThat(answer.status()).isIn(200, 400, 412);
        assertThat(answer.json().isObject()).isTrue();
        if (answer.status() == 200) {
            assertThat(answer.json().get("cards").isArray()).isTrue();
        } else {
            assertThat(answer.json().get("message").asText()).isNotBlank();
        }
    }
}
