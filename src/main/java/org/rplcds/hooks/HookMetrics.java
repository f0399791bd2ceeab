package org.rplcds.hooks;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.MeterObservationHandler;
import io.micrometer.observation.Observation;
import java.util.List;
import org.rplcds.rules.Finding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The meters and the log line of a hook call, from its observation: {@code cds.hook.latency} by
 * {@code outcome}, {@code cds.cards} by {@code service} and {@code rule}, and {@code
 * cds.cards.silent} by the same: the findings of the rules a site set silent, which no card shows;
 * {@code cds.cards.snoozed} by the same: the findings a clinician's override keeps away for now.
 * First among the meter handlers, so that Spring Boot's default one, which would time the call a
 * second time under its own names, leaves it to this one.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class HookMetrics implements MeterObservationHandler<HookObservation> {

    private static final Logger log = LoggerFactory.getLogger(HookMetrics.class);

    private final MeterRegistry metrics;

    HookMetrics(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof HookObservation;
    }

    @Override
    public void onStart(HookObservation call) {
        call.put(Timer.Sample.class, Timer.start(metrics));
    }

    @Override
    public void onStop(HookObservation call) {
        if (call.getError() == null) {
            for (Finding finding : call.findings()) {
                if (call.snoozed().stream().noneMatch(snoozed -> snoozed == finding)) {
                    metrics.counter("cds.cards", "service", call.serviceId(), "rule", finding.ruleId())
                            .increment();
                }
            }
            for (Finding finding : call.silent()) {
                metrics.counter("cds.cards.silent", "service", call.serviceId(), "rule", finding.ruleId())
                        .increment();
            }
            for (Finding finding : call.snoozed()) {
                metrics.counter("cds.cards.snoozed", "service", call.serviceId(), "rule", finding.ruleId())
                        .increment();
            }
            List<String> rules = call.findings().stream().map(Finding::ruleId).toList();
            int snoozed = call.findings().size() - call.cards();
            List<String> silent = call.silent().stream().map(Finding::ruleId).toList();
            long millis = (System.nanoTime() - call.started()) / 1_000_000;
            // The same values as key-value pairs: fields of their own in a structured (JSON) log.
            log.atInfo()
                    .addKeyValue("cds.service", call.serviceId())
                    .addKeyValue("cds.hookInstance", call.hookInstance())
                    .addKeyValue("cds.profile", call.profile())
                    .addKeyValue("cds.rules", rules)
                    .addKeyValue("cds.cards", call.cards())
                    .addKeyValue("cds.snoozed", snoozed)
                    .addKeyValue("cds.silent", silent)
                    .addKeyValue("cds.millis", millis)
                    .log(
                            "hook evaluated service={} hookInstance={} profile={} rules={} cards={} snoozed={}"
                                    + " silent={} millis={}",
                            call.serviceId(),
                            call.hookInstance(),
                            call.profile(),
                            rules,
                            call.cards(),
                            snoozed,
                            silent,
                            millis);
        }
        Timer.Sample sample = call.getRequired(Timer.Sample.class);
        sample.stop(Timer.builder("cds.hook.latency")
                .description("Time to answer a hook call")
                .tag("outcome", call.outcome())
                .publishPercentileHistogram()
                .register(metrics));
    }
}
