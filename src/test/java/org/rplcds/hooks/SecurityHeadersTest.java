package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.rplcds.support.CdsServiceTest;
import org.rplcds.support.HookRequests;
import org.rplcds.support.Http;
import org.springframework.boot.test.web.server.LocalServerPort;

@CdsServiceTest
@DisplayName("Security and caching headers")
class SecurityHeadersTest {

    @LocalServerPort
    int port;

    @Test
    @DisplayName("Should serve the viewer with a policy allowing no inline script, no framing, and nosniff")
    void viewerPolicy() {
        // when
        Http.Answer page = new Http(port).get("/");

        // then
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Security-Policy"))
                .contains("script-src 'self'")
                .contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-inline");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.body()).doesNotContain("<script>").doesNotContain("style=");
    }

    @Test
    @DisplayName("Should let the viewer's script be cached, but never an answer that carries patient data")
    void noStoreOnPatientData() {
        // when
        Http.Answer script = new Http(port).get("/viewer.js");
        Http.Answer cards = new Http(port)
                .post(
                        "/cds-services/recurrent-miscarriage",
                        HookRequests.patientView("p1")
                                .prefetch(org.rplcds.support.Fhir.woman("p1", "1990-01-01"))
                                .json());
        Http.Answer unknown = new Http(port).post("/cds-services/no-such-service", "{}");

        // then
        assertThat(script.header("Cache-Control")).isEmpty();
        assertThat(script.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(cards.status()).isEqualTo(200);
        assertThat(cards.header("Cache-Control")).isEqualTo("no-store");
        assertThat(cards.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(unknown.header("Cache-Control")).isEqualTo("no-store");
    }
}
