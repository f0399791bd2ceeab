package org.rplcds.prefetch;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParserErrorHandler;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.rplcds.system.CdsProperties;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Reads searches and reads from the client's FHIR server: different searches at the same time,
 * the pages of one search in order, on a bounded pool of the service's own threads. Every search
 * is bounded by resources and bytes, and all of one call by one deadline; at the deadline the
 * reads still going are cut off, their streams closed and their parsing stopped.
 */
@Component
class FhirServerReader implements DisposableBean {

    private static final String TIME_LIMIT = "no answer within the time limit";

    private final MeterRegistry metrics;
    private final CdsProperties.Fallback settings;
    private final PageParser pages;
    private final ThreadPoolExecutor pool;
    private final ExecutorService httpPool;
    private final HttpClient http;

    /** A reader that builds every resource it reads: the reference the selective reader is tested against. */
    FhirServerReader(
            FhirContext fhir, IParserErrorHandler parserErrors, CdsProperties properties, MeterRegistry metrics) {
        this(fhir, parserErrors, properties, metrics, ResourceSelection.EVERY_RESOURCE);
    }

    @Autowired
    FhirServerReader(
            FhirContext fhir,
            IParserErrorHandler parserErrors,
            CdsProperties properties,
            MeterRegistry metrics,
            ResourceSelection selection) {
        this.metrics = metrics;
        this.settings = properties.fallback();
        this.pages = new PageParser(fhir, parserErrors, selection);
        int threads = settings.maxConnections();
        // Searches beyond the threads wait in a bounded queue; past it a search fails at once.
        this.pool = new ThreadPoolExecutor(
                threads,
                threads,
                30,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(threads * 8),
                daemons("fhir-fallback-"),
                new ThreadPoolExecutor.AbortPolicy());
        this.pool.allowCoreThreadTimeOut(true);
        // The HTTP client's own tasks (delivering answers) never block, so two threads serve it;
        // they are apart from the search threads, which block on the answers.
        this.httpPool = Executors.newFixedThreadPool(2, daemons("fhir-http-"));
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(httpPool)
                .build();
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * One search or read of a hook call.
     *
     * @param key the prefetch key it stands for
     * @param url the first page to read, on the FHIR server
     * @param unfiltered the same search without its code filter, read instead should the server
     *     refuse the filter (HTTP 400)
     * @param alreadyRead resources of this search the client already sent (a prefetch's first
     *     page), counted against the search's limit
     */
    record Search(String key, URI url, Optional<URI> unfiltered, int alreadyRead) {}

    /**
     * What one search gave.
     *
     * @param resources the resources read
     * @param failure why the search is not complete, if it is not; safe to return to the client
     * @param pages pages read
     * @param bytes bytes read
     * @param unfiltered whether the filter was refused and the unfiltered search read instead
     */
    record Outcome(List<IBaseResource> resources, Optional<String> failure, int pages, long bytes, boolean unfiltered) {

        static Outcome failed(String reason) {
            return new Outcome(List.of(), Optional.of(reason), 0, 0, false);
        }
    }

    /**
     * Reads every search, waiting at most the configured total time from {@code started}.
     *
     * @param server the FHIR base URL; next links are followed on its host only
     * @param accessToken bearer token, sent to that server only
     * @param started when the hook call began ({@link System#nanoTime()})
     */
    Map<String, Outcome> read(URI server, Optional<String> accessToken, List<Search> searches, long started) {
        long deadline = started + settings.totalTimeout().toNanos();
        Call call = new Call(server, accessToken, deadline);
        Map<String, Future<Outcome>> pending = new LinkedHashMap<>();
        Map<String, Progress> progress = new LinkedHashMap<>();
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        for (Search search : searches) {
            Progress read = new Progress();
            progress.put(search.key(), read);
            try {
                pending.put(search.key(), pool.submit(() -> call.run(search, read)));
            } catch (RejectedExecutionException e) {
                outcomes.put(search.key(), Outcome.failed("too many FHIR server reads in progress"));
            }
        }
        pending.forEach((key, future) -> outcomes.put(key, await(future, deadline, progress.get(key))));
        // Reads still going are cut off: their streams closed, their parsing stopped.
        call.abort();
        pending.values().forEach(future -> future.cancel(true));
        outcomes.values().forEach(o -> metrics.counter(
                        "cds.fallback.fetches", "outcome", o.failure().isPresent() ? "failed" : "read")
                .increment());
        return outcomes;
    }

    private static Outcome await(Future<Outcome> future, long deadline, Progress progress) {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | CancellationException e) {
            return progress.failed(TIME_LIMIT);
        } catch (ExecutionException e) {
            return progress.failed("FHIR server read failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return progress.failed(TIME_LIMIT);
        }
    }

    /** How far a search got, for the log of one that ran out of time. */
    private static final class Progress {
        private final AtomicInteger pages = new AtomicInteger();
        private final AtomicLong bytes = new AtomicLong();

        Outcome failed(String reason) {
            return new Outcome(List.of(), Optional.of(reason), pages.get(), bytes.get(), false);
        }
    }

    /** The reads of one hook call: its server, token, deadline, and the streams still open. */
    private final class Call {

        private final URI base;
        private final Optional<String> accessToken;
        private final long deadline;
        private final Map<InputStream, Boolean> open = new ConcurrentHashMap<>();
        private final Map<URI, CompletableFuture<Outcome>> unfilteredReads = new ConcurrentHashMap<>();
        private volatile boolean aborted;

        Call(URI server, Optional<String> accessToken, long deadline) {
            String text = server.toString();
            this.base = URI.create(text.endsWith("/") ? text : text + "/");
            this.accessToken = accessToken;
            this.deadline = deadline;
        }

        void abort() {
            aborted = true;
            open.keySet().forEach(Call::closeQuietly);
        }

        Outcome run(Search search, Progress progress) {
            Outcome outcome = read(search.url(), search.unfiltered(), search.alreadyRead(), progress);
            if (outcome.failure().isEmpty() || !outcome.failure().get().equals(FILTER_REFUSED)) {
                return outcome;
            }
            // The server refused the filter: the unfiltered search once for the keys that share it.
            CompletableFuture<Outcome> mine = new CompletableFuture<>();
            CompletableFuture<Outcome> running =
                    unfilteredReads.putIfAbsent(search.unfiltered().get(), mine);
            if (running == null) {
                Outcome plain = read(search.unfiltered().get(), Optional.empty(), search.alreadyRead(), progress);
                Outcome marked = new Outcome(
                        plain.resources(),
                        plain.failure(),
                        outcome.pages() + plain.pages(),
                        outcome.bytes() + plain.bytes(),
                        true);
                mine.complete(marked);
                return marked;
            }
            try {
                Outcome shared = running.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                // Another key of the same search holds the resources; this one needs none of its own.
                return new Outcome(List.of(), shared.failure(), outcome.pages(), outcome.bytes(), true);
            } catch (TimeoutException | ExecutionException e) {
                return Outcome.failed(TIME_LIMIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcome.failed(TIME_LIMIT);
            }
        }

        private Outcome read(URI first, Optional<URI> unfiltered, int alreadyRead, Progress progress) {
            List<IBaseResource> resources = new ArrayList<>();
            AtomicLong bytesLeft = new AtomicLong(settings.maxSearchBytes().toBytes());
            int budget = settings.maxSearchResources() - alreadyRead;
            int pageCount = 0;
            int counted = 0;
            int matches = 0;
            Optional<Integer> total = Optional.empty();
            URI url = first;
            while (true) {
                if (pageCount >= settings.maxPages()) {
                    return partial("more than " + settings.maxPages() + " pages of results", pageCount, bytesLeft);
                }
                HttpResponse<InputStream> response;
                try {
                    response = send(url);
                } catch (HttpTimeoutException e) {
                    return partial(TIME_LIMIT, pageCount, bytesLeft);
                } catch (IOException e) {
                    return partial(aborted ? TIME_LIMIT : "FHIR server unreachable", pageCount, bytesLeft);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return partial(TIME_LIMIT, pageCount, bytesLeft);
                }
                pageCount++;
                progress.pages.incrementAndGet();
                InputStream body = response.body();
                open.put(body, Boolean.TRUE);
                PageParser.Page page;
                try {
                    int status = response.statusCode();
                    if (status == 400 && pageCount == 1 && unfiltered.isPresent()) {
                        return partial(FILTER_REFUSED, pageCount, bytesLeft);
                    }
                    if (status == 401 || status == 403) {
                        return partial("FHIR server refused access (HTTP " + status + ")", pageCount, bytesLeft);
                    }
                    if (status < 200 || status > 299) {
                        return partial("FHIR server answered HTTP " + status, pageCount, bytesLeft);
                    }
                    CappedInputStream capped = new CappedInputStream(body, bytesLeft);
                    page = pages.parse(capped, budget - counted);
                    // What follows the JSON (a newline) is read too, so that the connection is reused.
                    capped.transferTo(OutputStream.nullOutputStream());
                } catch (PageParser.LimitException e) {
                    return partial(e.getMessage(), pageCount, bytesLeft);
                } catch (InterruptedIOException e) {
                    return partial(TIME_LIMIT, pageCount, bytesLeft);
                } catch (IOException e) {
                    return partial(
                            aborted ? TIME_LIMIT : "FHIR server answer is not FHIR R4 JSON", pageCount, bytesLeft);
                } catch (RuntimeException e) {
                    // HAPI's parser throws DataFormatException on most bad input, and other
                    // runtime exceptions on some: all are the server's data, not our failure.
                    return partial(
                            aborted ? TIME_LIMIT : "FHIR server answer is not FHIR R4 JSON", pageCount, bytesLeft);
                } finally {
                    open.remove(body);
                    closeQuietly(body);
                    progress.bytes.set(bytesRead(bytesLeft));
                }
                if (aborted) {
                    return partial(TIME_LIMIT, pageCount, bytesLeft);
                }
                if (page.operationOutcome()) {
                    return partial("FHIR server answered with an OperationOutcome", pageCount, bytesLeft);
                }
                resources.addAll(page.resources());
                counted += page.counted();
                if (!page.bundle()) {
                    return done(resources, pageCount, bytesLeft);
                }
                if (pageCount == 1) {
                    total = page.total();
                }
                matches += page.matches();
                if (page.next().isEmpty()) {
                    if (total.isPresent() && total.get() > matches + alreadyRead) {
                        return partial(
                                "FHIR server answered " + (matches + alreadyRead) + " of " + total.get()
                                        + " results and no next link",
                                pageCount,
                                bytesLeft);
                    }
                    return done(resources, pageCount, bytesLeft);
                }
                Optional<URI> next = sameServer(base, page.next().get());
                if (next.isEmpty()) {
                    // The bearer token goes to the client's FHIR server only.
                    return partial("next link points outside the FHIR server", pageCount, bytesLeft);
                }
                url = next.get();
            }
        }

        private HttpResponse<InputStream> send(URI url) throws IOException, InterruptedException {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0 || aborted) {
                throw new HttpTimeoutException(TIME_LIMIT);
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(url)
                    .timeout(Duration.ofNanos(remaining))
                    .header("Accept", "application/fhir+json")
                    .GET();
            accessToken.ifPresent(token -> request.header("Authorization", "Bearer " + token));
            return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        }

        private Outcome partial(String reason, int pageCount, AtomicLong bytesLeft) {
            return new Outcome(List.of(), Optional.of(reason), pageCount, bytesRead(bytesLeft), false);
        }

        private Outcome done(List<IBaseResource> resources, int pageCount, AtomicLong bytesLeft) {
            return new Outcome(List.copyOf(resources), Optional.empty(), pageCount, bytesRead(bytesLeft), false);
        }

        private long bytesRead(AtomicLong bytesLeft) {
            return Math.min(
                    settings.maxSearchBytes().toBytes(),
                    settings.maxSearchBytes().toBytes() - bytesLeft.get());
        }

        private static void closeQuietly(InputStream in) {
            try {
                in.close();
            } catch (IOException e) {
                // The stream is given up either way.
            }
        }
    }

    /** A refused filter: read as the unfiltered search, never returned to the client. */
    static final String FILTER_REFUSED = "FHIR server refused the search filter (HTTP 400)";

    /** The link resolved against the base, when it is on the same scheme, host and port. */
    static Optional<URI> sameServer(URI base, String link) {
        try {
            URI resolved = base.resolve(link);
            boolean same = base.getScheme().equalsIgnoreCase(resolved.getScheme())
                    && base.getHost() != null
                    && base.getHost().equalsIgnoreCase(resolved.getHost())
                    && base.getPort() == resolved.getPort();
            return same ? Optional.of(resolved) : Optional.empty();
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
        httpPool.shutdownNow();
    }
}
