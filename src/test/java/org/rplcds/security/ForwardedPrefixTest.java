package org.rplcds.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.rplcds.support.ClientTokens;
import org.rplcds.support.Http;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service behind a proxy that serves it under a path prefix ({@code
 * server.forward-headers-strategy=framework}, X-Forwarded-Prefix): the audience is the external
 * base URL with the prefix, and a token may name it or the endpoint called below it (CDS Hooks
 * 2.0), not the endpoint with the prefix twice.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:cds-forwarded;DB_CLOSE_DELAY=-1",
            "cds.security.enabled=true",
            "server.forward-headers-strategy=framework"
        })
@DisplayName("Client tokens behind a proxy's path prefix")
class ForwardedPrefixTest {

    static final String AUDIENCE = "https://cds.example.org/cds";
    static final String EHR = "https://ehr.example.org";
    static final ECKey KEY = key();

    static ECKey key() {
        try {
            return new ECKeyGenerator(Curve.P_384).keyID("ehr-1").generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void clients(DynamicPropertyRegistry registry) {
        registry.add("cds.security.audience", () -> AUDIENCE);
        registry.add("cds.security.trusted-clients[0].issuer", () -> EHR);
        registry.add("cds.security.trusted-clients[0].jwks", () -> new JWKSet(KEY.toPublicJWK()).toString());
    }

    @LocalServerPort
    int port;

    int discovery(String audience) throws Exception {
        return new Http(port)
                .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/cds-services"))
                        .header("Authorization", "Bearer " + ClientTokens.es384(KEY, EHR, audience, Instant.now()))
                        .header("X-Forwarded-Proto", "https")
                        .header("X-Forwarded-Host", "cds.example.org")
                        .header("X-Forwarded-Prefix", "/cds")
                        .GET())
                .status();
    }

    @Test
    @DisplayName("Should take a token naming the base URL or the endpoint below it, with the prefix once")
    void takesTheEndpointBelowThePrefix() throws Exception {
        assertThat(discovery(AUDIENCE)).isEqualTo(200);
        assertThat(discovery(AUDIENCE + "/cds-services")).isEqualTo(200);
        assertThat(discovery(AUDIENCE + "/cds/cds-services")).isEqualTo(401);
        assertThat(discovery("https://cds.example.org/cds-services")).isEqualTo(401);
    }
}
