package org.rplcds.it.fhirserver;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.jpa.provider.JpaSystemProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * Starts a HAPI FHIR JPA server (R4, H2 in memory) on 127.0.0.1 with its base at {@code /fhir}.
 *
 * <p>Arguments, all optional:
 *
 * <ul>
 *   <li>{@code --port N}: the port to bind; 0 (the default) takes a free one.
 *   <li>{@code --url-file PATH}: once {@code /fhir/metadata} answers, the base URL is written
 *       there (atomically, so a reader never sees half of it).
 *   <li>{@code --exit-on-stdin-eof}: exit when standard input closes, that is when the parent
 *       process is gone, so a killed test run leaves no server behind.
 * </ul>
 *
 * <p>Either way a line {@code FHIR_BASE_URL=<url>} goes to standard output when the server is ready.
 */
public final class Main {

    /** HAPI's JPA default page size: a search without {@code _count} answers 20 entries and a next link. */
    static final int DEFAULT_PAGE_SIZE = 20;

    /**
     * {@code _count} is honoured up to this; larger values are cut to it. High enough for any one
     * patient's chart in the fixtures (hundreds of Observations) to come back in a single page.
     */
    static final int MAXIMUM_PAGE_SIZE = 1000;

    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {}

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        int port = 0;
        Path urlFile = null;
        boolean exitOnStdinEof = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--url-file" -> urlFile = Path.of(args[++i]);
                case "--exit-on-stdin-eof" -> exitOnStdinEof = true;
                default -> throw new IllegalArgumentException("Unknown argument: " + args[i]);
            }
        }
        if (exitOnStdinEof) {
            watchStdin();
        }

        // HAPI's scheduler service reads this from the Spring environment: no Quartz jobs (stale
        // search cleanup, reindexing, cache warming, batch maintenance) run in the background.
        System.setProperty("scheduling_disabled", "true");
        AnnotationConfigApplicationContext spring = new AnnotationConfigApplicationContext(ServerConfig.class);
        long springReady = System.nanoTime();

        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServletHolder fhir = new ServletHolder("fhir", restfulServer(spring));
        fhir.setInitOrder(1);
        context.addServlet(fhir, "/fhir/*");
        jetty.setHandler(context);
        jetty.start();

        String baseUrl = "http://127.0.0.1:" + connector.getLocalPort() + "/fhir";
        awaitMetadata(baseUrl);
        long ready = System.nanoTime();

        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(jetty, spring), "fhir-server-stop"));
        if (urlFile != null) {
            Path partial = urlFile.resolveSibling(urlFile.getFileName() + ".partial");
            Files.writeString(partial, baseUrl);
            Files.move(partial, urlFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        log.info(
                "Ready in {} ms (Spring context {} ms), heap used {} MB",
                (ready - started) / 1_000_000,
                (springReady - started) / 1_000_000,
                (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
        System.out.println("FHIR_BASE_URL=" + baseUrl);
        System.out.flush();
        jetty.join();
    }

    private static RestfulServer restfulServer(AnnotationConfigApplicationContext spring) {
        IFhirSystemDao<?, ?> systemDao = spring.getBean(IFhirSystemDao.class);
        RestfulServer server = new RestfulServer(systemDao.getContext());
        // One resource provider per DAO in the DaoRegistry, plus the system-level operations
        // (transaction and batch Bundles POSTed to the base).
        server.registerProviders(spring.getBean(ResourceProviderFactory.class).createProviders());
        server.registerProvider(spring.getBean(JpaSystemProvider.class));

        DatabaseBackedPagingProvider paging = spring.getBean(DatabaseBackedPagingProvider.class);
        paging.setDefaultPageSize(DEFAULT_PAGE_SIZE);
        paging.setMaximumPageSize(MAXIMUM_PAGE_SIZE);
        server.setPagingProvider(paging);

        server.setServerConformanceProvider(new JpaCapabilityStatementProvider(
                server,
                systemDao,
                spring.getBean(JpaStorageSettings.class),
                spring.getBean(ISearchParamRegistry.class),
                spring.getBean(IValidationSupport.class)));
        return server;
    }

    /** The first /metadata call builds the CapabilityStatement; do it before announcing readiness. */
    private static void awaitMetadata(String baseUrl) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/metadata"))
                .header("Accept", "application/fhir+json")
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "GET /fhir/metadata answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static void watchStdin() {
        Thread watcher = new Thread(
                () -> {
                    try (InputStream in = System.in) {
                        while (in.read() >= 0) {
                            // Whatever the parent writes is ignored; only the end of the stream counts.
                        }
                    } catch (IOException e) {
                        // A broken pipe means the parent is gone, too.
                    }
                    log.info("Standard input closed: the parent process is gone, stopping");
                    System.exit(0);
                },
                "stdin-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static void stop(Server jetty, AnnotationConfigApplicationContext spring) {
        try {
            jetty.stop();
        } catch (Exception e) {
            log.warn("Jetty did not stop cleanly", e);
        }
        spring.close();
    }
}
