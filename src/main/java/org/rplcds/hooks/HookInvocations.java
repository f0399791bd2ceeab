package org.rplcds.hooks;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.rplcds.CdsSettings;
import org.rplcds.cards.CardWriter;
import org.rplcds.cards.CardsResponseJson;
import org.rplcds.facts.DraftOrderReader;
import org.rplcds.facts.DraftOrders;
import org.rplcds.facts.FactsReader;
import org.rplcds.facts.PatientFacts;
import org.rplcds.prefetch.InvalidPrefetchException;
import org.rplcds.prefetch.MissingPrefetchException;
import org.rplcds.prefetch.PatientRecord;
import org.rplcds.prefetch.PrefetchInput;
import org.rplcds.prefetch.PrefetchResolver;
import org.rplcds.rules.Finding;
import org.rplcds.rules.GuidelineProfile;
import org.rplcds.rules.Recommendations;
import org.rplcds.system.EvaluationDate;
import org.rplcds.timeline.TimelineJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** One hook call, down the pipeline once: prefetch, facts, rules, cards. */
@Service
class HookInvocations {

    private static final Logger log = LoggerFactory.getLogger(HookInvocations.class);

    private final ServiceCatalog catalog;
    private final PrefetchResolver prefetch;
    private final FactsReader facts;
    private final Recommendations recommendations;
    private final GuidelineProfile profile;
    private final CardWriter cards;
    private final EvaluationDate evaluationDate;
    private final CdsSettings.Http limits;
    private final MeterRegistry metrics;
    private final Snooze snooze;
    private final DraftOrderReader drafts;
    private final FhirContext fhir;

    HookInvocations(
            ServiceCatalog catalog,
            PrefetchResolver prefetch,
            FactsReader facts,
            Recommendations recommendations,
            GuidelineProfile profile,
            CardWriter cards,
            EvaluationDate evaluationDate,
            CdsSettings.Http limits,
            MeterRegistry metrics,
            Snooze snooze,
            DraftOrderReader drafts,
            FhirContext fhir) {
        this.catalog = catalog;
        this.prefetch = prefetch;
        this.facts = facts;
        this.recommendations = recommendations;
        this.profile = profile;
        this.cards = cards;
        this.evaluationDate = evaluationDate;
        this.limits = limits;
        this.metrics = metrics;
        this.snooze = snooze;
        this.drafts = drafts;
        this.fhir = fhir;
    }

    /** Evaluates one hook call, timing it by outcome ({@code cds.hook.latency}). */
    CardsResponseJson invoke(String serviceId, JsonNode body) {
        return invoke(serviceId, body, Optional.empty());
    }

    /**
     * @param allowedFhirServers the verified client's fhirServer allowlist; empty when client
     *     tokens are not checked
     */
    CardsResponseJson invoke(String serviceId, JsonNode body, Optional<List<String>> allowedFhirServers) {
        Timer.Sample sample = Timer.start(metrics);
        String outcome = "error";
        try {
            CardsResponseJson response = evaluate(serviceId, body, allowedFhirServers);
            outcome = "cards";
            return response;
        } catch (MissingPrefetchException e) {
            outcome = "missing-prefetch";
            throw e;
        } catch (MalformedRequestException | InvalidPrefetchException | TooManyResourcesException e) {
            outcome = "bad-request";
            throw e;
        } catch (UnknownServiceException e) {
            outcome = "unknown-service";
            throw e;
        } finally {
            sample.stop(Timer.builder("cds.hook.latency")
                    .description("Time to answer a hook call")
                    .tag("outcome", outcome)
                    .publishPercentileHistogram()
                    .register(metrics));
        }
    }

    /**
     * The facts the rules would evaluate for this call, laid out by date for the viewer: the same
     * request, prefetch and fallback as {@link #invoke}, without the rules.
     */
    TimelineJson timeline(String serviceId, JsonNode body, Optional<List<String>> allowedFhirServers) {
        long started = System.nanoTime();
        ServiceDefinitionJson service = catalog.require(serviceId);
        HookRequest request = HookRequest.read(body, service.hook(), limits.maxPrefetchResources());
        return TimelineJson.of(read(service, request, evaluationDate.today(), started, allowedFhirServers));
    }

    private PatientFacts read(
            ServiceDefinitionJson service,
            HookRequest request,
            LocalDate today,
            long started,
            Optional<List<String>> allowedFhirServers) {
        PatientRecord record = prefetch.resolve(
                request.patientId(),
                new PrefetchInput(
                        service.prefetch(),
                        request.context(),
                        request.prefetch(),
                        request.fhirServer(),
                        request.accessToken(),
                        Sanitise.forMessage(request.hookInstance().orElse("-")),
                        started,
                        allowedFhirServers));
        return facts.read(record, today, profile.lossCounting());
    }

    private CardsResponseJson evaluate(String serviceId, JsonNode body, Optional<List<String>> allowedFhirServers) {
        long started = System.nanoTime();
        ServiceDefinitionJson service = catalog.require(serviceId);
        HookRequest request = HookRequest.read(body, service.hook(), limits.maxPrefetchResources());
        LocalDate today = evaluationDate.today();
        List<Finding> findings;
        if (OrderContext.ordering(service.hook())) {
            OrderContext orders =
                    OrderContext.read(request.context(), service.hook(), fhir, limits.maxPrefetchResources());
            DraftOrders drafted = drafts.read(orders.drafts(), orders.selections());
            // Most orders are none of the rules' business: their call is answered without reading the chart.
            findings = recommendations.readsAny(drafted)
                    ? recommendations.evaluateOrders(
                            read(service, request, today, started, allowedFhirServers), drafted, profile)
                    : List.of();
        } else {
            PatientFacts patient = read(service, request, today, started, allowedFhirServers);
            findings = recommendations.evaluate(patient, profile);
        }
        CardsResponseJson response = snooze.apply(service.id(), cards.write(request.patientId(), today, findings));
        for (Finding finding : findings) {
            metrics.counter("cds.cards", "service", service.id(), "rule", finding.ruleId())
                    .increment();
        }
        log.info(
                "hook evaluated service={} hookInstance={} profile={} rules={} cards={} snoozed={} millis={}",
                service.id(),
                Sanitise.forMessage(request.hookInstance().orElse("-")),
                profile.name(),
                findings.stream().map(Finding::ruleId).toList(),
                response.cards().size(),
                findings.size() - response.cards().size(),
                (System.nanoTime() - started) / 1_000_000);
        return response;
    }
}
