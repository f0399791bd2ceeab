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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private final KeySets keySets;
    private final TokenUses uses;
    private final Clock clock;
    /** Key sets pinned in the configuration, by issuer. */
    private final Map<String, JWKSet> pinned;

    ClientTokenVerifier(CdsSettings.Security settings, KeySets keySets, TokenUses uses, Clock clock) {
        this.settings = settings;
        this.keySets = keySets;
        this.uses = uses;
        this.clock = clock;
        Map<String, JWKSet> keys = new HashMap<>();
        for (CdsSettings.Security.TrustedClient client : settings.trustedClients()) {
            if (client.jwks() != null && !client.jwks().isBlank()) {
                keys.put(client.issuer(), PinnedKeys.read(client.issuer(), client.jwks()));
            }
        }
        this.pinned = Map.copyOf(keys);
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
            throw new InvalidClientTokenException("not a signed JWT");
        }
        JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
        if (!ALGORITHMS.contains(algorithm)) {
            throw new InvalidClientTokenException("algorithm " + algorithm + " not accepted");
        }
        String kid = jwt.getHeader().getKeyID();
        if (kid == null || kid.isBlank()) {
            throw new InvalidClientTokenException("no kid");
        }
        String issuer = claims.getIssuer();
        CdsSettings.Security.TrustedClient client = settings.trustedClients().stream()
                .filter(c -> c.issuer() != null && c.issuer().equals(issuer))
                .findFirst()
                .orElseThrow(() -> new InvalidClientTokenException("issuer not trusted"));
        // Claims a signature cannot mend are checked first: a stale or misaddressed token costs no key fetch.
        checkAudience(claims.getAudience(), endpoint);
        String jti = checkTimes(claims);
        JWK key = key(jwt, client, kid).orElseThrow(() -> new InvalidClientTokenException("no key " + kid));
        if (!verified(jwt, algorithm, key)) {
            throw new InvalidClientTokenException("bad signature");
        }
        Instant expiry = claims.getExpirationTime().toInstant().plus(settings.clockSkew());
        if (!uses.firstUse(issuer, jti, expiry)) {
            throw new InvalidClientTokenException("jti replayed");
        }
        return issuer;
    }

    private Optional<JWK> key(SignedJWT jwt, CdsSettings.Security.TrustedClient client, String kid)
            throws InvalidClientTokenException {
        JWKSet pinnedKeys = pinned.get(client.issuer());
        if (pinnedKeys != null) {
            // A pinned key set is the issuer's only one: a jku, whatever it names, is not fetched.
            return Optional.ofNullable(pinnedKeys.getKeyByKeyId(kid));
        }
        return keySets.key(keySetUrl(jwt, client), kid);
    }

    private static String keySetUrl(SignedJWT jwt, CdsSettings.Security.TrustedClient client)
            throws InvalidClientTokenException {
        if (jwt.getHeader().getJWKURL() != null) {
            String jku = jwt.getHeader().getJWKURL().toString();
            if (!client.jkuAllowlist().contains(jku)) {
                throw new InvalidClientTokenException("jku not allowlisted for the issuer");
            }
            return jku;
        }
        if (client.jwksUrl() == null || client.jwksUrl().isBlank()) {
            throw new InvalidClientTokenException("no key set configured for the issuer");
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
                throw new InvalidClientTokenException("key type does not match the algorithm");
            }
            return jwt.verify(verifier);
        } catch (JOSEException e) {
            throw new InvalidClientTokenException("signature check failed");
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
        throw new InvalidClientTokenException("aud does not name this service");
    }

    private String checkTimes(JWTClaimsSet claims) throws InvalidClientTokenException {
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        Date iat = claims.getIssueTime();
        if (exp == null || iat == null) {
            throw new InvalidClientTokenException("exp and iat required");
        }
        if (exp.toInstant().plus(settings.clockSkew()).isBefore(now)) {
            throw new InvalidClientTokenException("expired");
        }
        if (exp.toInstant().isAfter(now.plus(settings.maxLifetime()).plus(settings.clockSkew()))) {
            throw new InvalidClientTokenException("exp too far ahead");
        }
        if (iat.toInstant().isAfter(now.plus(settings.clockSkew()))) {
            throw new InvalidClientTokenException("iat in the future");
        }
        if (Duration.between(iat.toInstant(), exp.toInstant())
                        .compareTo(settings.maxLifetime().plus(settings.clockSkew()))
                > 0) {
            throw new InvalidClientTokenException("exp too long after iat");
        }
        return Optional.ofNullable(claims.getJWTID())
                .filter(j -> !j.isBlank())
                .orElseThrow(() -> new InvalidClientTokenException("jti required"));
    }

    private static String trim(String url) {
        return url == null ? "" : url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
