package org.rplcds.prefetch;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParserErrorHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
import java.util.function.Supplier;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.rplcds.system.CdsProperties;
import org.rplcds.system.MemoryBudget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Reads searches and reads from the client's FHIR server: different searches at the same time,
 * the pages of one search in order, on a bounded pool of the service's own threads. Every search
 * is bounded by resources and bytes, and all of one call by one deadline; at the deadline the
 * reads still going are cut off, their streams closed and their parsing stopped. Each search and
 * the CapabilityStatement read are observed as {@link FhirRead}, a child of the hook call's
 * observation though they run on the reader's threads.
 */
@Component
class FhirServerReader implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(FhirServerReader.class);

    private static final String TIME_LIMIT = "no answer within the time limit";

    private final MeterRegistry metrics;
    private final ObservationRegistry observations;
    private final CdsProperties.Fallback settings;
    private final PageParser pages;
    private final ThreadPoolExecutor pool;
    private final ExecutorService httpPool;
    private final HttpClient http;
    private final AtomicInteger running = new AtomicInteger();

    /** A reader that builds every resource it reads: the reference the selective reader is tested against. */
    FhirServerReader(
            FhirContext fhir, IParserErrorHandler parserErrors, CdsProperties properties, MeterRegistry metrics) {
        this(fhir, parserErrors, properties, metrics, ObservationRegistry.NOOP, ResourceSelection.EVERY_RESOURCE);
    }

    @Autowired
    FhirServerReader(
            FhirContext fhir,
            IParserErrorHandler parserErrors,
            CdsProperties properties,
            MeterRegistry metrics,
            ObservationRegistry observations,
            ResourceSelection selection) {
        this.metrics = metrics;
        this.observations = observations;
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
                .sslContext(TrustedServers.context(settings))
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
     * One request to the FHIR server: a GET of {@code url}, or, with a {@code form}, a POST of the
     * form to {@code url} ({@code [type]/_search}).
     */
    record Request(URI url, Optional<String> form) {

        static Request get(URI url) {
            return new Request(url, Optional.empty());
        }
    }

    /** What a search does when the server refuses its first page: the requests to make instead. */
    interface Recovery {

        /** No second try. */
        Recovery NONE = (status, said) -> List.of();

        /**
         * @param status the HTTP status of the refusal
         * @param said what the server's OperationOutcome said, empty when it sent none
         * @return the requests whose answers together replace the refused one; empty for none
         */
        List<Request> after(int status, String said);
    }

    /**
     * One search or read of a hook call.
     *
     * @param key the prefetch key it stands for
     * @param first the first page to read, on the FHIR server
     * @param alreadyRead resources of this search the client already sent (a prefetch's first
     *     page), counted against the search's limit
     * @param recovery what to read instead should the server refuse the first page; tried once
     * @param shared the resources the searches of one key may still read together, when a key is
     *     read as several searches (slices, categories); null for a search with a limit of its own
     */
    record Search(String key, Request first, int alreadyRead, Recovery recovery, AtomicInteger shared) {

        Search(String key, URI url, int alreadyRead) {
            this(key, Request.get(url), alreadyRead, Recovery.NONE, null);
        }

        Search(String key, Request first, int alreadyRead, Recovery recovery) {
            this(key, first, alreadyRead, recovery, null);
        }

        /** The resources this search may still read. */
        AtomicInteger budget(int maxResources) {
            return shared != null ? shared : new AtomicInteger(maxResources - alreadyRead);
        }
    }

    /**
     * What one search gave.
     *
     * @param resources the resources read
     * @param failure why the search is not complete, if it is not; safe to return to the client
     * @param pages pages read
     * @param bytes bytes read
     * @param retried what the server refused and was read otherwise, when it refused the search
     */
    record Outcome(
            List<IBaseResource> resources, Optional<String> failure, int pages, long bytes, Optional<String> retried) {

        static Outcome failed(String reason) {
            return new Outcome(List.of(), Optional.of(reason), 0, 0, Optional.empty());
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
        Call call = new Call(server, accessToken, deadline, MemoryBudget.current());
        // The hook call's observation, current on this thread: the parent of the reads on the pool's.
        Observation parent = observations.getCurrentObservation();
        Map<String, Future<Outcome>> pending = new LinkedHashMap<>();
        Map<String, Progress> progress = new LinkedHashMap<>();
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        for (Search search : searches) {
            Progress read = new Progress();
            progress.put(search.key(), read);
            try {
                pending.put(search.key(), pool.submit(() -> call.run(search, read, parent)));
            } catch (RejectedExecutionException e) {
                outcomes.put(search.key(), Outcome.failed("too many FHIR server reads in progress"));
            }
        }
        pending.forEach((key, future) -> outcomes.put(key, await(future, deadline, progress.get(key))));
        // Reads still going are cut off: their streams closed, their parsing stopped; the answer
        // waits until they have stopped, so that nothing is read for a call that has ended.
        call.abort();
        pending.values().forEach(future -> future.cancel(true));
        if (!call.awaitStopped(STOP_GRACE)) {
            log.warn("fallback reads still running {} ms after their call's deadline", STOP_GRACE.toMillis());
        }
        call.lease.flatMap(MemoryBudget.Lease::refused).ifPresent(refused -> {
            throw refused;
        });
        outcomes.values().forEach(o -> metrics.counter(
                        "cds.fallback.fetches", "outcome", o.failure().isPresent() ? "failed" : "read")
                .increment());
        return outcomes;
    }

    /** How long the answer waits for reads cut off at the deadline to stop. */
    static final Duration STOP_GRACE = Duration.ofMillis(500);

    /** Reads at work now, over all calls: none once every call has been answered. */
    int running() {
        return running.get();
    }

    /** The most of a CapabilityStatement read: vendors' run to a few megabytes. */
    static final int MAX_STATEMENT_BYTES = 8 * 1024 * 1024;

    /**
     * The server's CapabilityStatement ({@code [base]/metadata}) as JSON, or empty when it gives
     * none within the time, the byte cap, or as JSON. It is asked for without the client's token:
     * a server gives its statement to any client (FHIR R4 RESTful API, capabilities; SMART App
     * Launch discovery), and the token goes nowhere it is not needed.
     */
    Optional<JsonNode> metadata(URI server, Duration timeout) {
        String text = server.toString();
        URI url = URI.create(text.endsWith("/") ? text : text + "/").resolve("metadata");
        if (timeout.isNegative() || timeout.isZero()) {
            return Optional.empty();
        }
        FhirRead observed = FhirRead.capabilities(server);
        Observation observation = Observation.createNotStarted(FhirRead.NAME, () -> observed, observations)
                .start();
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Accept", "application/fhir+json")
                .GET();
        observed.traceHeaders().forEach(request::header);
        int status = 0;
        Optional<JsonNode> statement = Optional.empty();
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            status = response.statusCode();
            try (InputStream body = response.body()) {
                if (status >= 200 && status <= 299) {
                    AtomicLong left = new AtomicLong(MAX_STATEMENT_BYTES);
                    statement = Optional.ofNullable(REFUSAL_JSON.readTree(new CappedInputStream(body, left)));
                }
            }
        } catch (IOException | RuntimeException e) {
            statement = Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            statement = Optional.empty();
        } finally {
            observed.ended(statement.isPresent(), status);
            observation.stop();
        }
        return statement;
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

    /**
     * How far a search got, for the log of one that ran out of time; the status of its last answer
     * and the trace context its requests carry, for its observation.
     */
    private static final class Progress {
        private final AtomicInteger pages = new AtomicInteger();
        private final AtomicLong bytes = new AtomicLong();
        private final AtomicInteger status = new AtomicInteger();
        private volatile Map<String, String> traceHeaders = Map.of();

        Outcome failed(String reason) {
            return new Outcome(List.of(), Optional.of(reason), pages.get(), bytes.get(), Optional.empty());
        }
    }

    /** The reads of one hook call: its server, token, deadline, and the streams still open. */
    private final class Call {

        private final URI base;
        private final Optional<String> accessToken;
        private final long deadline;
        private final Map<InputStream, Boolean> open = new ConcurrentHashMap<>();
        private final Map<List<Request>, CompletableFuture<Outcome>> retries = new ConcurrentHashMap<>();
        private final Optional<MemoryBudget.Lease> lease;
        private int working;
        private volatile boolean aborted;

        Call(URI server, Optional<String> accessToken, long deadline, Optional<MemoryBudget.Lease> lease) {
            String text = server.toString();
            this.base = URI.create(text.endsWith("/") ? text : text + "/");
            this.accessToken = accessToken;
            this.deadline = deadline;
            this.lease = lease;
        }

        void abort() {
            aborted = true;
            open.keySet().forEach(Call::closeQuietly);
        }

        /** Whether every read of the call has stopped within {@code grace}. */
        boolean awaitStopped(Duration grace) {
            long end = System.nanoTime() + grace.toNanos();
            synchronized (this) {
                while (working > 0) {
                    long left = end - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    try {
                        TimeUnit.NANOSECONDS.timedWait(this, left);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }
                return true;
            }
        }

        /**
         * Runs one read of the call on the thread that calls it, counted as working until it ends;
         * one that starts after the call was cut off reads nothing.
         */
        private Outcome working(Supplier<Outcome> read) {
            synchronized (this) {
                working++;
            }
            running.incrementAndGet();
            try {
                return aborted ? Outcome.failed(TIME_LIMIT) : read.get();
            } finally {
                running.decrementAndGet();
                synchronized (this) {
                    working--;
                    notifyAll();
                }
            }
        }

        /**
         * Runs a search on the thread that calls it, observed as a child of {@code parent}, the
         * hook call's observation on the thread that submitted it.
         */
        Outcome run(Search search, Progress progress, Observation parent) {
            FhirRead observed = FhirRead.of(base, search.first().url(), search.key());
            Observation observation = Observation.createNotStarted(FhirRead.NAME, () -> observed, observations)
                    .parentObservation(parent)
                    .start();
            progress.traceHeaders = observed.traceHeaders();
            Outcome outcome = Outcome.failed(TIME_LIMIT);
            try (Observation.Scope scope = observation.openScope()) {
                outcome = working(() -> runSearch(search, progress));
                return outcome;
            } catch (RuntimeException e) {
                observation.error(e);
                throw e;
            } finally {
                observed.ended(outcome, progress.status.get());
                observation.stop();
            }
        }

        private Outcome runSearch(Search search, Progress progress) {
            Refused refused = new Refused();
            AtomicInteger budget = search.budget(settings.maxSearchResources());
            Outcome outcome = read(search.first(), budget, search.alreadyRead(), progress, refused);
            if (refused.status == 0) {
                return outcome;
            }
            List<Request> instead = search.recovery().after(refused.status, refused.said);
            if (instead.isEmpty()) {
                return outcome;
            }
            // What the server said stays here: it may echo the search, and so the patient's id.
            String retried = "HTTP " + refused.status;
            // The same second try of several keys (code chunks of one type) is read once.
            CompletableFuture<Outcome> mine = new CompletableFuture<>();
            CompletableFuture<Outcome> running = retries.putIfAbsent(instead, mine);
            if (running == null) {
                Outcome second = readAll(instead, budget, search.alreadyRead(), progress);
                Outcome marked = new Outcome(
                        second.resources(),
                        second.failure(),
                        outcome.pages() + second.pages(),
                        outcome.bytes() + second.bytes(),
                        Optional.of(retried));
                mine.complete(marked);
                return marked;
            }
            try {
                Outcome shared = running.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                // Another key of the same search holds the resources; this one needs none of its own.
                return new Outcome(List.of(), shared.failure(), outcome.pages(), outcome.bytes(), Optional.of(retried));
            } catch (TimeoutException | ExecutionException e) {
                return Outcome.failed(TIME_LIMIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcome.failed(TIME_LIMIT);
            }
        }

        /** The requests read at the same time, on the pool where it has room, their resources merged. */
        private Outcome readAll(List<Request> requests, AtomicInteger budget, int alreadyRead, Progress progress) {
            if (requests.size() == 1) {
                return read(requests.get(0), budget, alreadyRead, progress, null);
            }
            List<CompletableFuture<Outcome>> reads = new ArrayList<>();
            for (Request request : requests) {
                try {
                    reads.add(CompletableFuture.supplyAsync(
                            () -> working(() -> read(request, budget, alreadyRead, progress, null)), pool));
                } catch (RejectedExecutionException e) {
                    reads.add(CompletableFuture.completedFuture(read(request, budget, alreadyRead, progress, null)));
                }
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (CompletableFuture<Outcome> read : reads) {
                try {
                    outcomes.add(read.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
                } catch (TimeoutException | ExecutionException e) {
                    outcomes.add(Outcome.failed(TIME_LIMIT));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    outcomes.add(Outcome.failed(TIME_LIMIT));
                }
            }
            return merged(outcomes);
        }

        /**
         * Reads a search page by page.
         *
         * @param budget the resources it may still read, shared with the searches read with it
         * @param refused where a refusal of the first page is noted, for a second try; null when
         *     there is none
         */
        private Outcome read(Request first, AtomicInteger budget, int alreadyRead, Progress progress, Refused refused) {
            List<IBaseResource> resources = new ArrayList<>();
            AtomicLong bytesLeft = new AtomicLong(settings.maxSearchBytes().toBytes());
            int pageCount = 0;
            int matches = 0;
            Optional<Integer> total = Optional.empty();
            Request request = first;
            while (true) {
                if (pageCount >= settings.maxPages()) {
                    return partial("more than " + settings.maxPages() + " pages of results", pageCount, bytesLeft);
                }
                HttpResponse<InputStream> response;
                try {
                    response = send(request, progress.traceHeaders);
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
                progress.status.set(response.statusCode());
                InputStream body = response.body();
                open.put(body, Boolean.TRUE);
                PageParser.Page page;
                try {
                    int status = response.statusCode();
                    if (refused != null && pageCount == 1 && REFUSALS.contains(status)) {
                        refused.status = status;
                        refused.said = said(body);
                        return partial("FHIR server refused the search (HTTP " + status + ")", pageCount, bytesLeft);
                    }
                    if (status == 401 || status == 403) {
                        return partial("FHIR server refused access (HTTP " + status + ")", pageCount, bytesLeft);
                    }
                    if (status < 200 || status > 299) {
                        return partial("FHIR server answered HTTP " + status, pageCount, bytesLeft);
                    }
                    CappedInputStream capped = new CappedInputStream(body, bytesLeft);
                    page = pages.parse(capped, Math.max(0, budget.get()), lease);
                    // What follows the JSON (a newline) is read too, so that the connection is reused.
                    capped.transferTo(OutputStream.nullOutputStream());
                } catch (PageParser.LimitException e) {
                    return partial(e.getMessage(), pageCount, bytesLeft);
                } catch (InterruptedIOException e) {
                    return partial(TIME_LIMIT, pageCount, bytesLeft);
                } catch (IOException e) {
                    return partial(
                            aborted ? TIME_LIMIT : "FHIR server answer is not FHIR R4 JSON", pageCount, bytesLeft);
                } catch (MemoryBudget.Exhausted e) {
                    // The call is refused as a whole once its reads have stopped.
                    return partial("no memory left for the calls in flight", pageCount, bytesLeft);
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
                // Searches that share a limit read at once: each page is counted as it ends, and
                // the limit holds over all of them, by at most one page each while they run.
                if (budget.addAndGet(-page.counted()) < 0) {
                    return partial("more resources than the limit of one search", pageCount, bytesLeft);
                }
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
                request = Request.get(next.get());
            }
        }

        /** @param traceHeaders the trace context of the read, sent with each of its requests */
        private HttpResponse<InputStream> send(Request wanted, Map<String, String> traceHeaders)
                throws IOException, InterruptedException {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0 || aborted) {
                throw new HttpTimeoutException(TIME_LIMIT);
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(wanted.url())
                    .timeout(Duration.ofNanos(remaining))
                    .header("Accept", "application/fhir+json");
            if (wanted.form().isPresent()) {
                request.header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(wanted.form().get(), StandardCharsets.UTF_8));
            } else {
                request.GET();
            }
            accessToken.ifPresent(token -> request.header("Authorization", "Bearer " + token));
            // W3C Trace Context: random ids that link the server's own trace of the read to this
            // call's, and nothing of the patient; none when tracing is off.
            traceHeaders.forEach(request::header);
            return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        }

        private Outcome partial(String reason, int pageCount, AtomicLong bytesLeft) {
            return new Outcome(List.of(), Optional.of(reason), pageCount, bytesRead(bytesLeft), Optional.empty());
        }

        private Outcome done(List<IBaseResource> resources, int pageCount, AtomicLong bytesLeft) {
            return new Outcome(
                    List.copyOf(resources), Optional.empty(), pageCount, bytesRead(bytesLeft), Optional.empty());
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

    /**
     * Statuses of a first page that a second try may mend: 400 and 422 (a search the server does
     * not take, FHIR R4 search), 414 (a request-URI too long: the same search as a POST).
     */
    private static final Set<Integer> REFUSALS = Set.of(400, 414, 422);

    /** The most of a refusal's body read for what it says. */
    private static final int MAX_REFUSAL_BYTES = 64 * 1024;

    /** A refusal of a search's first page: its status and what its OperationOutcome said. */
    private static final class Refused {
        int status;
        String said = "";
    }

    /** The texts of an OperationOutcome's issues (details, diagnostics), or empty. */
    static String said(InputStream body) {
        try {
            byte[] bytes = body.readNBytes(MAX_REFUSAL_BYTES);
            JsonNode outcome = REFUSAL_JSON.readTree(bytes);
            if (outcome == null
                    || !"OperationOutcome".equals(outcome.path("resourceType").asText())) {
                return "";
            }
            List<String> texts = new ArrayList<>();
            for (JsonNode issue : outcome.path("issue")) {
                for (String text : List.of(
                        issue.path("details").path("text").asText(""),
                        issue.path("diagnostics").asText(""))) {
                    if (!text.isBlank() && !texts.contains(text.strip())) {
                        texts.add(text.strip());
                    }
                }
            }
            String joined = String.join(" ", texts).replaceAll("\\s+", " ");
            // Said to a log and to a planner: short, and of printable characters only.
            return joined.replaceAll("[^\\p{Print}]", "").substring(0, Math.min(joined.length(), 300));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static final ObjectMapper REFUSAL_JSON = new ObjectMapper();

    /** Outcomes of several searches as one: their resources, each once, or the first failure. */
    static Outcome merged(List<Outcome> outcomes) {
        Map<String, IBaseResource> resources = new LinkedHashMap<>();
        int pages = 0;
        long bytes = 0;
        Optional<String> failure = Optional.empty();
        for (Outcome outcome : outcomes) {
            pages += outcome.pages();
            bytes += outcome.bytes();
            if (failure.isEmpty()) {
                failure = outcome.failure();
            }
            for (IBaseResource resource : outcome.resources()) {
                String id = resource.getIdElement().getIdPart();
                resources.putIfAbsent(id == null ? "#" + resources.size() : resource.fhirType() + "/" + id, resource);
            }
        }
        return failure.isPresent()
                ? new Outcome(List.of(), failure, pages, bytes, Optional.empty())
                : new Outcome(List.copyOf(resources.values()), Optional.empty(), pages, bytes, Optional.empty());
    }

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
