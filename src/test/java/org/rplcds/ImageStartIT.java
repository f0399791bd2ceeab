package org.rplcds;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1Probe;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.rplcds.support.Dockerfile;
import org.rplcds.support.Fhir;
import org.rplcds.support.HookRequests;
import org.rplcds.support.Http;
import org.rplcds.support.ImageJava;
import org.rplcds.support.KubernetesManifests;
import org.rplcds.support.Postgres;
import org.rplcds.support.ServiceProcess;

/**
 * The packaged jar started as the image starts it, on the image's JVM (JDK 25): extracted into its
 * layers and laid out as the image's working folder, the ahead-of-time cache made there by the
 * Dockerfile's training command, then started with the entry point's JVM options and the image's
 * environment (all read from the Dockerfile): with no settings at all, as the Kubernetes Deployment
 * configures it, and with a cache that no longer fits.
 */
@EnabledIf(
        value = "imageJavaAvailable",
        disabledReason = "no JDK 25: set CDS_TEST_JAVA25 to its java binary, or install one under /usr/lib/jvm")
@DisplayName("The jar started as the image starts it")
class ImageStartIT {

    static final Path MANIFESTS = Path.of("deploy/kubernetes");

    static final Path PACKAGED = Path.of("target/recurrent-miscarriage-cds.jar");

    /** The cache the training writes, as the entry point names it ({@code -XX:AOTCache=app.aot}). */
    static final String CACHE = "app.aot";

    /** A class log line: {@code [0.48s][info][class,load] org.rplcds.Application source: shared objects file}. */
    static final Pattern LOADED = Pattern.compile("\\] (\\S+) source: (.*)$");

    /** Where a class the JVM mapped from the ahead-of-time cache comes from, in the class log. */
    static final String FROM_CACHE = "shared objects file";

    /** The line the JVM writes when it refuses a cache, whatever the cause, before it starts without it. */
    static final String REFUSED = "An error has occurred while processing the AOT cache";

    /** A patient-view call that three recorded losses answer with cards. */
    static final String CALL = HookRequests.patientView("image-start")
            .prefetch(Fhir.womanWithLosses("image-start", "2023-01-10", "2023-06-20", "2024-02-03"))
            .json();

    /** The image's working folder once built: the jar's layers merged, and the trained cache. */
    @TempDir
    static Path image;

    static Path imageApp;

    static Path java;

    static Dockerfile dockerfile;

    static List<String> imageFiles;

    /** The start with the cache as trained, made once by the first test that needs it. */
    static Start trained;

    @TempDir
    Path home;

    Process service;

    static boolean imageJavaAvailable() {
        return ImageJava.available("ImageStartIT");
    }

    @BeforeAll
    static void buildImage() throws Exception {
        dockerfile = Dockerfile.read(Path.of("Dockerfile"));
        java = ImageJava.java();
        System.out.println(
                "ImageStartIT: the image's JVM is " + java + " (" + dockerfile.baseImage() + " in the image)");
        imageApp = extractLayers(image);
        long started = System.nanoTime();
        train(imageApp);
        System.out.printf(
                "ImageStartIT: the training took %.1f s and made a cache of %d MB%n",
                (System.nanoTime() - started) / 1e9, Files.size(imageApp.resolve(CACHE)) >> 20);
        imageFiles = contents(imageApp);
    }

    /**
     * The jar extracted as the Dockerfile's build stage extracts it ({@code -Djarmode=tools ...
     * extract --layers}, on Java 17 like that stage), and the layer folders merged into one working
     * folder, as the final stage's {@code COPY --from=build} lines merge them.
     */
    static Path extractLayers(Path into) throws Exception {
        Path extracted = into.resolve("extracted");
        run(
                List.of(
                        Paths.get(System.getProperty("java.home"), "bin", "java")
                                .toString(),
                        "-Djarmode=tools",
                        "-jar",
                        PACKAGED.toAbsolutePath().toString(),
                        "extract",
                        "--layers",
                        "--destination",
                        extracted.toString()),
                into,
                Map.of(),
                into.resolve("extract.log"),
                Duration.ofMinutes(2));
        Path app = Files.createDirectories(into.resolve("app"));
        try (Stream<Path> layers = Files.list(extracted)) {
            for (Path layer : layers.sorted().toList()) {
                try (Stream<Path> files = Files.walk(layer)) {
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        Path target = app.resolve(layer.relativize(file).toString());
                        Files.createDirectories(target.getParent());
                        Files.move(file, target);
                    }
                }
            }
        }
        assertThat(app.resolve(dockerfile.jar())).isRegularFile();
        return app;
    }

    /** The Dockerfile's training {@code RUN}, whole, by a shell in the working folder, its {@code java} the image's. */
    static void train(Path app) throws Exception {
        Map<String, String> environment =
                Map.of("PATH", java.getParent() + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        run(
                List.of("sh", "-c", dockerfile.trainingCommand()),
                app,
                environment,
                app.getParent().resolve("training.log"),
                Duration.ofMinutes(5));
        assertThat(app.resolve(CACHE)).isRegularFile();
    }

    static void run(List<String> command, Path directory, Map<String, String> environment, Path log, Duration within)
            throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            ServiceProcess.kill(process);
            throw new AssertionError(command + " did not end within " + within + ":\n" + Files.readString(log));
        }
        assertThat(process.exitValue())
                .as(command + ":\n" + Files.readString(log))
                .isZero();
    }

    @AfterEach
    void stop() throws InterruptedException {
        ServiceProcess.kill(service);
    }

    /**
     * A copy of the image's working folder, file times kept (the JVM checks them against the
     * cache's), as the image leaves it to its user: with its data folder, or without one.
     */
    Path workingFolder(String name, boolean withData) throws IOException {
        Path app = home.resolve(name);
        try (Stream<Path> files = Files.walk(imageApp)) {
            for (Path file : files.toList()) {
                Files.copy(file, app.resolve(imageApp.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        if (withData) {
            Files.createDirectories(app.resolve("data"));
        }
        return app;
    }

    /** The jar started as the image's entry point starts it, with the JVM options given. */
    Process start(Path app, int port, Path log, List<String> options, Map<String, String> environment)
            throws Exception {
        return ServiceProcess.startJar(
                java, Path.of(dockerfile.jar()), app, port, log, options, environment, List.of());
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

    static List<String> with(List<String> names, String name) {
        List<String> all = new ArrayList<>(names);
        all.add(name);
        return all.stream().sorted().toList();
    }

    @Test
    @DisplayName("Should become ready with no settings, answer every probe, and write only to its data folder")
    void startsOnItsOwn() throws Exception {
        // given: the image's flags and environment, no profile, no argument of its own
        Path app = workingFolder("app", true);
        int port = ServiceProcess.freePort();
        Path log = home.resolve("service.log");

        // when
        service = start(app, port, log, dockerfile.javaOptions(), imageEnvironment(dockerfile, port));

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
        assertThat(contents(app)).containsExactlyElementsOf(with(imageFiles, "data"));
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
        Path app = workingFolder("app", false);
        Path log = home.resolve("service.log");

        // when
        service = start(app, port, log, dockerfile.javaOptions(), environment);

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
        assertThat(contents(app)).containsExactlyElementsOf(imageFiles);
    }

    /** One class as the class log shows it loaded: its name and where it came from. */
    record Loaded(String name, String source) {

        boolean fromCache() {
            return source.equals(FROM_CACHE);
        }

        /** From the cache or read from a jar or the JDK's modules; not made at run time (lambdas, proxies). */
        boolean fromAFile() {
            return fromCache() || source.startsWith("file:") || source.startsWith("jar:") || source.startsWith("jrt:");
        }
    }

    /** What one start showed: whether it answered, its answer to {@link #CALL}, its console, its classes. */
    record Start(boolean answered, Http.Answer answer, String log, List<Loaded> classes) {

        String source(String name) {
            return classes.stream()
                    .filter(loaded -> loaded.name().equals(name))
                    .map(Loaded::source)
                    .findFirst()
                    .orElse("not loaded");
        }

        /** The share of the classes that satisfy {@code among} that came from the cache. */
        double fromCache(Predicate<Loaded> among) {
            List<Loaded> counted = classes.stream().filter(among).toList();
            return counted.stream().filter(Loaded::fromCache).count() / (double) counted.size();
        }

        JsonNode cards() {
            return answer.json().path("cards");
        }
    }

    /**
     * A copy of the image's working folder started with the JVM options given and a class log; the
     * call made once it is up, then a clean stop, so that the class log is whole.
     */
    Start startWithClassLog(String what, Path app, List<String> options) throws Exception {
        int port = ServiceProcess.freePort();
        Path log = app.getParent().resolve(app.getFileName() + ".log");
        Path classLog = app.getParent().resolve(app.getFileName() + "-classes.log");
        List<String> jvm = new ArrayList<>(options);
        jvm.add("-Xlog:class+load=info:file=" + classLog);
        long started = System.nanoTime();
        service = start(app, port, log, jvm, imageEnvironment(dockerfile, port));
        boolean answered = service.isAlive();
        System.out.printf("ImageStartIT: %s: ready in %.1f s%n", what, (System.nanoTime() - started) / 1e9);
        Http.Answer answer = answered ? new Http(port).post(HookRequests.SERVICE, CALL) : null;
        service.destroy();
        service.waitFor(30, TimeUnit.SECONDS);
        List<Loaded> classes = new ArrayList<>();
        for (String line : Files.exists(classLog) ? Files.readAllLines(classLog) : List.<String>of()) {
            Matcher loaded = LOADED.matcher(line);
            if (loaded.find()) {
                classes.add(new Loaded(loaded.group(1), loaded.group(2)));
            }
        }
        return new Start(answered, answer, Files.readString(log), classes);
    }

    /** The start with the cache as the training left it, made once for the tests that compare with it. */
    Start trainedStart() throws Exception {
        if (trained == null) {
            trained =
                    startWithClassLog("the cache as trained", workingFolder("trained", true), dockerfile.javaOptions());
        }
        return trained;
    }

    @Nested
    @DisplayName("The ahead-of-time cache")
    class AheadOfTimeCache {

        @Test
        @DisplayName("Should give the service's classes and most others to a start as the image starts")
        void isUsed() throws Exception {
            // given: the image's folder as built, started by its entry point's options

            // when
            Start start = trainedStart();

            // then: it answers, and the JVM took no exception to the cache
            assertThat(start.answered()).as(start.log()).isTrue();
            assertThat(start.answer().status()).as(start.answer().body()).isEqualTo(200);
            assertThat(start.cards()).isNotEmpty();
            assertThat(start.log()).doesNotContain(REFUSED);
            System.out.printf(
                    "ImageStartIT: %d of %d classes from the cache, %.0f%% of the service's%n",
                    start.classes().stream().filter(Loaded::fromCache).count(),
                    start.classes().size(),
                    100 * start.fromCache(loaded -> loaded.name().startsWith("org.rplcds.") && loaded.fromAFile()));
            // the service's classes come from the cache: measured 83% of those read from a file or the
            // cache; the rest are read from the jar by the call (prefetch, facts, rules, cards), which the
            // training, ended at refresh, never makes. Without the cache: none.
            assertThat(start.source(Application.class.getName())).isEqualTo(FROM_CACHE);
            assertThat(start.fromCache(loaded -> loaded.name().startsWith("org.rplcds.") && loaded.fromAFile()))
                    .isGreaterThan(0.6);
            // and most of all classes: measured 87% (13,405 of 15,334, lambdas and proxies counted, the
            // call's included); without the cache, the JDK's own archive gives about 10% (1,457 of 14,381)
            assertThat(start.fromCache(loaded -> true)).isGreaterThan(0.75);
        }

        @Test
        @DisplayName(
                "Should start without the cache when a library changed since the training, say so, and answer alike")
        void isRefusedForAChangedLibrary() throws Exception {
            // given: one library of lib/ with a new file time since the training, as a rebuilt layer leaves it
            Start asTrained = trainedStart();
            Path app = workingFolder("changed-library", true);
            Path library;
            try (Stream<Path> libraries = Files.list(app.resolve("lib"))) {
                library = libraries.sorted().findFirst().orElseThrow();
            }
            Files.setLastModifiedTime(
                    library,
                    FileTime.from(Files.getLastModifiedTime(library).toInstant().plusSeconds(60)));

            // when
            Start start = startWithClassLog("a library changed", app, dockerfile.javaOptions());

            // then
            assertStartedWithoutTheCache(start, asTrained);
            assertThat(start.log()).contains(library.getFileName() + "', timestamp has changed");
        }

        @Test
        @DisplayName("Should start without a truncated cache, say so, and answer alike")
        void isRefusedWhenTruncated() throws Exception {
            // given: the cache cut to half its length, as a copy that ran out of space leaves it
            Start asTrained = trainedStart();
            Path app = workingFolder("truncated", true);
            try (FileChannel cache = FileChannel.open(app.resolve(CACHE), StandardOpenOption.WRITE)) {
                cache.truncate(cache.size() / 2);
            }

            // when
            Start start = startWithClassLog("a truncated cache", app, dockerfile.javaOptions());

            // then
            assertStartedWithoutTheCache(start, asTrained);
            assertThat(start.log()).contains("The AOT cache has been truncated");
        }

        @Test
        @DisplayName(
                "Should start without the cache when started with other object headers than the training, and say so")
        void isRefusedForOtherObjectHeaders() throws Exception {
            // given: the entry point's options without compact object headers, which the training had
            Start asTrained = trainedStart();
            Path app = workingFolder("other-headers", true);
            List<String> options = new ArrayList<>(dockerfile.javaOptions());
            assertThat(options.remove("-XX:+UseCompactObjectHeaders")).isTrue();
            assertThat(dockerfile.trainingJavaOptions()).contains("-XX:+UseCompactObjectHeaders");

            // when
            Start start = startWithClassLog("other object headers", app, options);

            // then
            assertStartedWithoutTheCache(start, asTrained);
            assertThat(start.log())
                    .contains("UseCompactObjectHeaders setting (enabled) does not equal the current"
                            + " UseCompactObjectHeaders setting (disabled)");
        }

        void assertStartedWithoutTheCache(Start start, Start asTrained) throws IOException {
            assertThat(start.answered()).as(start.log()).isTrue();
            assertThat(start.answer().status()).as(start.answer().body()).isEqualTo(200);
            assertThat(start.cards()).isNotEmpty().isEqualTo(asTrained.cards());
            assertThat(start.log()).contains(REFUSED);
            assertThat(start.source(Application.class.getName()))
                    .isNotEqualTo(FROM_CACHE)
                    .startsWith("file:")
                    .endsWith("/" + dockerfile.jar());
        }
    }
}
