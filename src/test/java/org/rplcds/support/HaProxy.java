package org.rplcds.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * HAProxy (Debian's {@code haproxy} package, which {@code .ci/run} installs) run in the foreground
 * with a configuration of the test's own, and what its statistics page says of each server.
 */
public final class HaProxy implements AutoCloseable {

    private final Process process;
    private final int statsPort;

    private HaProxy(Process process, int statsPort) {
        this.process = process;
        this.statsPort = statsPort;
    }

    /** The {@code haproxy} program on the path or where Debian puts it, if there is one. */
    public static Optional<Path> binary() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.concat(Stream.of(path.split(":")), Stream.of("/usr/sbin", "/usr/local/sbin"))
                .filter(folder -> !folder.isBlank())
                .map(folder -> Path.of(folder, "haproxy"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /**
     * Checks the configuration ({@code haproxy -c}), then starts HAProxy with it in {@code home}
     * ({@code haproxy.cfg}, its log in {@code haproxy.log}) and waits until its statistics page,
     * {@code /stats} on {@code statsPort}, answers.
     */
    public static HaProxy start(Path home, String configuration, int statsPort) throws Exception {
        Path haproxy = binary().orElseThrow(() -> new IllegalStateException("no haproxy: apt-get install haproxy"));
        Path config = home.resolve("haproxy.cfg");
        Files.writeString(config, configuration);
        Process check = new ProcessBuilder(haproxy.toString(), "-c", "-f", config.toString())
                .redirectErrorStream(true)
                .start();
        String said = new String(check.getInputStream().readAllBytes());
        if (!check.waitFor(30, TimeUnit.SECONDS) || check.exitValue() != 0) {
            throw new IllegalStateException("haproxy -c refused the configuration:\n" + said);
        }
        // -db: in the foreground, logging to its standard output.
        Process process = new ProcessBuilder(haproxy.toString(), "-db", "-f", config.toString())
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("haproxy.log").toFile())
                .start();
        HaProxy proxy = new HaProxy(process, statsPort);
        ServiceProcess.waitFor(() -> proxy.statistics().isPresent() || !process.isAlive(), Duration.ofSeconds(30));
        if (!process.isAlive()) {
            throw new IllegalStateException("haproxy stopped: " + Files.readString(home.resolve("haproxy.log")));
        }
        return proxy;
    }

    /**
     * The status HAProxy gives the server of the backend: {@code UP}, {@code DOWN}, or a
     * transition such as {@code UP 1/2}; empty when the page does not answer or has no such row.
     */
    public String status(String backend, String server) throws IOException {
        List<String> lines = statistics().orElse(List.of());
        if (lines.isEmpty()) {
            return "";
        }
        // The CSV export's header: "# pxname,svname,qcur,...,status,..."
        List<String> header = List.of(lines.get(0).replaceFirst("^# ", "").split(","));
        int status = header.indexOf("status");
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",", -1);
            if (fields.length > status && fields[0].equals(backend) && fields[1].equals(server)) {
                return fields[status];
            }
        }
        return "";
    }

    private Optional<List<String>> statistics() throws IOException {
        try {
            HttpResponse<String> page = ServiceProcess.CLIENT.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + statsPort + "/stats;csv"))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return page.statusCode() == 200 ? Optional.of(page.body().lines().toList()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
