package org.rplcds.security;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.rplcds.CdsSettings;

/**
 * Clients' JSON Web Key Sets, fetched over HTTP and cached. A fetch reads at most
 * {@code jwks-max-size} bytes within {@code jwks-timeout}, body included. A failed fetch is
 * remembered for {@code jwks-failure-ttl}: bad tokens naming a dead key set do not refetch it. An
 * unknown {@code kid} refetches the set (a client rotated its keys), at most once per ten seconds
 * per URL; one fetch per URL runs at a time, and callers waiting for it take its result.
 */
class KeySets {

    private static final long REFETCH_AFTER_MISS_SECONDS = 10;

    /** A fetch's outcome: the keys, or why there are none. */
    private record Fetched(JWKSet keys, String failure, Instant at) {}

    private final CdsSettings.Security settings;
    private final Clock clock;
    private final HttpClient http;
    private final Map<String, Fetched> cache = new ConcurrentHashMap<>();
    private final Map<String, Object> fetching = new ConcurrentHashMap<>();

    KeySets(CdsSettings.Security settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.jwksTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    Optional<JWK> key(String url, String kid) throws InvalidClientTokenException {
        Optional<Optional<JWK>> known = lookUp(cache.get(url), kid, clock.instant());
        if (known.isPresent()) {
            return known.get();
        }
        // Single flight: the URLs are those of the configuration (jku is allowlisted before this).
        synchronized (fetching.computeIfAbsent(url, u -> new Object())) {
            known = lookUp(cache.get(url), kid, clock.instant());
            if (known.isPresent()) {
                return known.get();
            }
            Fetched fetched = fetch(url);
            cache.put(url, fetched);
            return found(fetched, kid);
        }
    }

    /**
     * The kids of the key set last fetched from the URL, for the log of a refused token; none when no
     * set was fetched or the fetch failed.
     */
    List<String> kids(String url) {
        Fetched fetched = cache.get(url);
        if (fetched == null || fetched.keys() == null) {
            return List.of();
        }
        return fetched.keys().getKeys().stream()
                .map(JWK::getKeyID)
                .filter(Objects::nonNull)
                .toList();
    }

    /** What the cache says of the kid; empty when only a fetch can tell. */
    private Optional<Optional<JWK>> lookUp(Fetched cached, String kid, Instant now) throws InvalidClientTokenException {
        if (cached == null) {
            return Optional.empty();
        }
        if (cached.failure() != null) {
            if (cached.at().plus(settings.jwksFailureTtl()).isAfter(now)) {
                throw new InvalidClientTokenException(
                        "key set unavailable since " + cached.at() + ": " + cached.failure());
            }
            return Optional.empty();
        }
        if (cached.at().plus(settings.jwksCacheTtl()).isBefore(now)) {
            return Optional.empty();
        }
        JWK key = cached.keys().getKeyByKeyId(kid);
        if (key == null && cached.at().plusSeconds(REFETCH_AFTER_MISS_SECONDS).isBefore(now)) {
            return Optional.empty();
        }
        return Optional.of(Optional.ofNullable(key));
    }

    private static Optional<JWK> found(Fetched fetched, String kid) throws InvalidClientTokenException {
        if (fetched.failure() != null) {
            throw new InvalidClientTokenException(fetched.failure());
        }
        return Optional.ofNullable(fetched.keys().getKeyByKeyId(kid));
    }

    private Fetched fetch(String url) {
        Instant now = clock.instant();
        long maxBytes = settings.jwksMaxSize().toBytes();
        AtomicReference<Capped> body = new AtomicReference<>();
        CompletableFuture<HttpResponse<byte[]>> response;
        try {
            response = http.sendAsync(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(settings.jwksTimeout())
                            .header("Accept", "application/json")
                            .GET()
                            .build(),
                    info -> {
                        Capped capped = new Capped(
                                maxBytes,
                                info.headers()
                                        .firstValueAsLong("Content-Length")
                                        .orElse(-1));
                        body.set(capped);
                        return capped;
                    });
        } catch (IllegalArgumentException e) {
            return new Fetched(null, "key set URL unusable", now);
        }
        try {
            HttpResponse<byte[]> answer = response.get(settings.jwksTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (answer.statusCode() != 200) {
                return new Fetched(null, "key set answered HTTP " + answer.statusCode(), now);
            }
            return new Fetched(JWKSet.parse(new String(answer.body(), StandardCharsets.UTF_8)), null, now);
        } catch (TimeoutException e) {
            return new Fetched(null, "key set not read within " + settings.jwksTimeout(), now);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TooLargeException) {
                return new Fetched(null, "key set larger than " + maxBytes + " bytes", now);
            }
            return new Fetched(
                    null, "key set unreadable: " + e.getCause().getClass().getSimpleName(), now);
        } catch (ParseException e) {
            return new Fetched(null, "key set is not a JWK Set", now);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Fetched(null, "interrupted fetching the key set", now);
        } finally {
            // Whatever became of the fetch, nothing more of the body is read.
            Capped capped = body.get();
            if (capped != null) {
                capped.abort();
            }
            response.cancel(true);
        }
    }

    private static final class TooLargeException extends IOException {
        TooLargeException() {
            super("key set too large", null);
        }
    }

    /** Collects a body up to a number of bytes; past it, or on abort, it stops reading. */
    private static final class Capped implements HttpResponse.BodySubscriber<byte[]> {

        private final long maxBytes;
        private final boolean declaredTooLarge;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private volatile Flow.Subscription subscription;
        private volatile boolean aborted;

        Capped(long maxBytes, long contentLength) {
            this.maxBytes = maxBytes;
            this.declaredTooLarge = contentLength > maxBytes;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (declaredTooLarge) {
                subscription.cancel();
                result.completeExceptionally(new TooLargeException());
            } else if (aborted) {
                subscription.cancel();
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                if (bytes.size() + (long) item.remaining() > maxBytes) {
                    subscription.cancel();
                    result.completeExceptionally(new TooLargeException());
                    return;
                }
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }

        void abort() {
            aborted = true;
            Flow.Subscription current = subscription;
            if (current != null) {
                current.cancel();
            }
            result.completeExceptionally(new IOException("aborted"));
        }
    }
}
