package org.rplcds.security;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Clients' JSON Web Key Sets, fetched over HTTP and cached. An unknown {@code kid} refetches the
 * set (a client rotated its keys), at most once per ten seconds per URL.
 */
class KeySets {

    private static final long REFETCH_AFTER_MISS_SECONDS = 10;

    private record Cached(JWKSet keys, Instant fetched) {}

    private final SecurityProperties settings;
    private final Clock clock;
    private final HttpClient http;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    KeySets(SecurityProperties settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.jwksTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    Optional<JWK> key(String url, String kid) throws InvalidClientTokenException {
        Instant now = clock.instant();
        Cached cached = cache.get(url);
        if (cached == null || cached.fetched().plus(settings.jwksCacheTtl()).isBefore(now)) {
            cached = fetch(url, now);
        }
        JWK key = cached.keys().getKeyByKeyId(kid);
        if (key == null
                && cached.fetched().plusSeconds(REFETCH_AFTER_MISS_SECONDS).isBefore(now)) {
            key = fetch(url, now).keys().getKeyByKeyId(kid);
        }
        return Optional.ofNullable(key);
    }

    private Cached fetch(String url, Instant now) throws InvalidClientTokenException {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(settings.jwksTimeout())
                            .header("Accept", "application/json")
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new InvalidClientTokenException("key set answered HTTP " + response.statusCode());
            }
            Cached fetched = new Cached(JWKSet.parse(response.body()), now);
            cache.put(url, fetched);
            return fetched;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvalidClientTokenException("interrupted fetching the key set");
        } catch (java.io.IOException | java.text.ParseException | IllegalArgumentException e) {
            throw new InvalidClientTokenException(
                    "key set unreadable: " + e.getClass().getSimpleName());
        }
    }
}
