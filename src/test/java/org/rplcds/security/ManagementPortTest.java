package org.rplcds.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.rplcds.support.Http;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The management endpoints on a port of their own, for an internal interface. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:cds-management-port;DB_CLOSE_DELAY=-1",
            "management.server.port=0",
            "management.server.address=127.0.0.1"
        })
@ActiveProfiles("production")
@AutoConfigureObservability
@DisplayName("Management endpoints on a separate port")
class ManagementPortTest {

    @DynamicPropertySource
    static void clients(DynamicPropertyRegistry registry) throws Exception {
        String keys =
                new JWKSet(new ECKeyGenerator(Curve.P_384).keyID("k").generate().toPublicJWK()).toString(true);
        registry.add("cds.security.audience", () -> "https://cds.example.org");
        registry.add("cds.security.trusted-clients[0].issuer", () -> "https://ehr.example.org");
        registry.add("cds.security.trusted-clients[0].jwks", () -> keys);
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    @DisplayName("Should answer metrics on the management port without a token, and not on the service port")
    void servesMetricsOnTheManagementPortOnly() {
        // when
        Http.Answer management = new Http(managementPort).get("/actuator/prometheus");
        Http.Answer service = new Http(port).get("/actuator/prometheus");

        // then
        assertThat(managementPort).isNotEqualTo(port);
        assertThat(management.status()).isEqualTo(200);
        assertThat(management.body()).contains("jvm_memory_used_bytes");
        assertThat(service.status()).isIn(401, 404);
        assertThat(new Http(port).get("/cds-services").status()).isEqualTo(401);
    }
}
