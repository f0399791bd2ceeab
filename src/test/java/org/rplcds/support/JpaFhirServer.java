package org.rplcds.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * A real HAPI FHIR JPA server (R4, H2 in memory) in a child process, for integration tests.
 *
 * <p>The server is the standalone Maven project {@code src/it/fhir-jpa-server}. {@link #start()}
 * builds it when its build output is missing or older than its sources (with the Maven that runs
 * the build, or {@code mvn} on the PATH, and the same local repository), then launches it and waits
 * until {@code /fhir/metadata} answers. The server keeps HAPI's JPA defaults where they matter to
 * a client: 20 entries a page with {@code next} links, {@code _count} honoured up to 1000, and new
 * server-assigned ids for resources POSTed in a transaction. Starting takes 15–45 s on two shared
 * cores, so start one server per test class ({@code @BeforeAll} / {@code @AfterAll}).
 *
 * <pre>{@code
 * try (JpaFhirServer fhir = JpaFhirServer.start()) {
 *     String patient = fhir.load(json).patientId();
 *     // GET fhir.baseUrl() + "/Observation?patient=" + patient
 * }
 * }</pre>
 *
 * <p>The process never outlives the test JVM: {@link #close()} stops it, a shutdown hook stops it
 * when the run is aborted, and the server exits by itself when its standard input (a pipe from
 * this JVM) closes, which covers a test JVM that is killed outright. Its log is under
 * {@code target/jpa-fhir-server/}.
 */
public final class JpaFhirServer implements AutoCloseable {

    /** How long the server may take to answer /metadata before {@link #start()} gives up. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private static final Path PROJECT = Path.of("src", "it", "fhir-jpa-server");
    private static final Path WORK = Path.of("target", "jpa-fhir-server");
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(15);
    private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(5);
    private static final AtomicInteger SERVERS = new AtomicInteger();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final Process process;
    private final Path log;
    private final String baseUrl;
    private final Thread shutdownHook;

    /**
     * What a {@link #load} created: each resource's id in the loaded Bundle (as {@code Type/id},
     * or the entry's {@code fullUrl} when it had no id) mapped to the id the server gave it (as
     * {@code Type/id}, without version), in Bundle order.
     */
    public record Loaded(Map<String, String> ids) {

        /** The server id (the id part only, e.g. {@code 1000}) of the one Patient loaded. */
        public String patientId() {
            List<String> patients = ids.values().stream()
                    .filter(id -> id.startsWith("Patient/"))
                    .toList();
            if (patients.size() != 1) {
                throw new IllegalStateException("Expected one Patient in the loaded Bundle, found " + patients);
            }
            return new IdType(patients.get(0)).getIdPart();
        }

        /** The server id ({@code Type/id}) of a resource by its id in the loaded Bundle. */
        public String serverId(String bundleId) {
            String id = ids.get(bundleId);
            if (id == null) {
                throw new IllegalArgumentException("No resource " + bundleId + " in the loaded Bundle");
            }
            return id;
        }
    }

    private JpaFhirServer(Process process, Path log, String baseUrl, Thread shutdownHook) {
        this.process = process;
        this.log = log;
        this.baseUrl = baseUrl;
        this.shutdownHook = shutdownHook;
    }

    /**
     * Builds the server project if needed, starts the server on a free loopback port and returns
     * once {@code /fhir/metadata} answers; fails with the end of the server's log if it does not
     * within {@link #START_TIMEOUT}.
     */
    public static JpaFhirServer start() {
        try {
            String classpath = build();
            int number = SERVERS.incrementAndGet();
            Path log = WORK.resolve("server-" + number + ".log").toAbsolutePath();
            Path urlFile = WORK.resolve("server-" + number + ".url").toAbsolutePath();
            Files.deleteIfExists(urlFile);
            long started = System.nanoTime();
            Process process = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xmx1536m",
                            // Measured on two shared cores: the client compiler alone and the
                            // serial collector halve the start-up (about 50 s to 25 s) and the
                            // memory, and the loading of a record got faster, not slower.
                            "-XX:+UseSerialGC",
                            "-XX:TieredStopAtLevel=1",
                            "-cp",
                            classpath,
                            "org.rplcds.it.fhirserver.Main",
                            "--url-file",
                            urlFile.toString(),
                            "--exit-on-stdin-eof")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            Thread hook = new Thread(() -> stop(process), "jpa-fhir-server-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            String baseUrl;
            try {
                baseUrl = awaitUrl(process, urlFile, log);
            } catch (RuntimeException e) {
                stop(process);
                removeHook(hook);
                throw e;
            }
            System.out.printf(
                    "JPA FHIR server ready at %s after %d ms (log: %s)%n",
                    baseUrl, (System.nanoTime() - started) / 1_000_000, log);
            return new JpaFhirServer(process, log, baseUrl, hook);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JpaFhirServer shared;

    /**
     * One server for every integration test of this JVM, started on first use and stopped when the
     * JVM exits: a start costs half a minute, and each test loads records of its own.
     */
    public static synchronized JpaFhirServer shared() {
        if (shared == null || !shared.process.isAlive()) {
            shared = start();
        }
        return shared;
    }

    /** The FHIR base URL, e.g. {@code http://127.0.0.1:41234/fhir}, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    /** Loads a Bundle given as FHIR JSON; see {@link #load(Bundle)}. */
    public Loaded load(String bundleJson) {
        return load(Fhir.CONTEXT.newJsonParser().parseResource(Bundle.class, bundleJson));
    }

    /**
     * Loads a Bundle in one transaction and returns the ids the server assigned.
     *
     * <p>A {@code transaction} or {@code batch} Bundle is sent as it is. Any other Bundle (such as
     * the {@code collection} fixtures under {@code src/test/resources/synthea}) becomes a
     * transaction that POSTs every entry: references between its resources ({@code Type/id}) are
     * pointed at the entries' new {@code urn:uuid:} fullUrls, so the server resolves them to the
     * ids it assigns. References to resources outside the Bundle are left as they are; the server
     * creates placeholders for their targets.
     */
    public Loaded load(Bundle bundle) {
        List<String> keys = new ArrayList<>();
        Bundle request = bundle.getType() == BundleType.TRANSACTION || bundle.getType() == BundleType.BATCH
                ? withKeys(bundle, keys)
                : asTransaction(bundle, keys);
        String body = Fhir.CONTEXT.newJsonParser().encodeResourceToString(request);
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl))
                .timeout(LOAD_TIMEOUT)
                .header("Content-Type", "application/fhir+json")
                .header("Accept", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "The server refused the Bundle (HTTP " + response.statusCode() + "): " + response.body());
        }
        Bundle answer = Fhir.CONTEXT.newJsonParser().parseResource(Bundle.class, response.body());
        Map<String, String> ids = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            String location = answer.getEntry().get(i).getResponse().getLocation();
            if (location != null && !location.isBlank()) {
                IdType id = new IdType(location);
                ids.put(keys.get(i), id.getResourceType() + "/" + id.getIdPart());
            }
        }
        return new Loaded(ids);
    }

    /** Stops the server: a normal stop first, then a forced one after a few seconds. */
    @Override
    public void close() {
        stop(process);
        removeHook(shutdownHook);
    }

    @Override
    public String toString() {
        return "JpaFhirServer[" + baseUrl + ", log " + log + "]";
    }

    private static Bundle withKeys(Bundle bundle, List<String> keys) {
        for (BundleEntryComponent entry : bundle.getEntry()) {
            keys.add(key(entry));
        }
        return bundle;
    }

    private static Bundle asTransaction(Bundle bundle, List<String> keys) {
        Bundle transaction = bundle.copy();
        transaction.setType(BundleType.TRANSACTION);
        transaction.setId((String) null);
        transaction.getLink().clear();
        transaction.setTotalElement(null);
        Map<String, String> fullUrls = new LinkedHashMap<>();
        for (BundleEntryComponent entry : transaction.getEntry()) {
            String key = key(entry);
            keys.add(key);
            String fullUrl = "urn:uuid:" + UUID.randomUUID();
            fullUrls.put(key, fullUrl);
            if (entry.hasFullUrl()) {
                fullUrls.put(entry.getFullUrl(), fullUrl);
            }
            entry.setFullUrl(fullUrl);
            entry.setSearch(null);
            entry.getRequest()
                    .setMethod(HTTPVerb.POST)
                    .setUrl(entry.getResource().fhirType());
        }
        for (BundleEntryComponent entry : transaction.getEntry()) {
            Resource resource = entry.getResource();
            resource.setIdElement(null);
            for (Reference reference :
                    Fhir.CONTEXT.newTerser().getAllPopulatedChildElementsOfType(resource, Reference.class)) {
                String target = fullUrls.get(reference.getReference());
                if (target != null) {
                    reference.setReference(target);
                }
            }
        }
        return transaction;
    }

    private static String key(BundleEntryComponent entry) {
        Resource resource = entry.getResource();
        if (resource != null
                && resource.hasIdElement()
                && resource.getIdElement().hasIdPart()) {
            return resource.fhirType() + "/" + resource.getIdElement().getIdPart();
        }
        return entry.getFullUrl();
    }

    /** Builds the server project when needed and returns the classpath to run it with. */
    private static synchronized String build() throws IOException {
        Path project = PROJECT.toAbsolutePath();
        if (!Files.isRegularFile(project.resolve("pom.xml"))) {
            throw new IllegalStateException(
                    "No JPA server project at " + project + "; run the tests from the repository root (Maven does)");
        }
        Files.createDirectories(WORK);
        Path classpathFile = project.resolve("target").resolve("classpath.txt");
        // The dependency plugin leaves an unchanged classpath file untouched, so its time says
        // nothing about the last build; this stamp does.
        Path stamp = project.resolve("target").resolve("build.stamp");
        if (!upToDate(project, classpathFile, stamp)) {
            Path buildLog = WORK.resolve("build.log").toAbsolutePath();
            List<String> command = new ArrayList<>(List.of(
                    maven(),
                    "-B",
                    "-q",
                    "-f",
                    project.resolve("pom.xml").toString(),
                    "package",
                    "dependency:build-classpath",
                    "-Dmaven.test.skip=true",
                    "-Dmdep.outputFile=" + classpathFile));
            String repository = System.getProperty("maven.repo.local");
            if (repository != null && !repository.isBlank()) {
                command.add("-Dmaven.repo.local=" + repository);
            }
            Files.deleteIfExists(stamp);
            long started = System.nanoTime();
            Process maven = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(buildLog.toFile())
                    .start();
            try {
                if (!maven.waitFor(BUILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    maven.destroyForcibly();
                    throw new IllegalStateException(
                            "Building the JPA server took over " + BUILD_TIMEOUT + ":\n" + tail(buildLog));
                }
            } catch (InterruptedException e) {
                maven.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while building the JPA server", e);
            }
            if (maven.exitValue() != 0) {
                throw new IllegalStateException(
                        "Building the JPA server failed (" + String.join(" ", command) + "):\n" + tail(buildLog));
            }
            Files.writeString(stamp, Instant.now().toString());
            System.out.printf("JPA FHIR server built in %d ms%n", (System.nanoTime() - started) / 1_000_000);
        }
        return project.resolve("target").resolve("classes")
                + File.pathSeparator
                + Files.readString(classpathFile).trim();
    }

    /** The build output is current when the last build's stamp is newer than the pom and every source. */
    private static boolean upToDate(Path project, Path classpathFile, Path stamp) throws IOException {
        if (!Files.isRegularFile(stamp)
                || !Files.isRegularFile(classpathFile)
                || !Files.isDirectory(project.resolve("target").resolve("classes"))) {
            return false;
        }
        long built = Files.getLastModifiedTime(stamp).toMillis();
        try (Stream<Path> sources =
                Stream.concat(Stream.of(project.resolve("pom.xml")), Files.walk(project.resolve("src")))) {
            return sources.filter(Files::isRegularFile).allMatch(source -> {
                try {
                    return Files.getLastModifiedTime(source).toMillis() < built;
                } catch (IOException e) {
                    return false;
                }
            });
        }
    }

    /** The Maven that runs this build when it says where it lives, else {@code mvn} on the PATH. */
    private static String maven() {
        boolean windows = System.getProperty("os.name", "").toLowerCase().startsWith("windows");
        String executable = windows ? "mvn.cmd" : "mvn";
        for (String home : new String[] {System.getProperty("maven.home"), System.getenv("MAVEN_HOME")}) {
            if (home != null && !home.isBlank()) {
                Path candidate = Path.of(home, "bin", executable);
                if (Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
        }
        return executable;
    }

    private static String awaitUrl(Process process, Path urlFile, Path log) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                if (Files.isRegularFile(urlFile)) {
                    return Files.readString(urlFile).trim();
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("The JPA FHIR server exited with " + process.exitValue()
                            + " before it was ready:\n" + tail(log));
                }
                Thread.sleep(200);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the JPA FHIR server", e);
        }
        throw new IllegalStateException(
                "The JPA FHIR server did not answer /metadata within " + START_TIMEOUT + ":\n" + tail(log));
    }

    private static void stop(Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down and runs the hook itself.
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling the JPA FHIR server", e);
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log at " + file + ": " + e.getMessage() + ")";
        }
    }
}
