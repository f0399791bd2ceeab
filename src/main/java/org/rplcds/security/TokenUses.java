package org.rplcds.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code jti} of every accepted token until it expires, in the database: every replica and
 * every restart sees the same uses. The primary key refuses a second use; rows past their expiry
 * are deleted, at most once a minute per instance.
 */
class TokenUses {

    static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final AtomicReference<Instant> lastSweep = new AtomicReference<>();

    TokenUses(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Records the use of the token; false when it was used before.
     *
     * @param expiry when the token can no longer be accepted, skew included
     */
    boolean firstUse(String issuer, String jti, Instant expiry) throws InvalidClientTokenException {
        try {
            sweep();
            jdbc.update(
                    "insert into client_token_use (token_id, expires_at) values (?, ?)",
                    id(issuer, jti),
                    Timestamp.from(expiry));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        } catch (DataAccessException e) {
            // Without the store a replay cannot be told apart: the call waits for it (503), never
            // passes, and the token is not called bad.
            throw new TokenStoreUnavailableException(e);
        }
    }

    private void sweep() {
        Instant now = clock.instant();
        Instant last = lastSweep.get();
        if ((last == null || !last.plus(SWEEP_EVERY).isAfter(now)) && lastSweep.compareAndSet(last, now)) {
            jdbc.update("delete from client_token_use where expires_at < ?", Timestamp.from(now));
        }
    }

    /** Issuer and jti hashed: a fixed-length key whatever their length, and no token text stored. */
    static String id(String issuer, String jti) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(issuer.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            sha256.update(jti.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
