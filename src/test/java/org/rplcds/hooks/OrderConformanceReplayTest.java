package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rplcds.support.CdsServiceTest;
import org.rplcds.support.Http;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every request written by others (the HL7 specification, the sandbox, test kits), sent as it is
 * to each order service over HTTP: a JSON answer with a status the CDS Hooks specification names,
 * never a 5xx.
 */
@CdsServiceTest
@DisplayName("Conformance requests written by others, sent to the order services")
class OrderConformanceReplayTest {

    @LocalServerPort
    int port;

    static List<Arguments> requests() throws IOException {
        List<Arguments> requests = new ArrayList<>();
        for (Path file : ConformanceReplayTest.requests()) {
            for (String service : List.of("recurrent-miscarriage-order-sign", "recurrent-miscarriage-order-select")) {
                requests.add(Arguments.of(service, file));
            }
        }
        return requests;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("requests")
    @DisplayName("Should answer with a spec status code and a JSON body, never a 5xx")
    void answersSensibly(String service, Path file) throws IOException {
        // when
        Http.Answer answer = new Http(port).post("/cds-services/" + service, Files.readString(file));

        // then
        ConformanceReplayTest.assertAnsweredOrRefused(answer);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("requests")
    @DisplayName("Should answer the specification's own order examples for their hook with no card and no error")
    void answersTheSpecificationsOrderExamples(String service, Path file) throws IOException {
        // given
        String name = file.getFileName().toString();
        boolean ownExample = name.startsWith("hl7-spec")
                && name.contains("-order-")
                && service.endsWith(name.contains("order-select") ? "order-select" : "order-sign")
                && Files.readString(file).contains("\"draftOrders\"");

        // when
        Http.Answer answer = new Http(port).post("/cds-services/" + service, Files.readString(file));

        // then
        if (ownExample) {
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().get("cards")).isEmpty();
        } else {
            assertThat(answer.status()).isNotEqualTo(500);
        }
    }
}
