package org.rplcds.prefetch;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.rplcds.system.CdsProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Reads prefetch queries from the client's FHIR server: all queries at once, each search
 * followed through its {@code next} links, the whole bounded by one deadline.
 */
@Component
class FhirServerReader implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(FhirServerReader.class);

    private final FhirContext fhir;
    private final MeterRegistry metrics;
    private final CdsProperties.Fallback settings;
    private final ExecutorService executor;
    private final HttpClient http;

    FhirServerReader(FhirContext fhir, CdsProperties properties, MeterRegistry metrics) {
        this.fhir = fhir;
        this.metrics = metrics;
        this.settings = properties.fallback();
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(Math.max(2, settings.maxConnections()), runnable -> {
            Thread thread = new Thread(runnable, "fhir-fallback-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
    }

    /** Outcome of one query: the resources read, or why none could be. */
    record Outcome(List<IBaseResource> resources, Optional<String> failure) {

        static Outcome failed(String reason) {
            return new Outcome(List.of(), Optional.of(reason));
        }
    }

    /**
     * Runs every query in parallel and waits at most the configured total time.
     *
     * @param server the FHIR base URL
     * @param accessToken bearer token, sent to that server only
     * @param queries relative queries by prefetch key
     */
    Map<String, Outcome> read(URI server, Optional<String> accessToken, Map<String, String> queries) {
        long deadline = System.nanoTime() + settings.totalTimeout().toNanos();
        String base = server.toString().endsWith("/") ? server.toString() : server + "/";
        Map<String, CompletableFuture<List<IBaseResource>>> pending = new LinkedHashMap<>();
        queries.forEach((key, query) ->
                pending.put(key, page(URI.create(base + query), base, accessToken, deadline, new ArrayList<>(), 1)));
        try {
            CompletableFuture.allOf(pending.values().toArray(CompletableFuture[]::new))
                    .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // Each query's own outcome is read below.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        pending.forEach((key, future) -> outcomes.put(key, outcome(future)));
        outcomes.values().forEach(o -> metrics.counter(
                        "cds.fallback.fetches", "outcome", o.failure().isPresent() ? "failed" : "read")
                .increment());
        return outcomes;
    }

    private static Outcome outcome(CompletableFuture<List<IBaseResource>> future) {
        if (!future.isDone()) {
            future.cancel(true);
            return Outcome.failed("no answer within the time limit");
        }
        try {
            return new Outcome(future.join(), Optional.empty());
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return Outcome.failed(cause instanceof FetchFailure failure ? failure.getMessage() : describe(cause));
        }
    }

    private CompletableFuture<List<IBaseResource>> page(
            URI url, String base, Optional<String> accessToken, long deadline, List<IBaseResource> read, int page) {
        Duration remaining = Duration.ofNanos(deadline - System.nanoTime());
        if (remaining.isNegative() || remaining.isZero()) {
            return CompletableFuture.failedFuture(new FetchFailure("no answer within the time limit"));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(remaining)
                .header("Accept", "application/fhir+json")
                .GET();
        accessToken.ifPresent(token -> request.header("Authorization", "Bearer " + token));
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .thenCompose(response -> {
                    Bundle bundle = collect(response, read);
                    if (bundle == null || bundle.getLink(Bundle.LINK_NEXT) == null) {
                        return CompletableFuture.completedFuture(read);
                    }
                    String next = bundle.getLink(Bundle.LINK_NEXT).getUrl();
                    if (page >= settings.maxPages()) {
                        log.warn("fallback search stopped after {} pages", page);
                        return CompletableFuture.failedFuture(
                                new FetchFailure("more than " + settings.maxPages() + " pages of results"));
                    }
                    URI nextUrl = resolve(base, next);
                    if (nextUrl == null) {
                        // The bearer token goes to the client's FHIR server only.
                        return CompletableFuture.failedFuture(
                                new FetchFailure("next link points outside the FHIR server"));
                    }
                    return page(nextUrl, base, accessToken, deadline, read, page + 1);
                });
    }

    /** Adds the resources of one response; the Bundle when there may be more pages. */
    private Bundle collect(HttpResponse<String> response, List<IBaseResource> read) {
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new FetchFailure("FHIR server refused access (HTTP " + status + ")");
        }
        if (status < 200 || status > 299) {
            throw new FetchFailure("FHIR server answered HTTP " + status);
        }
        IBaseResource resource;
        try {
            IParser parser = fhir.newJsonParser();
            resource = parser.parseResource(response.body());
        } catch (RuntimeException e) {
            // Bad input makes HAPI's parser throw more than DataFormatException.
            throw new FetchFailure("FHIR server answer is not FHIR R4 JSON");
        }
        if (resource instanceof OperationOutcome) {
            throw new FetchFailure("FHIR server answered with an OperationOutcome");
        }
        if (resource instanceof Bundle bundle) {
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                if (entry.hasResource() && !(entry.getResource() instanceof OperationOutcome)) {
                    read.add(entry.getResource());
                }
            }
            return bundle;
        }
        read.add(resource);
        return null;
    }

    private static URI resolve(String base, String next) {
        try {
            URI resolved = URI.create(base).resolve(next);
            URI root = URI.create(base);
            boolean sameServer = root.getScheme().equalsIgnoreCase(resolved.getScheme())
                    && root.getHost() != null
                    && root.getHost().equalsIgnoreCase(resolved.getHost())
                    && root.getPort() == resolved.getPort();
            return sameServer ? resolved : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String describe(Throwable cause) {
        if (cause instanceof HttpTimeoutException) {
            return "no answer within the time limit";
        }
        if (cause instanceof IOException) {
            return "FHIR server unreachable";
        }
        return "FHIR server read failed";
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }

    /** A failure whose message is safe to return to the client. */
    static final class FetchFailure extends RuntimeException {
        FetchFailure(String message) {
            super(message, null, false, false);
        }
    }
}
