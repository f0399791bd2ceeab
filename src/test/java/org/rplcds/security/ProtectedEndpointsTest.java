package org.rplcds.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rplcds.support.ClientTokens;
import org.rplcds.support.FixedClock;
import org.rplcds.support.Http;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Management endpoints and the API description outside the demo profile. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:cds-protected;DB_CLOSE_DELAY=-1")
@ActiveProfiles("production")
@AutoConfigureObservability
@Import(FixedClock.class)
@DisplayName("Management and API description outside the demo")
class ProtectedEndpointsTest {

    static final String AUDIENCE = "https://cds.example.org";
    static final String ISSUER = "https://ehr.example.org";
    static final ECKey KEY;

    static {
        try {
            KEY = new ECKeyGenerator(Curve.P_384).keyID("ehr-1").generate();
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void clients(DynamicPropertyRegistry registry) {
        registry.add("cds.security.audience", () -> AUDIENCE);
        registry.add("cds.security.trusted-clients[0].issuer", () -> ISSUER);
        registry.add("cds.security.trusted-clients[0].jwks", () -> new JWKSet(KEY.toPublicJWK()).toString(true));
    }

    @LocalServerPort
    int port;

    static String token() throws Exception {
        return ClientTokens.es384(KEY, ISSUER, AUDIENCE, FixedClock.NOW);
    }

    Http.Answer get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return new Http(port).send(request);
    }

    @Nested
    @DisplayName("without a token")
    class WithoutAToken {

        @ParameterizedTest(name = "{0}")
        @ValueSource(
                strings = {
                    "/actuator",
                    "/actuator/prometheus",
                    "/actuator/info",
                    "/v3/api-docs",
                    "/v3/api-docs/swagger-config",
                    "/swagger-ui.html",
                    "/swagger-ui/index.html",
                    "/actuator/health/../prometheus",
                    "/actuator/health/%2e%2e/prometheus",
                    "/actuator/health;x=1/../prometheus"
                })
        @DisplayName(
                "Should answer 401 on management endpoints and the API description (400 for a path Tomcat refuses)")
        void refuses(String path) {
            Http.Answer answer = get(path, null);

            assertThat(answer.status()).isIn(400, 401);
            assertThat(answer.body()).doesNotContain("jvm_").doesNotContain("openapi");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"/", "/index.html"})
        @DisplayName("Should answer the viewer's address with a page saying the viewer needs the demo profile")
        void answersTheViewersAddress(String path) {
            Http.Answer answer = get(path, null);

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.header("Content-Type")).startsWith("text/html");
            assertThat(answer.body())
                    .contains("The card viewer needs the demo profile", "./mvnw spring-boot:run")
                    .doesNotContain("<script");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"})
        @DisplayName("Should answer health probes, which carry no token")
        void answersProbes(String path) {
            Http.Answer answer = get(path, null);

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().get("status").asText()).isEqualTo("UP");
        }
    }

    @Nested
    @DisplayName("with a client token")
    class WithAToken {

        @Test
        @DisplayName("Should answer Prometheus metrics")
        void answersMetrics() throws Exception {
            Http.Answer answer = get("/actuator/prometheus", token());

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body()).contains("jvm_memory_used_bytes");
        }

        @Test
        @DisplayName("Should answer the OpenAPI description")
        void answersTheApiDescription() throws Exception {
            Http.Answer answer = get("/v3/api-docs", token());

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().at("/paths").has("/cds-services")).isTrue();
        }

        @Test
        @DisplayName("Should not serve the Swagger UI, which is for the demo only")
        void servesNoSwaggerUi() throws Exception {
            assertThat(get("/swagger-ui.html", token()).status()).isEqualTo(404);
            assertThat(get("/swagger-ui/index.html", token()).status()).isEqualTo(404);
        }
    }
}
