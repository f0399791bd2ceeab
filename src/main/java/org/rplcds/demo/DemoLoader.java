package org.rplcds.demo;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the demo patients into another FHIR server ({@code PUT [base]/[type]/[id]}), dated to
 * today, waiting for it to come up: how the compose stack fills its HAPI FHIR JPA server.
 */
public final class DemoLoader {

    private static final Logger log = LoggerFactory.getLogger(DemoLoader.class);

    private final FhirContext fhir;
    private final Clock clock;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public DemoLoader(FhirContext fhir, Clock clock) {
        this.fhir = fhir;
        this.clock = clock;
    }

    /**
     * @param base the FHIR server's base URL
     * @param patience how long to keep trying while the server is not up yet
     * @return the number of resources written
     */
    public int load(String base, Duration patience) throws InterruptedException {
        String root = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        List<Resource> resources = DemoPatients.load(fhir, LocalDate.now(clock));
        long giveUp = System.nanoTime() + patience.toNanos();
        int written = 0;
        for (Resource resource : resources) {
            while (true) {
                try {
                    put(root, resource);
                    written++;
                    break;
                } catch (IOException e) {
                    if (System.nanoTime() > giveUp) {
                        throw new IllegalStateException(
                                "demo patients not loaded into " + root + ": " + e.getMessage(), e);
                    }
                    log.info("waiting for {} to accept demo patients ({})", root, e.getMessage());
                    Thread.sleep(5_000);
                }
            }
        }
        log.info("demo patients loaded into {}: {} resources", root, written);
        return written;
    }

    private void put(String root, Resource resource) throws IOException, InterruptedException {
        String url =
                root + "/" + resource.fhirType() + "/" + resource.getIdElement().getIdPart();
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/fhir+json")
                        .PUT(HttpRequest.BodyPublishers.ofString(
                                fhir.newJsonParser().encodeResourceToString(resource)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IOException("PUT " + resource.fhirType() + " answered HTTP " + response.statusCode());
        }
    }
}
