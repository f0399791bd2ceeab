package org.rplcds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.rplcds.support.ClientTokens;
import org.rplcds.support.Fhir;
import org.rplcds.support.HaProxy;
import org.rplcds.support.HookRequests;
import org.rplcds.support.ServiceProcess;

/**
 * Three replicas of the packaged jar on one PostgreSQL behind HAProxy, as a site runs them:
 * started at once on an empty database, called through HAProxy by eight clients while one replica
 * is killed ({@code kill -9}) and the other two are restarted one by one ({@code SIGTERM}), and
 * reached over TLS that HAProxy terminates, under a path prefix. Runs when {@code
 * CDS_TEST_POSTGRES_URL} names a PostgreSQL and HAProxy is installed, and always under CI ({@code
 * .ci/run} provides both), so that a missing one fails there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@EnabledIf(
        value = "available",
        disabledReason = "CDS_TEST_POSTGRES_URL is not set or haproxy is not installed: .ci/run provides both")
@DisplayName("Replicas behind HAProxy")
class ReplicasIT {

    static final String EHR = "https://ehr.example.org";
    static final String GOVERNANCE = "https://cds-committee.example.org";
    static final String NON_ADHERENCE = "http://terminology.hl7.org/CodeSystem/non-adherence-reason-codes";
    static final String FEEDBACK = HookRequests.SERVICE + "/feedback";
    static final String BACKEND = "replicas";
    static final String PREFIX = "/cds";
    static final int CLIENTS = 8;
    static final Duration START = Duration.ofSeconds(Long.getLong("replicas.start.seconds", 240));
    static final Duration SHUTDOWN_DELAY = Duration.ofSeconds(3);

    static boolean available() {
        boolean ci = "true".equals(System.getenv("CI"));
        boolean postgres = System.getenv("CDS_TEST_POSTGRES_URL") != null;
        boolean haproxy = HaProxy.binary().isPresent();
        if (!ci && !(postgres && haproxy)) {
            // Failsafe counts a disabled test as "Skipped" without saying why: the log does.
            System.out.println("[SKIPPED] ReplicasIT: "
                    + (postgres ? "" : "CDS_TEST_POSTGRES_URL is not set (and CDS_TEST_POSTGRES_USER, _PASSWORD); ")
                    + (haproxy ? "" : "haproxy is not installed (apt-get install haproxy); ")
                    + ".ci/run provides both");
        }
        return ci || (postgres && haproxy);
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    final String server = env("CDS_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/cds");
    final String user = env("CDS_TEST_POSTGRES_USER", "cds");
    final String password = env("CDS_TEST_POSTGRES_PASSWORD", "cds");
    final String database =
            "replicas_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    Path home;
    String url;
    ECKey ehrKey;
    ECKey governanceKey;
    int plainPort;
    int tlsPort;
    int statsPort;
    HaProxy proxy;
    HttpClient tls;
    final List<Replica> replicas = new ArrayList<>();

    /** One replica: its name in HAProxy's backend, its port, its running JVM. */
    final class Replica {
        final String name;
        final int port;
        Process process;
        int starts;

        Replica(String name, int port) {
            this.name = name;
            this.port = port;
        }

        void launch() throws IOException {
            starts++;
            Path log = home.resolve(name + "-" + starts + ".log");
            process = ServiceProcess.launchJar(
                    home.resolve(name),
                    port,
                    log,
                    List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                    Map.of(),
                    arguments());
        }

        Path log() {
            return home.resolve(name + "-" + starts + ".log");
        }

        boolean ready() {
            return status(get("http://127.0.0.1:" + port + "/actuator/health/readiness", null)) == 200;
        }

        void awaitReady() throws Exception {
            ServiceProcess.waitFor(() -> ready() || !process.isAlive(), START);
            assertThat(process.isAlive())
                    .as(name + " stopped while starting: see " + log())
                    .isTrue();
        }

        void awaitInProxy(String status) throws Exception {
            ServiceProcess.waitFor(() -> proxy.status(BACKEND, name).equals(status), Duration.ofSeconds(60));
        }

        String base() {
            return "http://127.0.0.1:" + port;
        }
    }

    String external() {
        return "https://127.0.0.1:" + tlsPort + PREFIX;
    }

    List<String> arguments() {
        return List.of(
                "--spring.profiles.active=postgres",
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + user,
                "--spring.datasource.password=" + password,
                "--spring.datasource.hikari.maximum-pool-size=5",
                "--cds.security.enabled=true",
                // The URL the clients call, through HAProxy's TLS and under its prefix.
                "--cds.security.audience=" + external(),
                "--cds.security.trusted-clients[0].issuer=" + EHR,
                "--cds.security.trusted-clients[0].jwks=" + new JWKSet(ehrKey.toPublicJWK()),
                "--cds.security.trusted-clients[1].issuer=" + GOVERNANCE,
                "--cds.security.trusted-clients[1].jwks=" + new JWKSet(governanceKey.toPublicJWK()),
                "--cds.security.trusted-clients[1].governance=true",
                "--cds.ui.snooze-days=30",
                // On SIGTERM, calls still taken with readiness refusing for longer than HAProxy takes
                // to mark the replica down (two failed checks 500 ms apart, each allowed 2 s at most
                // on these busy cores): none reaches the listener as it closes.
                "--cds.http.shutdown-delay=" + SHUTDOWN_DELAY.toSeconds() + "s",
                // HAProxy overwrites X-Forwarded-Proto, -Host and -Prefix; the replicas build links from them.
                "--server.forward-headers-strategy=framework");
    }

    @BeforeAll
    void start() throws Exception {
        home = Files.createTempDirectory("replicas");
        ehrKey = new ECKeyGenerator(Curve.P_384).keyID("ehr-1").generate();
        governanceKey = new ECKeyGenerator(Curve.P_384).keyID("committee-1").generate();
        plainPort = ServiceProcess.freePort();
        tlsPort = ServiceProcess.freePort();
        statsPort = ServiceProcess.freePort();
        url = createDatabase();
        for (int i = 1; i <= 3; i++) {
            replicas.add(new Replica("r" + i, ServiceProcess.freePort()));
        }
        // All three at once on the empty database: each runs Flyway as it starts.
        for (Replica replica : replicas) {
            replica.launch();
        }
        for (Replica replica : replicas) {
            replica.awaitReady();
        }
        Path certificate = certificate();
        proxy = HaProxy.start(home, configuration(certificate), statsPort);
        for (Replica replica : replicas) {
            replica.awaitInProxy("UP");
        }
        tls = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .sslContext(trusting(home.resolve("cert.pem")))
                .build();
    }

    @AfterAll
    void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        for (Replica replica : replicas) {
            if (replica.process != null && replica.process.isAlive()) {
                replica.process.destroy();
            }
        }
        for (Replica replica : replicas) {
            if (replica.process != null && !replica.process.waitFor(60, TimeUnit.SECONDS)) {
                ServiceProcess.kill(replica.process);
            }
        }
        try (Connection admin = DriverManager.getConnection(server, user, password);
                Statement sql = admin.createStatement()) {
            sql.execute("drop database if exists " + database + " with (force)");
        }
    }

    /** A database of its own, empty, on the server given: the URL that names it. */
    String createDatabase() throws Exception {
        try (Connection admin = DriverManager.getConnection(server, user, password);
                Statement sql = admin.createStatement()) {
            sql.execute("create database " + database);
        }
        Matcher parts = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]*)(.*)").matcher(server);
        assertThat(parts.matches()).as("a jdbc:postgresql URL: " + server).isTrue();
        return parts.group(1) + database + parts.group(3);
    }

    <T> T query(String sql, ResultSetReader<T> reader) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            return reader.read(rows);
        }
    }

    interface ResultSetReader<T> {
        T read(ResultSet rows) throws Exception;
    }

    /** A self-signed certificate for 127.0.0.1, made with the openssl command; HAProxy's PEM holds it and its key. */
    Path certificate() throws Exception {
        Process openssl = new ProcessBuilder(
                        "openssl",
                        "req",
                        "-x509",
                        "-newkey",
                        "ec",
                        "-pkeyopt",
                        "ec_paramgen_curve:prime256v1",
                        "-nodes",
                        "-keyout",
                        "key.pem",
                        "-out",
                        "cert.pem",
                        "-days",
                        "2",
                        "-subj",
                        "/CN=127.0.0.1",
                        "-addext",
                        "subjectAltName=IP:127.0.0.1,DNS:localhost")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .start();
        String said = new String(openssl.getInputStream().readAllBytes());
        assertThat(openssl.waitFor(60, TimeUnit.SECONDS) && openssl.exitValue() == 0)
                .as("openssl: " + said)
                .isTrue();
        Path pem = home.resolve("haproxy.pem");
        Files.writeString(pem, Files.readString(home.resolve("cert.pem")) + Files.readString(home.resolve("key.pem")));
        return pem;
    }

    static SSLContext trusting(Path certificate) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            trusted.setCertificateEntry(
                    "haproxy", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /**
     * Round robin over the three replicas, each checked on its readiness every 500 ms (down after
     * two failures, up after two successes). A connection a replica refuses is tried again, up to
     * three times, each time on another replica (redispatch); a call a replica took is never sent
     * twice (only connection failures are retried: a hook call is not idempotent, its audit event
     * is written before it is answered). A new connection to a replica for each call
     * (http-server-close), so that none is reused as the replica closes it. A replica sent SIGTERM
     * goes on taking calls for {@link #SHUTDOWN_DELAY} with its readiness answering 503, so HAProxy
     * marks it down on its checks before its listener closes: a connection opened as a listener
     * closes is reset with the call already sent, which HAProxy answers 502 and may not send again.
     * The TLS front end serves the service under {@code /cds}: it strips the prefix and says so in
     * X-Forwarded-Prefix, with the scheme and host the client used; both front ends overwrite
     * whatever forwarding headers a client sent. The plain front end, which the load goes through,
     * takes one call per client connection (httpclose): a call lost with a killed replica is then
     * answered 502 and names the replica (X-Replica), where on a kept-alive connection HAProxy
     * closes the connection without an answer for the client to send the call again (RFC 9112,
     * 9.3.1), and logs nothing of it. A call whose answer the replica had begun to send when it was
     * killed can only be cut off: HAProxy logs it with the call's id (X-Call, captured) and the
     * replica it went to, and that log names the replica.
     */
    String configuration(Path certificate) {
        String servers = replicas.stream()
                .map(r -> "    server " + r.name + " 127.0.0.1:" + r.port + "\n")
                .collect(Collectors.joining());
        return """
                global
                    maxconn 512
                    log stdout format raw local0 info

                defaults
                    mode http
                    log global
                    option httplog
                    option http-server-close
                    timeout connect 1s
                    timeout client 60s
                    timeout server 60s
                    timeout check 2s
                    retries 3
                    option redispatch 1

                frontend plain
                    bind 127.0.0.1:%d
                    option httpclose
                    http-request capture req.hdr(X-Call) len 36
                    http-request del-header Forwarded
                    http-request del-header X-Forwarded-Prefix
                    http-request set-header X-Forwarded-Proto http
                    http-request set-header X-Forwarded-Host %%[req.hdr(host)]
                    default_backend %s

                frontend tls
                    bind 127.0.0.1:%d ssl crt %s
                    http-request deny deny_status 404 unless { path_beg %s/ }
                    http-request del-header Forwarded
                    http-request set-header X-Forwarded-Proto https
                    http-request set-header X-Forwarded-Host %%[req.hdr(host)]
                    http-request set-header X-Forwarded-Prefix %s
                    http-request replace-path %s(/.*) \\1
                    default_backend %s

                backend %s
                    balance roundrobin
                    option httpchk GET /actuator/health/readiness
                    http-check expect status 200
                    default-server check inter 500ms fall 2 rise 2
                    http-after-response set-header X-Replica %%[srv_name]
                %s
                listen stats
                    bind 127.0.0.1:%d
                    stats enable
                    stats uri /stats
                """
                .formatted(
                        plainPort,
                        BACKEND,
                        tlsPort,
                        certificate,
                        PREFIX,
                        PREFIX,
                        PREFIX,
                        BACKEND,
                        BACKEND,
                        servers,
                        statsPort);
    }

    // ---- calls ----

    static final HttpClient PLAIN = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** A call made and what came of it: status -1 when no answer, or no whole answer, came. */
    record Call(String kind, String id, long started, long ended, int status, String replica, String body) {

        boolean ok() {
            return status == 200;
        }

        /** The call, with the replica HAProxy's log says it went to when no answer named one. */
        Call withReplicaFrom(List<String> proxyLog) {
            if (!replica.isEmpty()) {
                return this;
            }
            Pattern logged = Pattern.compile(" plain " + BACKEND + "/(\\S+) .*\\{" + Pattern.quote(id) + "\\}");
            return proxyLog.stream()
                    .map(logged::matcher)
                    .filter(Matcher::find)
                    .findFirst()
                    .map(m -> new Call(kind, id, started, ended, status, m.group(1), body))
                    .orElse(this);
        }

        boolean overlaps(long from, long until) {
            return started <= until && ended >= from;
        }
    }

    Call send(HttpClient client, String kind, String id, HttpRequest.Builder request) {
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(
                    request.header("X-Call", id).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Call(
                    kind,
                    id,
                    started,
                    System.nanoTime(),
                    response.statusCode(),
                    response.headers().firstValue("X-Replica").orElse(""),
                    response.body());
        } catch (IOException e) {
            return new Call(kind, id, started, System.nanoTime(), -1, "", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Call(kind, id, started, System.nanoTime(), -1, "", e.toString());
        }
    }

    static HttpResponse<String> get(String url, String token) {
        return get(PLAIN, url, token, Map.of());
    }

    static HttpResponse<String> get(HttpClient client, String url, String token, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static int status(HttpResponse<?> response) {
        return response == null ? -1 : response.statusCode();
    }

    static HttpRequest.Builder post(String url, String token, String json) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    String ehrToken() throws Exception {
        return ehrToken(external());
    }

    String ehrToken(String audience) throws Exception {
        return ClientTokens.es384(ehrKey, EHR, audience, Instant.now());
    }

    String governanceToken() throws Exception {
        return ClientTokens.es384(governanceKey, GOVERNANCE, external(), Instant.now());
    }

    static String patientView(String patient, String hookInstance) {
        return HookRequests.patientView(patient)
                .hookInstance(hookInstance)
                .prefetch(Fhir.womanWithLosses(patient, "2023-01-10", "2023-06-20", "2024-02-03"))
                .json();
    }

    static String feedback(String card, String outcome, String reason) {
        String record = "{\"card\":\"" + card + "\",\"outcome\":\"" + outcome + "\","
                + (reason == null
                        ? "\"acceptedSuggestions\":[{\"id\":\"s1\"}],"
                        : "\"overrideReason\":{\"reason\":{\"system\":\"" + NON_ADHERENCE + "\",\"code\":\"" + reason
                                + "\"}},")
                + "\"outcomeTimestamp\":\"" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\"}";
        return "{\"feedback\":[" + record + "]}";
    }

    static JsonNode json(String body) {
        try {
            return HookRequests.JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    static List<String> cardUuids(String body) {
        List<String> uuids = new ArrayList<>();
        json(body).path("cards").forEach(card -> uuids.add(card.path("uuid").asText()));
        return uuids;
    }

    // ---- tests ----

    @Test
    @Order(1)
    @DisplayName("Should migrate the empty database once when three replicas start on it at once")
    void migratesOnce() throws Exception {
        // given: the three replicas started at once in start()
        List<String> shipped;
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            shipped = files.map(f -> f.getFileName().toString())
                    .filter(f -> f.matches("V\\d+__.*\\.sql"))
                    .map(f -> f.substring(1, f.indexOf("__")))
                    .sorted()
                    .toList();
        }

        // when
        Map<String, Integer> applied = query(
                "select version, count(*) from flyway_schema_history where version is not null group by version",
                rows -> {
                    Map<String, Integer> counts = new TreeMap<>();
                    while (rows.next()) {
                        counts.put(rows.getString(1), rows.getInt(2));
                    }
                    return counts;
                });
        Integer failed = query("select count(*) from flyway_schema_history where not success", rows -> {
            rows.next();
            return rows.getInt(1);
        });
        long migrating = replicas.stream()
                .filter(r -> read(r.log()).contains("Successfully applied"))
                .count();

        // then
        assertThat(shipped).isNotEmpty();
        assertThat(applied).containsOnlyKeys(shipped).allSatisfy((version, times) -> assertThat(times)
                .as("version " + version)
                .isEqualTo(1));
        assertThat(failed).isZero();
        assertThat(migrating).as("replicas whose Flyway applied the migrations").isEqualTo(1);
        assertThat(replicas).allSatisfy(r -> assertThat(r.ready()).as(r.name).isTrue());
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    @Order(2)
    @DisplayName("Should refuse on every other replica, and through HAProxy, a client token one replica accepted")
    void refusesAReplayThroughAnotherReplica() throws Exception {
        int refused = 0;
        for (Replica first : replicas) {
            // given
            String token = ehrToken();
            String patient = "replay-" + first.name;
            String body = patientView(patient, UUID.randomUUID().toString());

            // when
            Call accepted = send(PLAIN, "hook", patient, post(first.base() + HookRequests.SERVICE, token, body));
            List<Call> replays = new ArrayList<>();
            for (Replica other : replicas) {
                if (other != first) {
                    replays.add(send(PLAIN, "hook", patient, post(other.base() + HookRequests.SERVICE, token, body)));
                }
            }
            replays.add(send(
                    PLAIN, "hook", patient, post("http://127.0.0.1:" + plainPort + HookRequests.SERVICE, token, body)));

            // then
            assertThat(accepted.status()).as("first use on " + first.name).isEqualTo(200);
            assertThat(replays).allSatisfy(replay -> assertThat(replay.status()).isEqualTo(401));
            refused += replays.size();
        }
        System.out.println("replicas: replays refused " + refused + " of " + refused);
    }

    @Test
    @Order(3)
    @DisplayName("Should snooze on every replica a card overridden as already done through one of them")
    void snoozesOnEveryReplica() throws Exception {
        // given: the card each replica shows this patient
        String patient = "snoozed-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, List<String>> before = new HashMap<>();
        for (Replica replica : replicas) {
            Call call = send(
                    PLAIN,
                    "hook",
                    patient,
                    post(
                            replica.base() + HookRequests.SERVICE,
                            ehrToken(),
                            patientView(patient, UUID.randomUUID().toString())));
            assertThat(call.status()).isEqualTo(200);
            before.put(replica.name, cardUuids(call.body()));
        }
        assertThat(before.values()).allSatisfy(cards -> assertThat(cards).isEqualTo(before.get("r1")));
        String card = before.get("r1").get(0);

        // when: overridden through the second replica
        Call override = send(
                PLAIN,
                "feedback",
                card,
                post(replicas.get(1).base() + FEEDBACK, ehrToken(), feedback(card, "overridden", "action-completed")));
        Map<String, List<String>> after = new HashMap<>();
        for (Replica replica : replicas) {
            Call call = send(
                    PLAIN,
                    "hook",
                    patient,
                    post(
                            replica.base() + HookRequests.SERVICE,
                            ehrToken(),
                            patientView(patient, UUID.randomUUID().toString())));
            assertThat(call.status()).isEqualTo(200);
            after.put(replica.name, cardUuids(call.body()));
        }

        // then
        assertThat(override.status()).isEqualTo(200);
        assertThat(json(override.body()).path("stored").asInt()).isEqualTo(1);
        assertThat(after).hasSize(3).allSatisfy((name, cards) -> assertThat(cards)
                .as(name)
                .doesNotContain(card)
                .containsExactlyElementsOf(
                        before.get("r1").subList(1, before.get("r1").size())));
    }

    @Test
    @Order(4)
    @DisplayName("Should take through HAProxy's TLS under /cds a token for that URL, and link the audit trail to it")
    void servesBehindTlsUnderAPrefix() throws Exception {
        // given: two calls of one patient through the TLS front end, one token naming the service's
        // base URL, one the endpoint called (CDS Hooks 2.0: aud is either)
        String patient = "tls-" + UUID.randomUUID().toString().substring(0, 8);
        String endpoint = external() + HookRequests.SERVICE;
        String body = patientView(patient, UUID.randomUUID().toString());
        Call base = send(tls, "hook", patient, post(endpoint, ehrToken(external()), body));
        Call named = send(
                tls,
                "hook",
                patient,
                post(
                        endpoint,
                        ehrToken(endpoint),
                        patientView(patient, UUID.randomUUID().toString())));
        Call internal = send(
                tls,
                "hook",
                patient,
                post(
                        endpoint,
                        ehrToken(replicas.get(0).base()),
                        patientView(patient, UUID.randomUUID().toString())));
        Call unprefixed = send(
                tls,
                "hook",
                patient,
                post(
                        endpoint,
                        ehrToken("https://127.0.0.1:" + tlsPort),
                        patientView(patient, UUID.randomUUID().toString())));

        // when: the trail read a page of one event at a time, by a client that sends forwarding
        // headers of its own, which HAProxy overwrites
        HttpResponse<String> first = get(
                tls,
                external() + "/governance/AuditEvent?patient=" + patient + "&_count=1",
                governanceToken(),
                Map.of("X-Forwarded-Host", "evil.example.org", "X-Forwarded-Prefix", "/elsewhere"));
        JsonNode page = json(first.body());
        String next = link(page, "next");
        HttpResponse<String> second = get(tls, next, governanceToken(), Map.of());

        // then
        assertThat(base.status()).isEqualTo(200);
        assertThat(named.status()).isEqualTo(200);
        assertThat(internal.status()).as("aud naming a replica").isEqualTo(401);
        assertThat(unprefixed.status()).as("aud without the prefix").isEqualTo(401);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(page.path("total").asInt()).isEqualTo(2);
        assertThat(link(page, "self")).startsWith(external() + "/governance/AuditEvent?");
        assertThat(next).startsWith(external() + "/governance/AuditEvent?").contains("_offset=1");
        assertThat(page.at("/entry/0/fullUrl").asText()).startsWith(external() + "/governance/AuditEvent/");
        assertThat(second.statusCode()).isEqualTo(200);
        String firstUrl = page.at("/entry/0/fullUrl").asText();
        String secondUrl = json(second.body()).at("/entry/0/fullUrl").asText();
        assertThat(secondUrl).startsWith(external() + "/governance/AuditEvent/").isNotEqualTo(firstUrl);
        HttpResponse<String> event = get(tls, secondUrl, governanceToken(), Map.of());
        assertThat(status(event)).isEqualTo(200);
        assertThat(get(tls, "https://127.0.0.1:" + tlsPort + HookRequests.SERVICE, null, Map.of())
                        .statusCode())
                .as("outside the prefix")
                .isEqualTo(404);
        System.out.println("replicas: TLS under " + PREFIX + ": aud base and endpoint accepted, aud of a replica"
                + " and without the prefix refused (401), audit links " + firstUrl.replaceAll("/[^/]+$", "/..."));
    }

    static String link(JsonNode bundle, String relation) {
        for (JsonNode link : bundle.path("link")) {
            if (relation.equals(link.path("relation").asText())) {
                return link.path("url").asText();
            }
        }
        return "";
    }

    @Test
    @Order(5)
    @DisplayName("Should lose no answered call when one replica is killed and two restart under load")
    void keepsEveryAnsweredCallThroughAKillAndRestarts() throws Exception {
        // given: eight clients calling through HAProxy, each call with a token of its own
        String proxied = "http://127.0.0.1:" + plainPort;
        Instant since = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
        ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
        AtomicBoolean loading = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> work = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            String patient = "load-" + c;
            String template = patientView(patient, "HOOK-INSTANCE");
            work.add(clients.submit(() -> {
                for (int i = 0; loading.get(); i++) {
                    if (i % 3 == 2) {
                        String card = UUID.randomUUID().toString();
                        calls.add(send(
                                PLAIN,
                                "feedback",
                                card,
                                post(proxied + FEEDBACK, ehrToken(), feedback(card, "accepted", null))));
                    } else {
                        String hookInstance = UUID.randomUUID().toString();
                        calls.add(send(
                                PLAIN,
                                "hook",
                                hookInstance,
                                post(
                                        proxied + HookRequests.SERVICE,
                                        ehrToken(),
                                        template.replace("HOOK-INSTANCE", hookInstance))));
                    }
                    // A pace, not a wait for anything: the clients leave the replicas CPU to restart with.
                    Thread.sleep(50);
                }
                return null;
            }));
        }
        ServiceProcess.waitFor(() -> answered(calls) >= 60, START);

        // when: the first replica killed without warning, and started again once HAProxy has it down
        Replica killed = replicas.get(0);
        long killFrom = System.nanoTime();
        killed.process.destroyForcibly();
        assertThat(killed.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        long killUntil = System.nanoTime();
        killed.awaitInProxy("DOWN");
        killed.launch();
        killed.awaitReady();
        killed.awaitInProxy("UP");
        int settled = answered(calls);
        ServiceProcess.waitFor(() -> answered(calls) >= settled + 30, START);

        // and the two others each stopped (SIGTERM), started again and back in HAProxy, one after the other
        List<long[]> windows = new ArrayList<>();
        List<Integer> exits = new ArrayList<>();
        for (Replica restarted : replicas.subList(1, 3)) {
            long from = System.nanoTime();
            restarted.process.destroy();
            assertThat(restarted.process.waitFor(90, TimeUnit.SECONDS)).isTrue();
            exits.add(restarted.process.exitValue());
            Path stoppedLog = restarted.log();
            restarted.launch();
            restarted.awaitReady();
            restarted.awaitInProxy("UP");
            windows.add(new long[] {from, System.nanoTime()});
            assertThat(read(stoppedLog))
                    .as(restarted.name + " shut down gracefully")
                    .contains("Graceful shutdown");
            assertThat(read(home.resolve("haproxy.log")))
                    .as(restarted.name + " taken out by HAProxy on its readiness, its listener still open")
                    .contains("Server " + BACKEND + "/" + restarted.name
                            + " is DOWN, reason: Layer7 wrong status, code: 503");
            int before = answered(calls);
            ServiceProcess.waitFor(() -> answered(calls) >= before + 30, START);
        }
        loading.set(false);
        for (Future<?> client : work) {
            client.get(120, TimeUnit.SECONDS);
        }
        clients.shutdown();

        // then: what the clients saw, each call named with the replica that had it
        List<String> proxyLog = Files.readAllLines(home.resolve("haproxy.log"));
        List<Call> all = calls.stream().map(c -> c.withReplicaFrom(proxyLog)).toList();
        List<Call> hooks = all.stream().filter(c -> c.kind().equals("hook")).toList();
        List<Call> posts = all.stream().filter(c -> c.kind().equals("feedback")).toList();
        List<Call> failed = all.stream().filter(c -> !c.ok()).toList();
        List<Call> atTheKill = failed.stream()
                .filter(c -> c.overlaps(killFrom, killUntil) && c.replica().equals(killed.name))
                .toList();
        List<Call> duringRestarts = all.stream()
                .filter(c -> windows.stream().anyMatch(w -> c.overlaps(w[0], w[1])))
                .toList();
        List<Call> failedDuringRestarts =
                duringRestarts.stream().filter(c -> !c.ok()).toList();
        Set<String> acknowledged = posts.stream()
                .filter(Call::ok)
                .filter(c -> json(c.body()).path("stored").asInt() == 1)
                .map(Call::id)
                .collect(Collectors.toSet());

        // what PostgreSQL holds
        Map<String, Integer> stored = query("select card_uuid, count(*) from feedback group by card_uuid", rows -> {
            Map<String, Integer> counts = new HashMap<>();
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getInt(2));
            }
            return counts;
        });
        // and the audit trail, read through HAProxy 500 events a page
        Map<String, Integer> events = auditedHookInstances(proxied, since);

        Set<String> answeredHooks =
                hooks.stream().filter(Call::ok).map(Call::id).collect(Collectors.toSet());
        long acknowledgedStored =
                acknowledged.stream().filter(card -> stored.get(card) != null).count();
        Set<String> sentHooks = hooks.stream().map(Call::id).collect(Collectors.toSet());
        events.keySet().retainAll(sentHooks);
        long eventsOfUnanswered =
                events.keySet().stream().filter(h -> !answeredHooks.contains(h)).count();
        System.out.printf(
                "replicas: %d calls through HAProxy (%d hook calls, %d feedback posts) by %d clients;"
                        + " feedback acknowledged %d = stored %d, stored twice %d;"
                        + " restarts 3 (1 after kill -9, 2 graceful, exit codes %s), %d calls during the graceful"
                        + " restarts, %d failed; failures at the kill %d (in flight on %s), other failures %d;"
                        + " audit events %d for %d answered hook calls, %d of calls in flight at the kill"
                        + " (logs in %s)%n",
                all.size(),
                hooks.size(),
                posts.size(),
                CLIENTS,
                acknowledged.size(),
                acknowledgedStored,
                stored.values().stream().filter(n -> n > 1).count(),
                exits,
                duringRestarts.size(),
                failedDuringRestarts.size(),
                atTheKill.size(),
                killed.name,
                failed.size() - atTheKill.size(),
                events.values().stream().mapToInt(Integer::intValue).sum(),
                answeredHooks.size(),
                eventsOfUnanswered,
                home);
        failed.stream()
                .limit(20)
                .forEach(c -> System.out.printf(
                        "replicas: failed %s %s status %d on '%s' at +%d ms..+%d ms from the kill: %s%n",
                        c.kind(),
                        c.id(),
                        c.status(),
                        c.replica(),
                        TimeUnit.NANOSECONDS.toMillis(c.started() - killFrom),
                        TimeUnit.NANOSECONDS.toMillis(c.ended() - killFrom),
                        c.body().length() > 200 ? c.body().substring(0, 200) : c.body()));

        assertThat(failedDuringRestarts)
                .as("calls failed during the graceful restarts")
                .isEmpty();
        assertThat(duringRestarts).as("calls during the graceful restarts").isNotEmpty();
        assertThat(failed)
                .as("calls failed but those in flight on the killed replica")
                .containsExactlyInAnyOrderElementsOf(atTheKill);
        assertThat(exits).as("exit codes after SIGTERM").containsOnly(143);
        assertThat(acknowledged).isNotEmpty();
        assertThat(acknowledged)
                .allSatisfy(card -> assertThat(stored.get(card)).as(card).isEqualTo(1));
        assertThat(stored).allSatisfy((card, rows) -> assertThat(rows).as(card).isEqualTo(1));
        assertThat(answeredHooks).isNotEmpty();
        assertThat(answeredHooks)
                .allSatisfy(h -> assertThat(events.get(h)).as(h).isEqualTo(1));
        assertThat(events).allSatisfy((h, n) -> assertThat(n).as(h).isEqualTo(1));
        Set<String> lostAtTheKill = atTheKill.stream().map(Call::id).collect(Collectors.toSet());
        assertThat(events.keySet()).as("events of calls not answered").allSatisfy(h -> assertThat(
                        answeredHooks.contains(h) || lostAtTheKill.contains(h))
                .as(h)
                .isTrue());
        HttpResponse<String> usage = get(proxied + "/governance/usage", governanceToken());
        assertThat(status(usage)).isEqualTo(200);
        assertThat(json(usage.body()).path("total").findValuesAsText("rule")).isNotEmpty();
    }

    static int answered(ConcurrentLinkedQueue<Call> calls) {
        return (int) calls.stream().filter(Call::ok).count();
    }

    /** How many events of the trail, since {@code since}, name each hookInstance. */
    Map<String, Integer> auditedHookInstances(String proxied, Instant since) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        String page = proxied + "/governance/AuditEvent?date=ge" + since + "&_count=500";
        int pages = 0;
        while (!page.isEmpty()) {
            HttpResponse<String> answer = get(page, governanceToken());
            assertThat(status(answer)).as(page).isEqualTo(200);
            JsonNode bundle = json(answer.body());
            for (JsonNode entry : bundle.path("entry")) {
                for (JsonNode entity : entry.at("/resource/entity")) {
                    if ("hookInstance".equals(entity.path("name").asText())) {
                        counts.merge(entity.at("/what/identifier/value").asText(), 1, Integer::sum);
                    }
                }
            }
            page = link(bundle, "next");
            assertThat(++pages).as("pages").isLessThan(1000);
        }
        return counts;
    }
}
