package org.rplcds.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.rplcds.support.ClientTokens;
import org.rplcds.support.ServiceProcess;

/**
 * A start that succeeds says so in its ready line and then nothing alarming: no warning or error
 * after the ready line, in the demo, in production with client tokens checked and, where a
 * PostgreSQL is given ({@code CDS_TEST_POSTGRES_URL}), on it; the packaged jar, answering calls.
 */
@DisplayName("A start that succeeds, from the packaged jar")
class QuietStartIT {

    static final String ISSUER = "https://ehr.example.org";
    static final String REQUEST = "hooks/examples/rpl-04-in-eshre-tsh-4.1.request.json";

    @TempDir
    Path home;

    Process service;
    int port;
    Path log;

    @AfterEach
    void stop() throws InterruptedException {
        ServiceProcess.kill(service);
    }

    void start(Map<String, String> environment, String... arguments) throws Exception {
        port = ServiceProcess.freePort();
        log = home.resolve("service.log");
        service = ServiceProcess.startJar(home, port, log, List.of(), environment, List.of(arguments));
        assertThat(ServiceProcess.up(port))
                .as("the service is up; its log:%n%s", Files.readString(log))
                .isTrue();
    }

    HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return ServiceProcess.CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Lines of the log from the ready line on: none a warning or an error. */
    void assertQuietAfterReady() throws Exception {
        // the log is read once the calls are answered; a line logged after an answer has had time
        Thread.sleep(500);
        List<String> lines = Files.readAllLines(log);
        int ready = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("StartupReport") && lines.get(i).contains("ready: ")) {
                ready = i;
            }
        }
        assertThat(ready)
                .as("the ready line; the log:%n%s", String.join("\n", lines))
                .isNotNegative();
        assertThat(lines.subList(ready, lines.size()))
                .as("the log from the ready line on")
                .noneMatch(line -> line.contains(" WARN ") || line.contains(" ERROR "));
        assertThat(lines).as("the log").noneMatch(line -> line.contains("Bean Validation"));
    }

    @Test
    @DisplayName("Should log no warning after the ready line in the demo")
    void demo() throws Exception {
        // given
        start(Map.of());

        // when
        HttpResponse<String> cards =
                call("POST", "/cds-services/recurrent-miscarriage", null, Files.readString(Path.of(REQUEST)));
        HttpResponse<String> description = call("GET", "/v3/api-docs", null, null);
        HttpResponse<String> page = call("GET", "/swagger-ui/index.html", null, null);

        // then
        assertThat(cards.statusCode()).isEqualTo(200);
        assertThat(description.statusCode()).isEqualTo(200);
        assertThat(page.statusCode()).isEqualTo(200);
        assertQuietAfterReady();
    }

    /** A production start: client tokens checked against a key set pinned here. */
    Map<String, String> production(ECKey key) {
        Map<String, String> environment = new HashMap<>();
        environment.put("SPRING_PROFILES_ACTIVE", "prod");
        environment.put("CDS_SECURITY_AUDIENCE", "https://cds.example.org");
        environment.put("CDS_SECURITY_TRUSTEDCLIENTS_0_ISSUER", ISSUER);
        environment.put("CDS_SECURITY_TRUSTEDCLIENTS_0_JWKS", new JWKSet(key.toPublicJWK()).toString());
        return environment;
    }

    void callAsTheEhr(ECKey key) throws Exception {
        HttpResponse<String> cards = call(
                "POST",
                "/cds-services/recurrent-miscarriage",
                ClientTokens.es384(key, ISSUER, "https://cds.example.org", Instant.now()),
                Files.readString(Path.of(REQUEST)));
        HttpResponse<String> description = call(
                "GET", "/v3/api-docs", ClientTokens.es384(key, ISSUER, "https://cds.example.org", Instant.now()), null);
        HttpResponse<String> refused = call("GET", "/cds-services", null, null);

        assertThat(cards.statusCode()).isEqualTo(200);
        assertThat(description.statusCode()).isEqualTo(200);
        assertThat(refused.statusCode()).isEqualTo(401);
    }

    @Test
    @DisplayName("Should log no warning after the ready line in production, with client tokens checked")
    void production() throws Exception {
        // given
        ECKey key = new ECKeyGenerator(Curve.P_384).keyID("ehr-1").generate();
        start(production(key));

        // when
        callAsTheEhr(key);

        // then
        assertQuietAfterReady();
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "CDS_TEST_POSTGRES_URL", matches = ".+")
    @DisplayName("Should log no warning after the ready line in production on PostgreSQL")
    void postgres() throws Exception {
        // given
        ECKey key = new ECKeyGenerator(Curve.P_384).keyID("ehr-1").generate();
        Map<String, String> environment = production(key);
        environment.put("SPRING_PROFILES_ACTIVE", "postgres");
        environment.put("CDS_DB_URL", System.getenv("CDS_TEST_POSTGRES_URL"));
        environment.put("CDS_DB_USER", System.getenv().getOrDefault("CDS_TEST_POSTGRES_USER", "cds"));
        environment.put("CDS_DB_PASSWORD", System.getenv().getOrDefault("CDS_TEST_POSTGRES_PASSWORD", "cds"));
        start(environment);

        // when
        callAsTheEhr(key);

        // then
        assertQuietAfterReady();
    }
}
