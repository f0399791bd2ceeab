package org.rplcds.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.UUID;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.rplcds.support.Fhir;
import org.rplcds.support.FhirTestServer;
import org.rplcds.support.FixedClock;
import org.rplcds.support.HookRequests;
import org.rplcds.support.Http;
import org.rplcds.support.PrivateCa;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Secure mode end to end against an https FHIR server whose certificate a hospital's own CA signed:
 * the service reads it with the site's trust store ({@code cds.fallback.trust-store}) beside the
 * JVM's, for a client whose {@code fhir-servers} list names it, and reads no server off the list.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:cds-private-ca;DB_CLOSE_DELAY=-1", "cds.security.enabled=true"
        })
@Import(FixedClock.class)
@DisplayName("FHIR servers behind a private CA")
class PrivateCaFhirServerTest {

    static final String AUDIENCE = "https://cds.example.org";
    static final String EHR = "https://ehr.example.org";
    static final String TOKEN = "fhir-token-5e1b";
    static final ECKey KEY;
    static final PrivateCa CA;
    static final FhirTestServer FHIR;

    static {
        try {
            KEY = new ECKeyGenerator(Curve.P_384).keyID("ehr-1").generate();
            Path folder = Files.createTempDirectory("private-ca");
            CA = PrivateCa.make(folder);
            FHIR = FhirTestServer.startTls(CA.serverKeyStore(), PrivateCa.PASSWORD)
                    .requireToken(TOKEN)
                    .add(losses());
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A woman of three losses, as the FHIR server holds her. */
    static org.hl7.fhir.r4.model.Resource[] losses() {
        return java.util.Arrays.stream(Fhir.womanWithLosses("p1", "2023-01-10", "2023-06-20", "2024-02-03"))
                .map(org.hl7.fhir.r4.model.Resource.class::cast)
                .toArray(org.hl7.fhir.r4.model.Resource[]::new);
    }

    @AfterAll
    static void stopFhir() throws Exception {
        FHIR.close();
    }

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("cds.security.audience", () -> AUDIENCE);
        registry.add("cds.security.trusted-clients[0].issuer", () -> EHR);
        registry.add("cds.security.trusted-clients[0].jwks", () -> new JWKSet(KEY.toPublicJWK()).toString());
        registry.add("cds.security.trusted-clients[0].fhir-servers[0]", FHIR::baseUrl);
        registry.add("cds.fallback.trust-store", () -> CA.trustStore().toString());
        registry.add("cds.fallback.trust-store-password", () -> PrivateCa.PASSWORD);
        registry.add("cds.fallback.total-timeout", () -> "10s");
    }

    @LocalServerPort
    int port;

    static String clientToken() throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES384)
                        .keyID(KEY.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                new JWTClaimsSet.Builder()
                        .issuer(EHR)
                        .audience(AUDIENCE)
                        .issueTime(Date.from(FixedClock.NOW))
                        .expirationTime(Date.from(FixedClock.NOW.plusSeconds(300)))
                        .jwtID(UUID.randomUUID().toString())
                        .build());
        jwt.sign(new ECDSASigner(KEY));
        return jwt.serialize();
    }

    Http.Answer call(String fhirServer) throws Exception {
        return new Http(port)
                .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + HookRequests.SERVICE))
                        .header("Authorization", "Bearer " + clientToken())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(HookRequests.patientView("p1")
                                .fhirServer(fhirServer, TOKEN)
                                .json())));
    }

    @Test
    @DisplayName("Should read the https FHIR server the hospital's CA signed and answer its cards")
    void readsTheServer() throws Exception {
        // given: a certificate no public authority signed
        assertThat(FHIR.baseUrl()).startsWith("https://");
        assertThatThrownBy(() -> HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(FHIR.baseUrl() + "/metadata"))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(SSLHandshakeException.class);

        // when
        Http.Answer answer = call(FHIR.baseUrl());

        // then
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().at("/cards/0/source/topic/code").asText()).isEqualTo("RPL-01");
        assertThat(answer.json().at("/cards/0/summary").asText()).contains("3 losses");
    }

    @Test
    @DisplayName("Should read no https server off the client's list, though the CA is trusted")
    void readsNothingOffTheList() throws Exception {
        // given: the same server under a path the list does not name
        int before = FHIR.requests().size();
        String elsewhere = FHIR.baseUrl().replace("/fhir", "/other-fhir");

        // when
        Http.Answer answer = call(elsewhere);

        // then
        assertThat(answer.status()).isEqualTo(412);
        assertThat(FHIR.requests()).hasSize(before);
    }
}
