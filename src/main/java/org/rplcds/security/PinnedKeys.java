package org.rplcds.security;

import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;

/** A key set pinned in the configuration: a JWKS document inline, or the path of a file holding one. */
final class PinnedKeys {

    private PinnedKeys() {}

    /** Read once at start: a pinned key set that cannot be read stops the service from starting. */
    static JWKSet read(String issuer, String jwks) {
        String text = jwks.strip();
        try {
            if (!text.startsWith("{")) {
                text = Files.readString(Path.of(text), StandardCharsets.UTF_8);
            }
            JWKSet keys = JWKSet.parse(text).toPublicJWKSet();
            if (keys.getKeys().isEmpty()) {
                throw new IllegalStateException("the key set pinned for " + issuer + " has no public key");
            }
            return keys;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the key set pinned for " + issuer + ": " + jwks, e);
        } catch (ParseException e) {
            throw new IllegalStateException("the key set pinned for " + issuer + " is not a JWK Set", e);
        }
    }
}
