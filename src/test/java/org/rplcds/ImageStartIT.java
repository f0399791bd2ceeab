package org.rplcds;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1Probe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.rplcds.support.Dockerfile;
import org.rplcds.support.HookRequests;
import org.rplcds.support.Http;
import org.rplcds.support.KubernetesManifests;
import org.rplcds.support.Postgres;
import org.rplcds.support.ServiceProcess;

/**
 * The packaged jar started as the image starts it (the entry point's JVM options and the image's
 * environment, read from the Dockerfile), in a working folder that holds only the data folder the
 * image gives its user: with no settings at all, and as the Kubernetes Deployment configures it.
 */
@DisplayName("The jar started as the image starts it")
class ImageStartIT {

    static final Path MANIFESTS = Path.of("deploy/kubernetes");

    @TempDir
    Path home;

    Process service;

    @AfterEach
    void stop() throws InterruptedException {
        ServiceProcess.kill(service);
    }

    /** The image's working folder as the image leaves it to its user: a data folder and nothing it may write beside. */
    Path workingFolder(boolean withData) throws IOException {
        Path app = Files.createDirectories(home.resolve("app"));
        if (withData) {
            Files.createDirectories(app.resolve("data"));
        }
        return app;
    }

    /** The image's environment, with the port the test gives. */
    static Map<String, String> imageEnvironment(Dockerfile dockerfile, int port) {
        Map<String, String> environment = new LinkedHashMap<>(dockerfile.environment());
        environment.put("PORT", String.valueOf(port));
        return environment;
    }

    /** The paths of the Deployment's probes and of the image's health check. */
    static Set<String> probePaths(Dockerfile dockerfile) throws IOException {
        V1Container container = KubernetesManifests.read(MANIFESTS)
                .only(V1Deployment.class)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0);
        Set<String> paths = new LinkedHashSet<>();
        for (V1Probe probe :
                List.of(container.getStartupProbe(), container.getLivenessProbe(), container.getReadinessProbe())) {
            paths.add(probe.getHttpGet().getPath());
        }
        String check = dockerfile.healthCheck().orElseThrow();
        paths.add(check.replaceAll(".*GET (\\S+) HTTP.*", "$1"));
        return paths;
    }

    static List<String> contents(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    @DisplayName("Should become ready with no settings, answer every probe, and write only to its data folder")
    void startsOnItsOwn() throws Exception {
        // given: the image's flags and environment, no profile, no argument of its own
        Dockerfile dockerfile = Dockerfile.read(Path.of("Dockerfile"));
        Path app = workingFolder(true);
        int port = ServiceProcess.freePort();
        Path log = home.resolve("service.log");

        // when
        service = ServiceProcess.startJar(
                app, port, log, dockerfile.javaOptions(), imageEnvironment(dockerfile, port), List.of());

        // then: up in the demo profile, every probe path 200
        assertThat(service.isAlive()).as(Files.readString(log)).isTrue();
        Http http = new Http(port);
        assertThat(probePaths(dockerfile))
                .containsExactlyInAnyOrder("/actuator/health/liveness", "/actuator/health/readiness")
                .allSatisfy(path -> assertThat(http.get(path).status()).as(path).isEqualTo(200));
        assertThat(Files.readString(log))
                .contains("No active profile set, falling back to 1 default profile: \"demo\"");
        // feedback is stored in H2 under the data folder, and nothing is written beside it
        String card = UUID.randomUUID().toString();
        Http.Answer stored = http.post(
                HookRequests.SERVICE + "/feedback",
                "{\"feedback\":[{\"card\":\"" + card + "\",\"outcome\":\"accepted\",\"acceptedSuggestions\":"
                        + "[{\"id\":\"s1\"}],\"outcomeTimestamp\":\"2025-06-01T10:15:00Z\"}]}");
        assertThat(stored.status()).as(stored.body()).isEqualTo(200);
        assertThat(app.resolve("data/feedback.mv.db")).isRegularFile();
        assertThat(contents(app)).containsExactly("data");
    }

    static boolean postgresAvailable() {
        return Postgres.available("ImageStartIT.startsAsTheDeploymentConfiguresIt");
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    @Test
    @EnabledIf(
            value = "postgresAvailable",
            disabledReason = "CDS_TEST_POSTGRES_URL is not set: .ci/run starts a PostgreSQL and sets it")
    @DisplayName(
            "Should become ready with the Deployment's environment, the site's ConfigMap and PostgreSQL, on a read-only working folder")
    void startsAsTheDeploymentConfiguresIt() throws Exception {
        // given: the Deployment's environment as written; the Secret's values and the database's
        // address are the test's; the ConfigMap's files where the volume mounts them
        Dockerfile dockerfile = Dockerfile.read(Path.of("Dockerfile"));
        V1Container container = KubernetesManifests.read(MANIFESTS)
                .only(V1Deployment.class)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0);
        Map<String, String> secret = Map.of(
                "db-user", env("CDS_TEST_POSTGRES_USER", "cds"),
                "db-password", env("CDS_TEST_POSTGRES_PASSWORD", "cds"),
                "security-audience", "https://cds.example.org");
        Path config = Files.createDirectories(home.resolve("etc-cds-config"));
        Files.copy(MANIFESTS.resolve("site/application.yml"), config.resolve("application.yml"));
        int port = ServiceProcess.freePort();
        Map<String, String> environment = imageEnvironment(dockerfile, port);
        for (V1EnvVar variable : container.getEnv()) {
            String value = variable.getValue() != null
                    ? variable.getValue()
                    : secret.get(variable.getValueFrom().getSecretKeyRef().getKey());
            environment.put(variable.getName(), value);
        }
        assertThat(environment.get("SPRING_CONFIG_ADDITIONAL_LOCATION")).isEqualTo("/etc/cds/config/");
        environment.put("SPRING_CONFIG_ADDITIONAL_LOCATION", config + "/");
        environment.put("CDS_DB_URL", env("CDS_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/cds"));
        Path app = workingFolder(false);
        Path log = home.resolve("service.log");

        // when
        service = ServiceProcess.startJar(app, port, log, dockerfile.javaOptions(), environment, List.of());

        // then: up with the postgres profile, the probes answer without a token, a call needs one
        assertThat(service.isAlive()).as(Files.readString(log)).isTrue();
        Http http = new Http(port);
        assertThat(probePaths(dockerfile))
                .allSatisfy(path -> assertThat(http.get(path).status()).as(path).isEqualTo(200));
        assertThat(Files.readString(log)).contains("The following 1 profile is active: \"postgres\"");
        assertThat(http.post(
                                HookRequests.SERVICE,
                                HookRequests.patientView("p1").json())
                        .status())
                .isEqualTo(401);
        // nothing is written to the working folder: the root file system may be read-only
        assertThat(contents(app)).isEmpty();
    }
}
