package org.rplcds.hooks;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.rplcds.system.Docs;
import org.rplcds.system.InvalidSettingException;
import org.rplcds.system.SettingsCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * On SIGTERM, keeps the server taking calls for {@code cds.http.shutdown-delay} before its graceful
 * shutdown begins.
 *
 * <p>Spring Boot turns readiness to refusing traffic as the context starts to close, then stops
 * the lifecycle beans from the highest phase down; this one is in the first phase to stop, and its
 * stop ends only once the delay has passed. Until then the server answers every call as before and its readiness
 * probe answers 503, so a load balancer that checks readiness takes the replica out of its pool
 * while the listener is still open. Without the delay the listener closes at once, and a
 * connection the balancer opened in that instant is reset with the call already sent on it: the
 * balancer cannot know whether the call ran, and answers it 502 rather than sending it again.
 *
 * <p>The delay runs in its own shutdown phase, which {@code spring.lifecycle.timeout-per-shutdown-phase}
 * bounds like every other: a delay as long as that bound is refused at start.
 */
final class ShutdownDelay implements SmartLifecycle, SettingsCheck {

    private static final Logger log = LoggerFactory.getLogger(ShutdownDelay.class);

    private final Duration delay;
    private volatile boolean running;

    /**
     * @param delay how long calls are still taken once the stop has begun
     * @param phaseTimeout {@code spring.lifecycle.timeout-per-shutdown-phase}, which cuts any stop
     *     phase short
     */
    ShutdownDelay(Duration delay, Duration phaseTimeout) {
        if (!delay.isZero() && delay.compareTo(phaseTimeout) >= 0) {
            throw new InvalidSettingException(
                    "cds.http.shutdown-delay (" + delay.toMillis() + " ms) is not shorter than"
                            + " spring.lifecycle.timeout-per-shutdown-phase (" + phaseTimeout.toMillis()
                            + " ms), which would cut it short",
                    "Set cds.http.shutdown-delay (CDS_HTTP_SHUTDOWNDELAY) a little longer than your load balancer"
                            + " takes to mark a replica down, and below the phase bound; "
                            + Docs.CONFIGURE_IT + " has both.");
        }
        this.delay = delay;
    }

    @Override
    public void start() {
        running = true;
    }

    /** Stops at once: only a stop that says when it is done can be delayed. */
    @Override
    public void stop() {
        running = false;
    }

    @Override
    public void stop(Runnable done) {
        running = false;
        if (delay.isZero()) {
            done.run();
            return;
        }
        log.info(
                "Taking calls for {} ms more while readiness refuses traffic (cds.http.shutdown-delay), then stopping",
                delay.toMillis());
        CompletableFuture.runAsync(done, CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Above the web server's graceful shutdown, so that this stop ends before that one begins. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
