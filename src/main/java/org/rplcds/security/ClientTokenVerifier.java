package org.rplcds.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.rplcds.CdsSettings;

/**
 * Verifies the JWT a CDS client sends (CDS Hooks 2.0, "Trusting CDS Clients"): ES384 or RS384
 * only; the key from the client's configured key set, or from the {@code jku} header when that URL
 * is allowlisted for the issuer, or from the key set pinned for the issuer (then {@code jku} is
 * ignored); {@code kid}, {@code iss}, {@code aud}, {@code exp}, {@code iat} and {@code jti} all
 * required; at most {@code max-lifetime} from {@code iat} to {@code exp}; a {@code jti} is accepted
 * once, across replicas and restarts.
 */
class ClientTokenVerifier {

    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.ES384, JWSAlgorithm.RS384);

    private final CdsSettings.Security settings;
    private final TrustedClients clients;
    private final KeySets keySets;
    private final TokenUses uses;
    private final Clock clock;

    ClientTokenVerifier(
            CdsSettings.Security settings, TrustedClients clients, KeySets keySets, TokenUses uses, Clock clock) {
        this.settings = settings;
        this.clients = clients;
        this.keySets = keySets;
        this.uses = uses;
        this.clock = clock;
    }

    /**
     * @param token the bearer token
     * @param endpoint the URL path called, such as {@code /cds-services/recurrent-miscarriage}
     * @return the issuer, for the log
     */
    String verify(String token, String endpoint) throws InvalidClientTokenException {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new InvalidClientTokenException(
                    "not a signed JWT", "a JWS in compact form (header.claims.signature)");
        }
        try {
            return verify(jwt, claims, endpoint);
        } catch (InvalidClientTokenException e) {
            throw e.received(received(jwt, claims));
        }
    }

    private String verify(SignedJWT jwt, JWTClaimsSet claims, String endpoint) throws InvalidClientTokenException {
        JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
        if (!ALGORITHMS.contains(algorithm)) {
            throw new InvalidClientTokenException("algorithm not accepted", "alg ES384 or RS384");
        }
        String kid = jwt.getHeader().getKeyID();
        if (kid == null || kid.isBlank()) {
            throw new InvalidClientTokenException("no kid", "a kid naming a key of the issuer");
        }
        String issuer = claims.getIssuer();
        CdsSettings.Security.TrustedClient client = clients.client(issuer)
                .orElseThrow(() -> new InvalidClientTokenException(
                        "issuer not trusted", "iss one of " + escaped(clients.issuers())));
        // Claims a signature cannot mend are checked first: a stale or misaddressed token costs no key fetch.
        checkAudience(claims.getAudience(), endpoint);
        String jti = checkTimes(claims);
        JWK key = key(jwt, client, kid);
        if (!verified(jwt, algorithm, key)) {
            throw new InvalidClientTokenException("bad signature", "a signature by the key " + LogText.escaped(kid));
        }
        Instant expiry = claims.getExpirationTime().toInstant().plus(settings.clockSkew());
        if (!uses.firstUse(issuer, jti, expiry)) {
            throw new InvalidClientTokenException("jti replayed", "a jti not used before");
        }
        return issuer;
    }

    /**
     * What a refused token carried, for the log: its header's {@code alg}, {@code kid} and {@code
     * jku}, and of its claims only {@code iss}, {@code aud}, {@code iat} and {@code exp}, escaped;
     * never the token, nor a claim that could carry patient data ({@code sub}, a context).
     */
    private static String received(SignedJWT jwt, JWTClaimsSet claims) {
        StringBuilder text = new StringBuilder()
                .append("alg=")
                .append(LogText.escaped(String.valueOf(jwt.getHeader().getAlgorithm())))
                .append(" kid=")
                .append(LogText.escaped(jwt.getHeader().getKeyID()))
                .append(" iss=")
                .append(LogText.escaped(claims.getIssuer()))
                .append(" aud=")
                .append(escaped(claims.getAudience()))
                .append(" iat=")
                .append(instant(claims.getIssueTime()))
                .append(" exp=")
                .append(instant(claims.getExpirationTime()));
        if (jwt.getHeader().getJWKURL() != null) {
            text.append(" jku=")
                    .append(LogText.escaped(jwt.getHeader().getJWKURL().toString()));
        }
        return text.toString();
    }

    /** Values for the log: each escaped, at most {@value #LOGGED_VALUES} of them. */
    static String escaped(List<String> values) {
        List<String> shown =
                values.stream().limit(LOGGED_VALUES).map(LogText::escaped).toList();
        return shown + (values.size() > LOGGED_VALUES ? " and " + (values.size() - LOGGED_VALUES) + " more" : "");
    }

    static final int LOGGED_VALUES = 8;

    private static String instant(Date date) {
        return date == null ? "-" : date.toInstant().toString();
    }

    private JWK key(SignedJWT jwt, CdsSettings.Security.TrustedClient client, String kid)
            throws InvalidClientTokenException {
        Optional<JWKSet> pinnedKeys = clients.pinned(client.issuer());
        if (pinnedKeys.isPresent()) {
            // A pinned key set is the issuer's only one: a jku, whatever it names, is not fetched.
            return Optional.ofNullable(pinnedKeys.get().getKeyByKeyId(kid))
                    .orElseThrow(() -> new InvalidClientTokenException(
                            "unknown kid", "kid one of " + escaped(kids(pinnedKeys.get())) + " (pinned)"));
        }
        String url = keySetUrl(jwt, client);
        try {
            return keySets.key(url, kid)
                    .orElseThrow(() -> new InvalidClientTokenException(
                            "unknown kid",
                            "kid one of " + escaped(keySets.kids(url)) + " (from " + LogText.escaped(url) + ")"));
        } catch (InvalidClientTokenException e) {
            if (e.expected() != null) {
                throw e;
            }
            // The key set could not be had: the reason says why.
            throw new InvalidClientTokenException(e.getMessage(), "the key set at " + LogText.escaped(url));
        }
    }

    private static List<String> kids(JWKSet keys) {
        return keys.getKeys().stream()
                .map(JWK::getKeyID)
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    private static String keySetUrl(SignedJWT jwt, CdsSettings.Security.TrustedClient client)
            throws InvalidClientTokenException {
        if (jwt.getHeader().getJWKURL() != null) {
            String jku = jwt.getHeader().getJWKURL().toString();
            if (!client.jkuAllowlist().contains(jku)) {
                throw new InvalidClientTokenException(
                        "jku not allowlisted for the issuer",
                        client.jkuAllowlist().isEmpty()
                                ? "no jku (none is allowlisted for the issuer)"
                                : "jku one of " + escaped(client.jkuAllowlist()));
            }
            return jku;
        }
        if (client.jwksUrl() == null || client.jwksUrl().isBlank()) {
            throw new InvalidClientTokenException(
                    "no key set configured for the issuer", "jku one of " + escaped(client.jkuAllowlist()));
        }
        return client.jwksUrl();
    }

    private static boolean verified(SignedJWT jwt, JWSAlgorithm algorithm, JWK key) throws InvalidClientTokenException {
        try {
            JWSVerifier verifier;
            if (algorithm == JWSAlgorithm.ES384 && key instanceof ECKey ec) {
                verifier = new ECDSAVerifier(ec.toECPublicKey());
            } else if (algorithm == JWSAlgorithm.RS384 && key instanceof RSAKey rsa) {
                verifier = new RSASSAVerifier(rsa.toRSAPublicKey());
            } else {
                throw new InvalidClientTokenException(
                        "key type does not match the algorithm",
                        "alg " + (key instanceof ECKey ? "ES384" : "RS384") + " for the key "
                                + LogText.escaped(key.getKeyID()));
            }
            return jwt.verify(verifier);
        } catch (JOSEException e) {
            throw new InvalidClientTokenException("signature check failed", "a signature the key can check");
        }
    }

    /** {@code aud} names this service: its base URL, or the endpoint URL called. */
    private void checkAudience(List<String> audience, String endpoint) throws InvalidClientTokenException {
        String base = trim(settings.audience());
        for (String value : audience) {
            String aud = trim(value);
            if (aud.equals(base) || aud.equals(base + endpoint)) {
                return;
            }
        }
        throw new InvalidClientTokenException(
                "aud does not name this service", "aud " + base + " or " + base + LogText.escaped(endpoint));
    }

    private String checkTimes(JWTClaimsSet claims) throws InvalidClientTokenException {
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        Date iat = claims.getIssueTime();
        if (exp == null || iat == null) {
            throw new InvalidClientTokenException("exp and iat required", "both exp and iat");
        }
        if (exp.toInstant().plus(settings.clockSkew()).isBefore(now)) {
            throw new InvalidClientTokenException(
                    "expired", "exp after " + now.minus(settings.clockSkew()) + " (now less the skew)");
        }
        if (exp.toInstant().isAfter(now.plus(settings.maxLifetime()).plus(settings.clockSkew()))) {
            throw new InvalidClientTokenException(
                    "exp too far ahead",
                    "exp at most " + now.plus(settings.maxLifetime()).plus(settings.clockSkew())
                            + " (now plus max-lifetime and the skew)");
        }
        if (iat.toInstant().isAfter(now.plus(settings.clockSkew()))) {
            throw new InvalidClientTokenException(
                    "iat in the future", "iat at most " + now.plus(settings.clockSkew()) + " (now plus the skew)");
        }
        if (Duration.between(iat.toInstant(), exp.toInstant())
                        .compareTo(settings.maxLifetime().plus(settings.clockSkew()))
                > 0) {
            throw new InvalidClientTokenException(
                    "exp too long after iat",
                    "exp at most " + settings.maxLifetime().plus(settings.clockSkew()) + " after iat");
        }
        return Optional.ofNullable(claims.getJWTID())
                .filter(j -> !j.isBlank())
                .orElseThrow(() -> new InvalidClientTokenException("jti required", "a jti"));
    }

    private static String trim(String url) {
        return url == null ? "" : url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
