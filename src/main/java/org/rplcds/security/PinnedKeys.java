package org.rplcds.security;

import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.ParseException;
import org.rplcds.system.Docs;
import org.rplcds.system.InvalidSettingException;

/** A key set pinned in the configuration: a JWKS document inline, or the path of a file holding one. */
final class PinnedKeys {

    private PinnedKeys() {}

    /**
     * Read once at start: a pinned key set that cannot be read stops the service from starting.
     *
     * @param setting the setting that pins it, {@code cds.security.trusted-clients[0].jwks}
     */
    static JWKSet read(String setting, String issuer, String jwks) {
        String text = jwks.strip();
        boolean inline = text.startsWith("{");
        String where = inline ? "given inline" : "in " + text;
        try {
            if (!inline) {
                if (Files.isDirectory(Path.of(text))) {
                    throw refused(setting + ": cannot read the key set pinned for " + issuer + " from " + text
                            + " (a folder, not a file)");
                }
                text = Files.readString(Path.of(text), StandardCharsets.UTF_8);
            }
            JWKSet keys = JWKSet.parse(text).toPublicJWKSet();
            if (keys.getKeys().isEmpty()) {
                throw refused(setting + ": the key set pinned for " + issuer + " (" + where + ") has no public key");
            }
            return keys;
        } catch (IOException e) {
            throw refused(setting + ": cannot read the key set pinned for " + issuer + " from " + jwks.strip() + " ("
                    + why(e) + ")");
        } catch (ParseException e) {
            throw refused(setting + ": the key set pinned for " + issuer + " (" + where + ") is not a JWK Set");
        }
    }

    private static InvalidSettingException refused(String description) {
        return new InvalidSettingException(
                description,
                "Put the issuer's public JWK Set ({\"keys\": [...]}) in a file the service can read and name it"
                        + " here, or give the set inline, or give its URL as jwks-url instead; "
                        + Docs.SECURE_IT + " shows each.");
    }

    private static String why(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "not readable by the service";
        }
        return e.getClass().getSimpleName();
    }
}
