package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rplcds.support.Fhir;
import org.rplcds.support.FixedClock;
import org.rplcds.support.HookRequests;
import org.rplcds.support.Http;
import org.rplcds.support.SlowClients;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * Bodies that come slowly, or framed oddly, in the demo profile, where no token stops a caller
 * before its body: they cost a connection each, never a request thread, and end in a 4xx.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:cds-slow;DB_CLOSE_DELAY=-1", "cds.http.body-timeout=4s"})
@Import(FixedClock.class)
@ExtendWith(OutputCaptureExtension.class)
@DisplayName("Slow and oddly framed bodies")
class SlowBodiesTest {

    @LocalServerPort
    int port;

    String call() {
        return HookRequests.patientView("p1")
                .prefetch(
                        Fhir.woman("p1", "1990-01-01"),
                        Fhir.condition("a", "p1", Fhir.SNOMED, "19169002", "2023-01-01"),
                        Fhir.condition("b", "p1", Fhir.SNOMED, "19169002", "2024-01-01"))
                .json();
    }

    @Test
    @Timeout(60)
    @DisplayName("Should answer other calls at once while 250 clients trickle their bodies a byte a second")
    void answersWhileBodiesTrickle() throws Exception {
        // given: more slow clients than the server has request threads (200)
        try (SlowClients slow =
                SlowClients.open(port, HookRequests.SERVICE, 250, 1_048_576, "", Duration.ofSeconds(1))) {
            Thread.sleep(1_000);

            // when: ten calls, one after the other, while the bodies trickle
            List<Long> millis = new ArrayList<>();
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                long started = System.nanoTime();
                statuses.add(new Http(port).post(HookRequests.SERVICE, call()).status());
                millis.add(Duration.ofNanos(System.nanoTime() - started).toMillis());
            }

            // then: each answered, none held up behind the slow bodies
            assertThat(statuses).containsOnly(200);
            assertThat(millis).allSatisfy(ms -> assertThat(ms).isLessThan(2_000));
            assertThat(slow.closedByServer()).isZero();
        }
    }

    @Test
    @Timeout(30)
    @DisplayName("Should answer 408 to a body not whole within the time limit, and close its connection")
    void timesOutASlowBody() throws Exception {
        try (SlowClients slow =
                SlowClients.open(port, HookRequests.SERVICE, 1, 1_048_576, "", Duration.ofMillis(200))) {
            long started = System.nanoTime();

            String answer = slow.firstAnswer();

            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            assertThat(answer).startsWith("HTTP/1.1 408").contains("\"error\":\"request-timeout\"");
            assertThat(seconds).isBetween(3L, 10L);
        }
    }

    /** Sends the text on a new connection and reads the answer until the server closes it. */
    String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    static String chunked(String body, String trailers) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return "POST " + HookRequests.SERVICE + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + Integer.toHexString(bytes.length) + "\r\n"
                + body + "\r\n0\r\n" + trailers + "\r\n";
    }

    @Test
    @DisplayName("Should answer a chunked call with its body whole")
    void readsAChunkedBody() throws Exception {
        String answer = raw(chunked(call(), ""));

        assertThat(answer).startsWith("HTTP/1.1 200");
    }

    static String trailers(int count, int length) {
        StringBuilder trailers = new StringBuilder();
        for (int i = 0; i < count; i++) {
            trailers.append("X-T")
                    .append(i)
                    .append(": ")
                    .append("v".repeat(length))
                    .append("\r\n");
        }
        return trailers.toString();
    }

    @Test
    @DisplayName(
            "Should answer a chunked call with 150 short trailer fields 200 or 400, never 5xx, and log no stack trace")
    void answersManyTrailers(CapturedOutput output) throws Exception {
        // Tomcat reads them, or refuses them past its count of header fields (100), as they come in packets
        String answer = raw(chunked(call(), trailers(150, 1)));
        Thread.sleep(500);

        assertThat(answer).matches("(?s)HTTP/1\\.1 (200|400) .*");
        assertThat(output.getAll()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    @DisplayName("Should answer 400 to a chunked call whose trailers pass the server's 8 KB, and log no stack trace")
    void refusesTrailerFloods(CapturedOutput output) throws Exception {
        String answer = raw(chunked(call(), trailers(150, 60)));
        Thread.sleep(500);

        assertThat(answer).startsWith("HTTP/1.1 400").contains("\"error\":\"bad-request\"");
        assertThat(output.getAll()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    @DisplayName("Should answer 400 to a chunk whose size is not hexadecimal, and log no stack trace")
    void refusesBrokenChunks(CapturedOutput output) throws Exception {
        String answer = raw("POST " + HookRequests.SERVICE + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");
        Thread.sleep(500);

        assertThat(answer).startsWith("HTTP/1.1 400");
        assertThat(output.getAll()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    @DisplayName("Should answer 413 to a chunked body past the limit as soon as it passes it")
    void refusesALongChunkedBody() throws Exception {
        String answer = raw(chunked("x".repeat(11 * 1024 * 1024), ""));

        assertThat(answer).startsWith("HTTP/1.1 413").contains("\"error\":\"payload-too-large\"");
    }
}
