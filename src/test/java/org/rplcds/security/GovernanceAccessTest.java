package org.rplcds.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.net.http.HttpRequest;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.rplcds.support.Fhir;
import org.rplcds.support.FixedClock;
import org.rplcds.support.HookRequests;
import org.rplcds.support.Http;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The audit trail and the usage report outside the demo profile: for a client the site marks as a
 * governance client, not for an EHR's client, and not without a token.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:cds-governance;DB_CLOSE_DELAY=-1", "cds.security.enabled=true"
        })
@Import(FixedClock.class)
@DisplayName("Governance reads")
class GovernanceAccessTest {

    static final String AUDIENCE = "https://cds.example.org";
    static final String EHR = "https://ehr.example.org";
    static final String GOVERNANCE = "https://cds-committee.example.org";
    static final ECKey EHR_KEY = key("ehr-1");
    static final ECKey GOVERNANCE_KEY = key("committee-1");

    static ECKey key(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_384).keyID(kid).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void clients(DynamicPropertyRegistry registry) {
        registry.add("cds.security.audience", () -> AUDIENCE);
        registry.add("cds.security.trusted-clients[0].issuer", () -> EHR);
        registry.add("cds.security.trusted-clients[0].jwks", () -> new JWKSet(EHR_KEY.toPublicJWK()).toString());
        registry.add("cds.security.trusted-clients[1].issuer", () -> GOVERNANCE);
        registry.add("cds.security.trusted-clients[1].jwks", () -> new JWKSet(GOVERNANCE_KEY.toPublicJWK()).toString());
        registry.add("cds.security.trusted-clients[1].governance", () -> "true");
    }

    @LocalServerPort
    int port;

    static String token(ECKey key, String issuer, String subject) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES384)
                        .keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                new JWTClaimsSet.Builder()
                        .issuer(issuer)
                        .subject(subject)
                        .audience(AUDIENCE)
                        .issueTime(Date.from(FixedClock.NOW))
                        .expirationTime(Date.from(FixedClock.NOW.plusSeconds(300)))
                        .jwtID(UUID.randomUUID().toString())
                        .build());
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    Http.Answer get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return new Http(port).send(request);
    }

    @Test
    @DisplayName("Should refuse the trail and the report without a token (401) and to an EHR's client (403)")
    void refusesOthers() throws Exception {
        for (String path : new String[] {"/governance/usage", "/governance/AuditEvent?patient=p1"}) {
            assertThat(get(path, null).status()).as(path).isEqualTo(401);
            Http.Answer ehr = get(path, token(EHR_KEY, EHR, "ehr-client"));
            assertThat(ehr.status()).as(path).isEqualTo(403);
            assertThat(ehr.json().get("error").asText()).isEqualTo("forbidden");
        }
    }

    @Test
    @DisplayName("Should give a governance client the trail, naming the EHR's client by iss and sub, and the report")
    void servesTheGovernanceClient() throws Exception {
        // given: a hook call of the EHR's client
        String patient = "governed-" + UUID.randomUUID().toString().substring(0, 8);
        HttpRequest.Builder call = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + HookRequests.SERVICE))
                .header("Authorization", "Bearer " + token(EHR_KEY, EHR, "ehr-client-7"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(HookRequests.patientView(patient)
                        .prefetch(Fhir.womanWithLosses(patient, "2023-01-10", "2023-06-20", "2024-02-03"))
                        .json()));
        assertThat(new Http(port).send(call).status()).isEqualTo(200);

        // when
        Http.Answer trail =
                get("/governance/AuditEvent?patient=" + patient, token(GOVERNANCE_KEY, GOVERNANCE, "committee"));
        Http.Answer report = get("/governance/usage", token(GOVERNANCE_KEY, GOVERNANCE, "committee"));

        // then
        assertThat(trail.status()).isEqualTo(200);
        JsonNode event = trail.json().at("/entry/0/resource");
        JsonNode client = event.at("/agent/0");
        assertThat(client.get("name").asText()).isEqualTo(EHR);
        assertThat(client.at("/who/identifier/system").asText()).isEqualTo(EHR);
        assertThat(client.at("/who/identifier/value").asText()).isEqualTo("ehr-client-7");
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.json().get("total").findValuesAsText("rule")).contains("RPL-01");
    }
}
