package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.rplcds.support.Fhir.ICD10CM;
import static org.rplcds.support.Fhir.condition;
import static org.rplcds.support.Fhir.woman;
import static org.rplcds.support.HookRequests.SERVICE;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.Charset;
import java.time.Duration;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rplcds.support.CdsServiceTest;
import org.rplcds.support.HookRequests;
import org.rplcds.support.Http;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Requests no client should send, answered with a clear status and a JSON body. */
@CdsServiceTest
@DisplayName("Careless and hostile requests")
class CarelessRequestsTest {

    @LocalServerPort
    int port;

    Http.Answer post(String path, String contentType, String body) {
        return new Http(port)
                .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Nested
    @DisplayName("with a body that is not JSON")
    class WrongContentType {

        @ParameterizedTest(name = "{0}")
        @ValueSource(
                strings = {
                    "multipart/form-data; boundary=xyz",
                    "multipart/form-data",
                    "multipart/mixed; boundary=xyz",
                    "application/x-www-form-urlencoded",
                    "text/plain",
                    "application/xml",
                    "application/octet-stream"
                })
        @DisplayName("Should answer 415 with a JSON body on the hook and the feedback endpoints")
        void answers415(String contentType) {
            String body = "--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--xyz--\r\n";

            for (String path : new String[] {SERVICE, SERVICE + "/feedback"}) {
                Http.Answer answer = post(path, contentType, body);

                assertThat(answer.status()).as(path).isEqualTo(415);
                assertThat(answer.json().get("error").asText()).isEqualTo("unsupported-media-type");
            }
        }

        @Test
        @DisplayName("Should answer 415 with a JSON body for a content type that cannot be parsed")
        void answers415ForAGarbledContentType() {
            Http.Answer answer = post(SERVICE, "application/json; charset=\"", "{}");

            assertThat(answer.status()).isEqualTo(415);
            assertThat(answer.json().get("error").asText()).isEqualTo("unsupported-media-type");
        }
    }

    @Nested
    @DisplayName("in a charset other than UTF-8")
    class InOtherCharsets {

        static String twoLosses() {
            Patient patient = woman("p-charset", "1990-01-01");
            patient.addName().setFamily("Ibáñez");
            return HookRequests.patientView("p-charset")
                    .prefetch(
                            patient,
                            condition("a", "p-charset", ICD10CM, "O03.9", "2022-01-01"),
                            condition("b", "p-charset", ICD10CM, "O03.9", "2023-01-01"))
                    .json();
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"UTF-16", "UTF-16LE", "ISO-8859-1", "windows-1252"})
        @DisplayName("Should read a body in the charset its content type names")
        void readsTheNamedCharset(String charset) {
            // given
            String request = twoLosses();
            byte[] body = request.getBytes(Charset.forName(charset));

            // when
            Http.Answer answer = new Http(port)
                    .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + SERVICE))
                            .header("Content-Type", "application/json; charset=" + charset)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)));

            // then
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().get("cards").findValuesAsText("code")).contains("RPL-01");
        }
    }

    @Nested
    @DisplayName("with codes longer than any real code")
    class WithOverlongCodes {

        static String twoLosses(String secondCode) {
            return HookRequests.patientView("p-long")
                    .prefetch(
                            woman("p-long", "1990-01-01"),
                            condition("a", "p-long", ICD10CM, "O03.9", "2022-01-01"),
                            condition("b", "p-long", ICD10CM, secondCode, "2023-01-01"))
                    .json();
        }

        @Test
        @DisplayName("Should evaluate a chart with a 1 MB ICD-10-CM code as if the code were unknown")
        void ignoresAMegabyteCode() {
            // given: two miscarriages, one of them coded with a million characters after O03
            String request = twoLosses("O03." + "9".repeat(1_000_000));
            assertThat(new Http(port).post(SERVICE, twoLosses("O03.9")).json().findValuesAsText("code"))
                    .contains("RPL-01");

            // when: the bound is a safety net only; a quadratic look-up would never end
            Http.Answer answer =
                    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> new Http(port).post(SERVICE, request));

            // then: one loss counted, so no card for recurrent loss
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().get("cards").findValuesAsText("code")).doesNotContain("RPL-01");
        }
    }
}
