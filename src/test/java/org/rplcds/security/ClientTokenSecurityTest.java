package org.rplcds.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rplcds.support.FixedClock;
import org.rplcds.support.Http;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The CDS client JWT check, with keys made here and key sets served over HTTP on loopback.
 * Tokens are signed for the test clock, 2025-06-01T10:00Z.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:cds-security;DB_CLOSE_DELAY=-1", "cds.security.enabled=true"})
@Import(FixedClock.class)
@DisplayName("CDS client JWTs")
class ClientTokenSecurityTest {

    static final String AUDIENCE = "https://cds.example.org";
    static final String EHR = "https://ehr.example.org";
    static final String SANDBOX = "https://sandbox.cds-hooks.org";
    static final ECKey EC_KEY = ecKey("ehr-ec");
    static final RSAKey RSA_KEY;
    static final ECKey SANDBOX_KEY = ecKey("sandbox-1");
    static final String PINNED = "https://pinned-ehr.example.org";
    static final String PINNED_FILE = "https://pinned-file-ehr.example.org";
    static final String COUNTED = "https://counted-ehr.example.org";
    static final ECKey PINNED_KEY = ecKey("pinned-1");
    /** Another key under the pinned key's kid. */
    static final ECKey ATTACKER_KEY = ecKey("pinned-1");

    static final Path PINNED_JWKS;
    static final HttpServer KEYS;
    static final Map<String, AtomicInteger> FETCHES = new ConcurrentHashMap<>();

    static {
        try {
            RSA_KEY = new RSAKeyGenerator(2048).keyID("ehr-rsa").generate();
            PINNED_JWKS = Files.createTempFile("pinned", ".jwks.json");
            PINNED_JWKS.toFile().deleteOnExit();
            Files.writeString(PINNED_JWKS, new JWKSet(PINNED_KEY.toPublicJWK()).toString(true));
            KEYS = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            serve("/ehr/jwks.json", new JWKSet(List.of(EC_KEY.toPublicJWK(), RSA_KEY.toPublicJWK())));
            serve("/sandbox/jwks.json", new JWKSet(SANDBOX_KEY.toPublicJWK()));
            serve("/elsewhere/jwks.json", new JWKSet(SANDBOX_KEY.toPublicJWK()));
            serve("/attacker/jwks.json", new JWKSet(ATTACKER_KEY.toPublicJWK()));
            serve("/counted/jwks.json", new JWKSet(EC_KEY.toPublicJWK()));
            KEYS.start();
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A new P-384 key under the kid given. */
    static ECKey ecKey(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_384).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static void serve(String path, JWKSet keys) {
        KEYS.createContext(path, exchange -> {
            FETCHES.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            byte[] body = keys.toString(true).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }

    static String keys(String path) {
        return "http://127.0.0.1:" + KEYS.getAddress().getPort() + path;
    }

    @AfterAll
    static void stopKeys() {
        KEYS.stop(0);
    }

    @DynamicPropertySource
    static void clients(DynamicPropertyRegistry registry) {
        registry.add("cds.security.audience", () -> AUDIENCE);
        registry.add("cds.security.trusted-clients[0].issuer", () -> EHR);
        registry.add("cds.security.trusted-clients[0].jwks-url", () -> keys("/ehr/jwks.json"));
        registry.add("cds.security.trusted-clients[1].issuer", () -> SANDBOX);
        registry.add("cds.security.trusted-clients[1].jku-allowlist[0]", () -> keys("/sandbox/jwks.json"));
        registry.add("cds.security.trusted-clients[2].issuer", () -> PINNED);
        registry.add("cds.security.trusted-clients[2].jwks", () -> new JWKSet(PINNED_KEY.toPublicJWK()).toString(true));
        registry.add("cds.security.trusted-clients[2].jku-allowlist[0]", () -> keys("/attacker/jwks.json"));
        registry.add("cds.security.trusted-clients[3].issuer", () -> PINNED_FILE);
        registry.add("cds.security.trusted-clients[3].jwks", PINNED_JWKS::toString);
        registry.add("cds.security.trusted-clients[4].issuer", () -> COUNTED);
        registry.add("cds.security.trusted-clients[4].jwks-url", () -> keys("/counted/jwks.json"));
        registry.add("cds.security.trusted-clients[5].issuer", () -> LISTED);
        registry.add("cds.security.trusted-clients[5].jwks-url", () -> keys("/ehr/jwks.json"));
        registry.add("cds.security.trusted-clients[5].fhir-servers[0]", () -> "https://fhir.listed.example.org/r4");
    }

    static final String LISTED = "https://listed-ehr.example.org";

    @LocalServerPort
    int port;

    static final Instant NOW = FixedClock.NOW;

    static JWTClaimsSet.Builder claims(String issuer, String audience) {
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .issueTime(Date.from(NOW))
                .expirationTime(Date.from(NOW.plusSeconds(300)))
                .jwtID(UUID.randomUUID().toString());
    }

    static String sign(
            JWSAlgorithm algorithm,
            String kid,
            JWSSigner signer,
            JWTClaimsSet claims,
            Consumer<JWSHeader.Builder> header)
            throws Exception {
        JWSHeader.Builder builder = new JWSHeader.Builder(algorithm).keyID(kid).type(JOSEObjectType.JWT);
        header.accept(builder);
        SignedJWT jwt = new SignedJWT(builder.build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    /** Signed with ES384, the algorithm of every EC key here. */
    static String es384(String kid, ECKey key, JWTClaimsSet claims, Consumer<JWSHeader.Builder> header)
            throws Exception {
        return sign(JWSAlgorithm.ES384, kid, new ECDSASigner(key), claims, header);
    }

    static String ehrToken(JWTClaimsSet claims) throws Exception {
        return es384("ehr-ec", EC_KEY, claims, h -> {});
    }

    Http.Answer discovery(String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/cds-services"))
                .GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return new Http(port).send(request);
    }

    @Nested
    @DisplayName("accepted")
    class Accepted {

        @Test
        @DisplayName("Should accept an ES384 token from a trusted issuer on discovery")
        void acceptsEs384() throws Exception {
            assertThat(discovery(ehrToken(claims(EHR, AUDIENCE).build())).status())
                    .isEqualTo(200);
        }

        @Test
        @DisplayName("Should accept an RS384 token whose aud is the endpoint URL called")
        void acceptsRs384ForTheEndpoint() throws Exception {
            String token = sign(
                    JWSAlgorithm.RS384,
                    "ehr-rsa",
                    new RSASSASigner(RSA_KEY),
                    claims(EHR, AUDIENCE + "/cds-services/recurrent-miscarriage")
                            .build(),
                    h -> {});
            String body =
                    "{\"hook\":\"patient-view\",\"context\":{\"patientId\":\"p1\"},\"prefetch\":{\"patient\":null,"
                            + "\"conditions\":null,\"observations\":null,\"medicationRequests\":null,\"serviceRequests\":null,\"procedures\":null,\"diagnosticReports\":null}}";

            Http.Answer answer = new Http(port)
                    .send(HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + port + "/cds-services/recurrent-miscarriage"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)));

            assertThat(answer.status()).isEqualTo(200);
        }

        @Test
        @DisplayName("Should accept a token addressed to the order-sign service on an order-sign call")
        void acceptsATokenForTheOrderService() throws Exception {
            String endpoint = "/cds-services/recurrent-miscarriage-order-sign";
            String token =
                    es384("ehr-ec", EC_KEY, claims(EHR, AUDIENCE + endpoint).build(), h -> {});
            String body = "{\"hook\":\"order-sign\",\"context\":{\"patientId\":\"p1\",\"userId\":\"Practitioner/1\","
                    + "\"draftOrders\":{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":"
                    + "\"ServiceRequest\",\"id\":\"fbc\",\"status\":\"draft\",\"intent\":\"proposal\","
                    + "\"code\":{\"text\":\"Full blood count\"},\"subject\":{\"reference\":\"Patient/p1\"}}}]}}}";

            Http.Answer answer = new Http(port)
                    .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + endpoint))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)));

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().get("cards")).isEmpty();
        }

        @Test
        @DisplayName("Should take the key from an allowlisted jku, as the CDS Hooks Sandbox sends it")
        void acceptsAllowlistedJku() throws Exception {
            String token = es384(
                    "sandbox-1",
                    SANDBOX_KEY,
                    claims(SANDBOX, AUDIENCE + "/cds-services").build(),
                    h -> h.jwkURL(URI.create(keys("/sandbox/jwks.json"))));

            assertThat(discovery(token).status()).isEqualTo(200);
        }

        @Test
        @DisplayName("Should accept a token living 5 minutes plus the skew from iat to exp")
        void acceptsTheLongestLife() throws Exception {
            assertThat(discovery(ehrToken(claims(EHR, AUDIENCE)
                                    .issueTime(Date.from(NOW.minusSeconds(60)))
                                    .expirationTime(Date.from(NOW.plusSeconds(300)))
                                    .build()))
                            .status())
                    .isEqualTo(200);
        }

        @Test
        @DisplayName("Should take the key of a pinned key set, inline or from a file, and never fetch the jku")
        void usesPinnedKeys() throws Exception {
            // given: tokens naming an allowlisted jku that serves another key under the same kid
            Consumer<JWSHeader.Builder> jku = h -> h.jwkURL(URI.create(keys("/attacker/jwks.json")));
            String inline =
                    es384("pinned-1", PINNED_KEY, claims(PINNED, AUDIENCE).build(), jku);
            String fromFile =
                    es384("pinned-1", PINNED_KEY, claims(PINNED_FILE, AUDIENCE).build(), jku);
            String forged =
                    es384("pinned-1", ATTACKER_KEY, claims(PINNED, AUDIENCE).build(), jku);

            // then
            assertThat(discovery(inline).status()).isEqualTo(200);
            assertThat(discovery(fromFile).status()).isEqualTo(200);
            assertThat(discovery(forged).status()).isEqualTo(401);
            assertThat(FETCHES.getOrDefault("/attacker/jwks.json", new AtomicInteger())
                            .get())
                    .isZero();
        }
    }

    @Nested
    @DisplayName("refused with a bare 401")
    class Refused {

        void refused(String token) {
            Http.Answer answer = discovery(token);
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.body()).isEmpty();
        }

        @Test
        @DisplayName("Should refuse a call without a token")
        void noToken() {
            refused(null);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"recurrent-miscarriage-order-select", "recurrent-miscarriage-order-sign"})
        @DisplayName("Should refuse a call to an order service without a token")
        void noTokenForAnOrderService(String service) {
            Http.Answer answer = new Http(port)
                    .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/cds-services/" + service))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"hook\":\"order-sign\"}")));

            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.body()).isEmpty();
        }

        @Test
        @DisplayName("Should refuse an unsigned token and an HMAC-signed one")
        void noneAndHmac() throws Exception {
            refused(new PlainJWT(claims(EHR, AUDIENCE).build()).serialize());
            refused(sign(
                    JWSAlgorithm.HS384,
                    "ehr-ec",
                    new MACSigner(new byte[48]),
                    claims(EHR, AUDIENCE).build(),
                    h -> {}));
        }

        @Test
        @DisplayName("Should refuse a token signed by a key not in the issuer's key set")
        void unknownKey() throws Exception {
            ECKey stranger = ecKey("ehr-ec");
            refused(es384("ehr-ec", stranger, claims(EHR, AUDIENCE).build(), h -> {}));
            refused(es384("other-kid", EC_KEY, claims(EHR, AUDIENCE).build(), h -> {}));
        }

        @Test
        @DisplayName("Should refuse an untrusted issuer and a wrong audience")
        void issuerAndAudience() throws Exception {
            refused(ehrToken(claims("https://evil.example.org", AUDIENCE).build()));
            refused(ehrToken(claims(EHR, "https://other-service.example.org").build()));
        }

        @Test
        @DisplayName("Should refuse an expired token, one valid too long, and one issued in the future")
        void times() throws Exception {
            refused(expired(EHR));
            refused(ehrToken(claims(EHR, AUDIENCE)
                    .expirationTime(Date.from(NOW.plusSeconds(3600)))
                    .build()));
            refused(ehrToken(claims(EHR, AUDIENCE)
                    .issueTime(Date.from(NOW.plusSeconds(600)))
                    .build()));
        }

        @Test
        @DisplayName("Should refuse a token whose exp is more than 5 minutes plus the skew after its iat")
        void tooLongALife() throws Exception {
            // iat 10 minutes old, exp in 4: within the 5 minutes ahead, but 14 minutes of life
            refused(lived(EHR, 600, 240));
            refused(lived(EHR, 61, 300));
        }

        @Test
        @DisplayName("Should refuse expired, long-lived and misaddressed tokens without fetching the key set")
        void refusesBeforeFetching() throws Exception {
            refused(expired(COUNTED));
            refused(lived(COUNTED, 600, 240));
            refused(ehrToken(
                    claims(COUNTED, "https://other-service.example.org").build()));
            assertThat(FETCHES.getOrDefault("/counted/jwks.json", new AtomicInteger())
                            .get())
                    .isZero();
        }

        /** A token of the issuer that expired two minutes ago. */
        private static String expired(String issuer) throws Exception {
            return ehrToken(claims(issuer, AUDIENCE)
                    .expirationTime(Date.from(NOW.minusSeconds(120)))
                    .build());
        }

        /** A token of the issuer issued {@code issuedAgo} seconds ago that expires in {@code expiresIn}. */
        private static String lived(String issuer, long issuedAgo, long expiresIn) throws Exception {
            return ehrToken(claims(issuer, AUDIENCE)
                    .issueTime(Date.from(NOW.minusSeconds(issuedAgo)))
                    .expirationTime(Date.from(NOW.plusSeconds(expiresIn)))
                    .build());
        }

        @Test
        @DisplayName("Should refuse a token without jti, and a jti the second time")
        void replay() throws Exception {
            refused(ehrToken(claims(EHR, AUDIENCE).jwtID(null).build()));
            String token = ehrToken(claims(EHR, AUDIENCE).build());
            assertThat(discovery(token).status()).isEqualTo(200);
            refused(token);
        }

        @Test
        @DisplayName("Should refuse a jku not allowlisted for the issuer, without fetching it")
        void jkuNotAllowlisted() throws Exception {
            refused(es384(
                    "sandbox-1",
                    SANDBOX_KEY,
                    claims(SANDBOX, AUDIENCE).build(),
                    h -> h.jwkURL(URI.create(keys("/elsewhere/jwks.json")))));
            assertThat(FETCHES.getOrDefault("/elsewhere/jwks.json", new AtomicInteger())
                            .get())
                    .isZero();
        }
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    @DisplayName("Should log a refused token's kid and alg with CR and LF escaped, so that no line is forged")
    void escapesLoggedValues(CapturedOutput output) throws Exception {
        // given: a kid and an alg that carry a line of their own
        String forgedLine = "INFO client token accepted issuer=https://ehr.example.org";
        String kid = es384("x\r\n" + forgedLine, EC_KEY, claims(EHR, AUDIENCE).build(), h -> {});
        String header = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        ("{\"alg\":\"ES384\\r\\n" + forgedLine + "\",\"kid\":\"k\"}").getBytes(StandardCharsets.UTF_8));
        String alg = header + "." + kid.split("\\.")[1] + ".AAAA";

        // when
        int kidStatus = discovery(kid).status();
        int algStatus = discovery(alg).status();

        // then
        assertThat(kidStatus).isEqualTo(401);
        assertThat(algStatus).isEqualTo(401);
        assertThat(output.getOut())
                .contains("client token refused: unknown kid; path=/cds-services; received alg=ES384 kid=x\\r\\n"
                        + forgedLine)
                .contains("client token refused: algorithm not accepted; path=/cds-services; received alg=ES384\\r\\n"
                        + forgedLine);
        assertThat(output.getOut().lines()).noneMatch(line -> line.startsWith(forgedLine));
    }

    @Nested
    @ExtendWith(OutputCaptureExtension.class)
    @DisplayName("a refusal in the log")
    class Logged {

        /** A claim that could carry patient data, which no log line may repeat. */
        static final String PATIENT = "Patient/mrn-7734-secret";

        JWTClaimsSet.Builder withPatient(JWTClaimsSet.Builder claims) {
            return claims.subject(PATIENT).claim("patient", PATIENT);
        }

        /** The call refused, and its log line; the token appears nowhere in the log. */
        String refusal(CapturedOutput output, String token) {
            assertThat(discovery(token).status()).isEqualTo(401);
            String log = output.getOut();
            assertThat(log).doesNotContain(token).doesNotContain(PATIENT);
            for (String part : token.split("\\.")) {
                assertThat(log).doesNotContain(part);
            }
            return log.lines()
                    .filter(line -> line.contains("client token refused"))
                    .reduce((first, second) -> second)
                    .orElseThrow();
        }

        @Test
        @DisplayName("Should log a wrong audience with the aud received and the two expected")
        void wrongAudience(CapturedOutput output) throws Exception {
            String line = refusal(
                    output,
                    ehrToken(withPatient(claims(EHR, "https://other-service.example.org"))
                            .build()));

            assertThat(line)
                    .contains("client token refused: aud does not name this service; path=/cds-services; received"
                            + " alg=ES384 kid=ehr-ec iss=https://ehr.example.org aud=[https://other-service.example.org]"
                            + " iat=2025-06-01T10:00:00Z exp=2025-06-01T10:05:00Z;"
                            + " expected aud https://cds.example.org or https://cds.example.org/cds-services");
        }

        @Test
        @DisplayName("Should log an unknown issuer with the issuers trusted")
        void unknownIssuer(CapturedOutput output) throws Exception {
            String line = refusal(
                    output,
                    ehrToken(withPatient(claims("https://evil.example.org", AUDIENCE))
                            .build()));

            assertThat(line)
                    .contains("client token refused: issuer not trusted; path=/cds-services; received alg=ES384"
                            + " kid=ehr-ec iss=https://evil.example.org aud=[https://cds.example.org]")
                    .contains("expected iss one of [" + EHR + ", " + SANDBOX + ", " + PINNED + ", " + PINNED_FILE + ", "
                            + COUNTED + ", " + LISTED + "]");
        }

        @Test
        @DisplayName("Should log an unknown kid with the kids the issuer's key set has, fetched or pinned")
        void unknownKid(CapturedOutput output) throws Exception {
            String fetched = refusal(
                    output,
                    es384(
                            "other-kid",
                            EC_KEY,
                            withPatient(claims(EHR, AUDIENCE)).build(),
                            h -> {}));
            String pinned = refusal(
                    output,
                    es384(
                            "other-kid",
                            PINNED_KEY,
                            withPatient(claims(PINNED, AUDIENCE)).build(),
                            h -> {}));

            assertThat(fetched)
                    .contains("client token refused: unknown kid; path=/cds-services; received alg=ES384 kid=other-kid"
                            + " iss=https://ehr.example.org")
                    .contains("expected kid one of [ehr-ec, ehr-rsa] (from " + keys("/ehr/jwks.json") + ")");
            assertThat(pinned)
                    .contains("kid=other-kid iss=" + PINNED)
                    .contains("expected kid one of [pinned-1] (pinned)");
        }

        @Test
        @DisplayName("Should log an algorithm not accepted with the two that are")
        void wrongAlgorithm(CapturedOutput output) throws Exception {
            String token = sign(
                    JWSAlgorithm.HS384,
                    "ehr-ec",
                    new MACSigner(new byte[48]),
                    withPatient(claims(EHR, AUDIENCE)).build(),
                    h -> {});

            assertThat(refusal(output, token))
                    .contains("client token refused: algorithm not accepted; path=/cds-services; received alg=HS384"
                            + " kid=ehr-ec iss=https://ehr.example.org")
                    .contains("expected alg ES384 or RS384");
        }

        @Test
        @DisplayName("Should log an expired token with its exp and the earliest exp accepted now")
        void expired(CapturedOutput output) throws Exception {
            String token = ehrToken(withPatient(claims(EHR, AUDIENCE))
                    .issueTime(Date.from(NOW.minusSeconds(300)))
                    .expirationTime(Date.from(NOW.minusSeconds(120)))
                    .build());

            assertThat(refusal(output, token))
                    .contains("client token refused: expired; path=/cds-services; received alg=ES384 kid=ehr-ec"
                            + " iss=https://ehr.example.org aud=[https://cds.example.org] iat=2025-06-01T09:55:00Z"
                            + " exp=2025-06-01T09:58:00Z; expected exp after 2025-06-01T09:59:00Z (now less the skew)");
        }

        @Test
        @DisplayName("Should log a call without a token with its path and what it lacks")
        void noToken(CapturedOutput output) {
            assertThat(discovery(null).status()).isEqualTo(401);

            assertThat(output.getOut())
                    .contains("client token refused: no bearer token; path=/cds-services; expected Authorization:"
                            + " Bearer <JWT>");
        }
    }

    @Test
    @DisplayName("Should fetch a key set once and serve later calls from the cache")
    void cachesKeySets() throws Exception {
        // given: the key set is in the cache after one accepted call
        assertThat(discovery(ehrToken(claims(EHR, AUDIENCE).build())).status()).isEqualTo(200);
        int fetched = FETCHES.get("/ehr/jwks.json").get();

        // when
        for (int i = 0; i < 5; i++) {
            assertThat(discovery(ehrToken(claims(EHR, AUDIENCE).build())).status())
                    .isEqualTo(200);
        }

        // then
        assertThat(FETCHES.get("/ehr/jwks.json").get()).isEqualTo(fetched);
    }

    @Test
    @DisplayName("Should answer the CDS Hooks Sandbox's CORS preflight without a token")
    void answersPreflight() {
        Http.Answer answer = new Http(port)
                .send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/cds-services/recurrent-miscarriage"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", SANDBOX)
                        .header("Access-Control-Request-Method", "POST")
                        .header("Access-Control-Request-Headers", "authorization,content-type"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Access-Control-Allow-Origin")).isIn("*", SANDBOX);
        assertThat(answer.header("Access-Control-Allow-Headers").toLowerCase())
                .contains("authorization", "content-type");
        assertThat(answer.header("Access-Control-Allow-Methods")).contains("POST");
    }

    @Nested
    @DisplayName("fhirServer, with client tokens checked")
    class FhirServerReads {

        final List<String> reached = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpServer fhir;

        @org.junit.jupiter.api.BeforeEach
        void start() throws Exception {
            fhir = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            fhir.createContext("/", exchange -> {
                reached.add(exchange.getRequestURI() + " "
                        + exchange.getRequestHeaders().getFirst("Authorization"));
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
            });
            fhir.start();
        }

        @org.junit.jupiter.api.AfterEach
        void stop() {
            fhir.stop(0);
        }

        Http.Answer call(String issuer, String fhirServer) throws Exception {
            String body = org.rplcds.support.HookRequests.patientView("p1")
                    .fhirServer(fhirServer, "ehr-access-token")
                    .json();
            String token = ehrToken(claims(issuer, AUDIENCE).build());
            return new Http(port)
                    .send(HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + port + "/cds-services/recurrent-miscarriage"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)));
        }

        void assertRefusedWithoutReading(Http.Answer answer) {
            assertThat(answer.status()).isEqualTo(412);
            answer.json().get("missing").forEach(reason -> assertThat(reason.asText())
                    .isEqualTo("could not be read from fhirServer"));
            assertThat(answer.json().get("missing")).hasSize(7);
            assertThat(reached).isEmpty();
        }

        @Test
        @DisplayName("Should not read, nor send the access token to, a plain-http fhirServer")
        void refusesPlainHttp() throws Exception {
            assertRefusedWithoutReading(
                    call(EHR, "http://127.0.0.1:" + fhir.getAddress().getPort() + "/fhir"));
        }

        @Test
        @DisplayName("Should not read an https fhirServer at a loopback address the client did not list")
        void refusesLoopback() throws Exception {
            assertRefusedWithoutReading(
                    call(EHR, "https://127.0.0.1:" + fhir.getAddress().getPort() + "/fhir"));
        }

        @Test
        @DisplayName("Should not read a fhirServer off the client's fhir-servers list")
        void refusesUnlisted() throws Exception {
            assertRefusedWithoutReading(call(LISTED, "https://fhir.listed.example.org/r4-other"));
        }

        @Test
        @DisplayName("Should answer an open port and a closed one alike, so that it scans no network")
        void answersOpenAndClosedPortsAlike() throws Exception {
            // given
            int closed;
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
                closed = socket.getLocalPort();
            }

            // when
            Http.Answer open =
                    call(EHR, "https://127.0.0.1:" + fhir.getAddress().getPort() + "/fhir");
            Http.Answer shut = call(EHR, "https://127.0.0.1:" + closed + "/fhir");

            // then
            assertThat(open.status()).isEqualTo(shut.status()).isEqualTo(412);
            assertThat(open.json().get("missing")).isEqualTo(shut.json().get("missing"));
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    @DisplayName("Should answer callers with a token at once while 250 callers without one trickle their bodies")
    void answersWhileTokenlessBodiesTrickle() throws Exception {
        // given: more slow callers than the server has request threads (200), each declaring a megabyte
        try (org.rplcds.support.SlowClients slow = org.rplcds.support.SlowClients.open(
                port, "/cds-services/recurrent-miscarriage", 250, 1_048_576, "", java.time.Duration.ofSeconds(1))) {
            Thread.sleep(1_000);

            // when: ten discovery calls with a token, one after the other
            for (int i = 0; i < 10; i++) {
                long started = System.nanoTime();
                int status = discovery(ehrToken(claims(EHR, AUDIENCE).build())).status();
                long millis =
                        java.time.Duration.ofNanos(System.nanoTime() - started).toMillis();

                // then: each answered at once
                assertThat(status).isEqualTo(200);
                assertThat(millis).isLessThan(2_000);
            }
            // and the slow callers were refused and hung up on
            org.rplcds.support.ServiceProcess.waitFor(
                    () -> slow.closedByServer() == 250, java.time.Duration.ofSeconds(20));
        }
    }

    @Test
    @DisplayName("Should refuse a call without a token at once and close the connection, never reading its unsent body")
    void closesWithoutDraining() throws Exception {
        // given a client that declares a megabyte and sends one byte of it
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream()
                    .write(("POST /cds-services/recurrent-miscarriage HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                    + "Content-Type: application/json\r\nContent-Length: 1048576\r\n\r\n{")
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            long started = System.nanoTime();

            // when: the answer, read until the service closes the connection
            String answer =
                    new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
            long millis =
                    java.time.Duration.ofNanos(System.nanoTime() - started).toMillis();

            // then: refused without waiting for the body, the request thread free again
            assertThat(answer).startsWith("HTTP/1.1 401");
            assertThat(millis).isLessThan(3_000);
        }
    }
}
