package org.rplcds.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.rplcds.CdsSettings;
import org.rplcds.audit.AuditedCall;
import org.rplcds.cards.CardsResponseJson;
import org.rplcds.prefetch.InvalidPrefetchException;
import org.rplcds.prefetch.MissingPrefetchException;
import org.rplcds.rules.Finding;
import org.rplcds.timeline.TimelineJson;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * The services of this deployment by id, as HAPI FHIR's CDS Hooks module registers them: each
 * definition of {@code hooks/} bound to the service of its hook. A call is checked against its
 * service's hook, then runs down the {@link Pipeline} once, observed as {@code cds.hook}.
 */
@Service
public class CdsServiceRegistry {

    /** A service definition and the service that answers it. */
    private record Registered(ServiceDefinitionJson definition, CdsService service) {}

    private final Map<String, Registered> services;
    private final Pipeline pipeline;
    private final CdsSettings.Http limits;
    private final ObservationRegistry observations;

    @Autowired
    CdsServiceRegistry(
            ServiceCatalog catalog,
            List<CdsService> hooks,
            Pipeline pipeline,
            CdsSettings.Http limits,
            ObservationRegistry observations) {
        this(register(catalog, hooks), pipeline, limits, observations);
    }

    private CdsServiceRegistry(
            Map<String, Registered> services,
            Pipeline pipeline,
            CdsSettings.Http limits,
            ObservationRegistry observations) {
        this.services = services;
        this.pipeline = pipeline;
        this.limits = limits;
        this.observations = observations;
    }

    /** Each definition bound to the service of its hook; a definition no service answers stops the start. */
    private static Map<String, Registered> register(ServiceCatalog catalog, List<CdsService> hooks) {
        Map<String, CdsService> byHook =
                hooks.stream().collect(Collectors.toMap(CdsService::hook, Function.identity()));
        Map<String, Registered> registered = new LinkedHashMap<>();
        for (ServiceDefinitionJson definition : catalog.discovery().services()) {
            CdsService service = byHook.get(definition.hook());
            if (service == null) {
                throw new IllegalStateException("service " + definition.id() + ": no service answers the "
                        + definition.hook() + " hook; these do: " + byHook.keySet());
            }
            registered.put(definition.id(), new Registered(definition, service));
        }
        return Map.copyOf(registered);
    }

    /** The same services on another pipeline: another profile, presentation or evaluation date. */
    public CdsServiceRegistry with(Pipeline pipeline) {
        return new CdsServiceRegistry(services, pipeline, limits, observations);
    }

    /** One hook call: its cards, recorded nowhere. */
    public CardsResponseJson call(String serviceId, JsonNode body) {
        AuditedCall unrecorded =
                new AuditedCall(Instant.now(), AuditedCall.Kind.HOOK, serviceId, Optional.empty(), Optional.empty());
        return call(serviceId, body, Optional.empty(), unrecorded);
    }

    /**
     * @param allowedFhirServers the verified client's fhirServer allowlist; empty when client
     *     tokens are not checked
     * @param audit where what the call reads and keeps back is recorded
     */
    CardsResponseJson call(
            String serviceId, JsonNode body, Optional<List<String>> allowedFhirServers, AuditedCall audit) {
        return evaluate(serviceId, body, allowedFhirServers, audit).cards();
    }

    /**
     * The facts the rules would evaluate for this call, laid out by date for the viewer: the same
     * request, prefetch and fallback as a hook call, without the rules.
     */
    TimelineJson timeline(
            String serviceId, JsonNode body, Optional<List<String>> allowedFhirServers, AuditedCall audit) {
        long started = System.nanoTime();
        Registered service = require(serviceId);
        HookRequest request = read(service, body, audit);
        return pipeline.start(service.definition(), request, started, allowedFhirServers, audit)
                .timeline();
    }

    /**
     * The cards and the timeline of one run of the pipeline, for the viewer. A call whose cards did
     * not need the chart (a draft order no rule reads) and whose chart cannot be read has no
     * timeline, as the timeline alone would have been refused.
     */
    ChartJson chart(String serviceId, JsonNode body, Optional<List<String>> allowedFhirServers, AuditedCall audit) {
        Evaluation evaluation = evaluate(serviceId, body, allowedFhirServers, audit);
        Optional<TimelineJson> timeline;
        try {
            timeline = Optional.of(evaluation.run().timeline());
        } catch (MissingPrefetchException | InvalidPrefetchException e) {
            timeline = Optional.empty();
        }
        return new ChartJson(evaluation.cards().cards(), timeline);
    }

    private record Evaluation(Pipeline.Run run, CardsResponseJson cards) {}

    private Evaluation evaluate(
            String serviceId, JsonNode body, Optional<List<String>> allowedFhirServers, AuditedCall audit) {
        HookObservation call = new HookObservation(serviceId, System.nanoTime());
        return Observation.createNotStarted(HookObservation.NAME, () -> call, observations)
                .observe(() -> {
                    Registered service = require(serviceId);
                    HookRequest request = read(service, body, audit);
                    call.request(request.hookInstance(), pipeline.profile().name());
                    Pipeline.Run run =
                            pipeline.start(service.definition(), request, call.started(), allowedFhirServers, audit);
                    List<Finding> findings = service.service().findings(request, run);
                    CardsResponseJson cards = run.cards(findings);
                    call.evaluated(
                            findings, run.silent(), run.snoozed(), cards.cards().size());
                    return new Evaluation(run, cards);
                });
    }

    private Registered require(String serviceId) {
        Registered service = services.get(serviceId);
        if (service == null) {
            throw new UnknownServiceException(serviceId);
        }
        return service;
    }

    /** The request, told to the audit trail once read (what it says of itself, before any check of it fails). */
    private HookRequest read(Registered service, JsonNode body, AuditedCall audit) {
        HookRequest request;
        try {
            request = HookRequest.read(body, service.definition().hook(), limits.maxPrefetchResources());
        } catch (RuntimeException e) {
            // A call refused for its shape is found in the trail by the hookInstance it sent, if any.
            JsonNode hookInstance = body == null ? null : body.get("hookInstance");
            audit.request(
                    service.definition().hook(),
                    Optional.ofNullable(hookInstance)
                            .filter(JsonNode::isTextual)
                            .map(JsonNode::asText)
                            .map(text -> text.length() > 200 ? text.substring(0, 200) : text),
                    null,
                    Optional.empty());
            throw e;
        }
        audit.request(
                service.definition().hook(),
                request.hookInstance(),
                request.patientId(),
                request.context().userId());
        return request;
    }
}
