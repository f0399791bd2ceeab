package org.rplcds.hooks;

import io.micrometer.observation.Observation;
import java.util.List;
import java.util.Optional;
import org.rplcds.prefetch.InvalidPrefetchException;
import org.rplcds.prefetch.MissingPrefetchException;
import org.rplcds.rules.Finding;

/**
 * One run of the pipeline for a hook call, observed as {@code cds.hook}: what {@link HookMetrics}
 * turns into the latency by outcome, the cards by rule, the silent findings by rule and the log
 * line.
 */
final class HookObservation extends Observation.Context {

    static final String NAME = "cds.hook";

    private final String serviceId;
    private final long started;
    private String hookInstance = "-";
    private String profile = "-";
    private List<Finding> findings = List.of();
    private List<Finding> silent = List.of();
    private List<Finding> snoozed = List.of();
    private int cards;

    HookObservation(String serviceId, long started) {
        this.serviceId = serviceId;
        this.started = started;
        setContextualName("hook " + Sanitise.forMessage(serviceId));
    }

    void request(Optional<String> hookInstance, String profile) {
        this.hookInstance = Sanitise.forMessage(hookInstance.orElse("-"));
        this.profile = profile;
    }

    /**
     * The findings of the rules, those of the silent rules, never shown, those the clinician
     * snoozed, and the cards shown of the findings once snoozed ones are left out.
     */
    void evaluated(List<Finding> findings, List<Finding> silent, List<Finding> snoozed, int cards) {
        this.findings = findings;
        this.silent = silent;
        this.snoozed = snoozed;
        this.cards = cards;
    }

    /** How the call ended, as the {@code outcome} tag of {@code cds.hook.latency} names it. */
    String outcome() {
        Throwable error = getError();
        if (error == null) {
            return "cards";
        }
        if (error instanceof MissingPrefetchException) {
            return "missing-prefetch";
        }
        if (error instanceof MalformedRequestException
                || error instanceof InvalidPrefetchException
                || error instanceof TooManyResourcesException) {
            return "bad-request";
        }
        if (error instanceof UnknownServiceException) {
            return "unknown-service";
        }
        return "error";
    }

    String serviceId() {
        return serviceId;
    }

    long started() {
        return started;
    }

    String hookInstance() {
        return hookInstance;
    }

    String profile() {
        return profile;
    }

    List<Finding> findings() {
        return findings;
    }

    List<Finding> silent() {
        return silent;
    }

    List<Finding> snoozed() {
        return snoozed;
    }

    int cards() {
        return cards;
    }
}
