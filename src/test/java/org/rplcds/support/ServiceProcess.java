package org.rplcds.support;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.rplcds.Application;

/**
 * The service as a JVM of its own, started from the main classes and their libraries as the jar
 * would run them: for tests that kill it, or that read what the operating system says of it.
 */
public final class ServiceProcess {

    /** HTTP/1.1 to loopback, a connection within two seconds or none. */
    public static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private ServiceProcess() {}

    /**
     * Starts the service on the port, working in {@code home}, and waits until health answers.
     *
     * @param jvm options for the JVM, such as {@code -Xmx256m}
     * @param arguments the service's own, such as {@code --cds.demo.enabled=false}
     */
    public static Process start(Path home, int port, List<String> jvm, List<String> arguments) throws Exception {
        List<String> launcher = new ArrayList<>(jvm);
        launcher.addAll(List.of("-cp", mainClassPath(), Application.class.getName()));
        Path log = home.resolve("service-" + Instant.now().toEpochMilli() + ".log");
        Process process = launch(home, port, launcher, arguments, log);
        waitFor(() -> up(port), Duration.ofSeconds(120));
        return process;
    }

    /**
     * Starts the packaged jar ({@code target/recurrent-miscarriage-cds.jar}, built by {@code mvn
     * package} before the ITs) with {@code java -jar}: its own class path, as shipped.
     *
     * @param log where the service's console goes
     */
    public static Process startJar(Path home, int port, Path log, List<String> arguments) throws Exception {
        return startJar(home, port, log, List.of(), arguments);
    }

    /**
     * The packaged jar with options for the JVM, such as the container's {@code -Xmx256m}.
     *
     * @param jvm options for the JVM, before {@code -jar}
     */
    public static Process startJar(Path home, int port, Path log, List<String> jvm, List<String> arguments)
            throws Exception {
        return startJar(home, port, log, jvm, Map.of(), arguments);
    }

    /**
     * The packaged jar with options for the JVM and environment variables, as a container sets
     * them ({@code SPRING_CONFIG_ADDITIONAL_LOCATION}).
     */
    public static Process startJar(
            Path home, int port, Path log, List<String> jvm, Map<String, String> environment, List<String> arguments)
            throws Exception {
        Process process = launchJar(home, port, log, jvm, environment, arguments);
        waitFor(() -> up(port) || !process.isAlive(), Duration.ofSeconds(120));
        return process;
    }

    /**
     * A jar started by another JVM than this one, as an image starts it: the image's {@code java}
     * and its jar, named as its entry point names it.
     *
     * @param java the {@code java} binary
     * @param jar the jar, relative to {@code home} or absolute
     */
    public static Process startJar(
            Path java,
            Path jar,
            Path home,
            int port,
            Path log,
            List<String> jvm,
            Map<String, String> environment,
            List<String> arguments)
            throws Exception {
        List<String> launcher = new ArrayList<>(jvm);
        launcher.addAll(List.of("-jar", jar.toString()));
        Process process = launch(java, home, port, launcher, environment, arguments, log);
        waitFor(() -> up(port) || !process.isAlive(), Duration.ofSeconds(120));
        return process;
    }

    /** The packaged jar started as {@link #startJar} starts it, without waiting for it to answer. */
    public static Process launchJar(
            Path home, int port, Path log, List<String> jvm, Map<String, String> environment, List<String> arguments)
            throws IOException {
        String jar =
                Path.of("target/recurrent-miscarriage-cds.jar").toAbsolutePath().toString();
        List<String> launcher = new ArrayList<>(jvm);
        launcher.addAll(List.of("-jar", jar));
        return launch(home, port, launcher, environment, arguments, log);
    }

    /**
     * Runs the packaged jar to its end, for a start that must fail: nothing is added to the
     * arguments, the port included, so that a case can set it through {@code PORT}. A run still going
     * after {@code within} is killed.
     *
     * @return the exit code, or -1 when it had to be killed
     */
    public static int runJar(
            Path home, Path log, Map<String, String> environment, List<String> arguments, Duration within)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(
                "-jar",
                Path.of("target/recurrent-miscarriage-cds.jar").toAbsolutePath().toString()));
        command.addAll(arguments);
        Files.createDirectories(home);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            kill(process);
            return -1;
        }
        return process.exitValue();
    }

    /** {@code java <launcher> --server.port=<port> --server.address=127.0.0.1 <arguments>} in {@code home}. */
    private static Process launch(Path home, int port, List<String> launcher, List<String> arguments, Path log)
            throws IOException {
        return launch(home, port, launcher, Map.of(), arguments, log);
    }

    private static Process launch(
            Path home,
            int port,
            List<String> launcher,
            Map<String, String> environment,
            List<String> arguments,
            Path log)
            throws IOException {
        return launch(
                Paths.get(System.getProperty("java.home"), "bin", "java"),
                home,
                port,
                launcher,
                environment,
                arguments,
                log);
    }

    private static Process launch(
            Path java,
            Path home,
            int port,
            List<String> launcher,
            Map<String, String> environment,
            List<String> arguments,
            Path log)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(launcher);
        command.add("--server.port=" + port);
        command.add("--server.address=127.0.0.1");
        command.addAll(arguments);
        Files.createDirectories(home);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** Kills the process as {@code kill -9} would, if it still runs, and waits for it to go. */
    public static void kill(Process process) throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Whether {@code /actuator/health} answers 200. */
    public static boolean up(int port) {
        try {
            return CLIENT.send(
                                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                                            .timeout(Duration.ofSeconds(2))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The most memory the process has held resident so far (Linux: {@code VmHWM}), in KB. */
    public static long peakResidentKilobytes(Process process) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmHWM for process " + process.pid());
    }

    /**
     * This JVM's class path without the test classes. Failsafe may pass it as one jar whose
     * manifest lists the entries.
     */
    static String mainClassPath() throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Manifest manifest = null;
            if (entry.endsWith(".jar")) {
                try (JarFile jar = new JarFile(entry)) {
                    manifest = jar.getManifest();
                }
            }
            String listed =
                    manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (listed != null && entry.contains("surefire")) {
                for (String url : listed.trim().split("\\s+")) {
                    entries.add(Paths.get(URI.create(url)).toString());
                }
            } else {
                entries.add(entry);
            }
        }
        return String.join(
                File.pathSeparator,
                entries.stream().filter(e -> !e.contains("test-classes")).toList());
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A condition waited for. */
    public interface Condition {
        boolean holds() throws Exception;
    }

    public static void waitFor(Condition condition, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within);
            }
            Thread.sleep(100);
        }
    }
}
