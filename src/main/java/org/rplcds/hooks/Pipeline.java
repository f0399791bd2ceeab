package org.rplcds.hooks;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rplcds.audit.AuditedCall;
import org.rplcds.cards.CardWriter;
import org.rplcds.cards.CardsResponseJson;
import org.rplcds.facts.DraftOrders;
import org.rplcds.facts.FactsReader;
import org.rplcds.facts.PatientFacts;
import org.rplcds.prefetch.FhirReads;
import org.rplcds.prefetch.PrefetchInput;
import org.rplcds.prefetch.PrefetchResolver;
import org.rplcds.rules.Finding;
import org.rplcds.rules.GuidelineProfile;
import org.rplcds.rules.Presentation;
import org.rplcds.rules.Recommendations;
import org.rplcds.rules.RuleModes;
import org.rplcds.system.EvaluationDate;
import org.rplcds.timeline.TimelineJson;
import org.springframework.stereotype.Component;

/**
 * The way down of one hook call: prefetch, facts, rules, cards, with the snoozed findings left out
 * before the cards are written. Each recommendation speaks in the mode the site gave it, less the
 * card types the call switches off. Built once from the site's profile and
 * catalogue ({@link PipelineConfiguration}); {@link #with} gives the same pipeline under another guideline
 * profile and presentation, {@link #on} on another evaluation date.
 */
@Component
public final class Pipeline {

    private final PrefetchResolver prefetch;
    private final FactsReader facts;
    private final GuidelineProfile profile;
    private final Recommendations recommendations;
    private final Snooze snooze;
    private final CardWriter cards;
    private final EvaluationDate evaluationDate;
    private final RuleModes modes;

    Pipeline(
            PrefetchResolver prefetch,
            FactsReader facts,
            GuidelineProfile profile,
            Recommendations recommendations,
            Snooze snooze,
            CardWriter cards,
            EvaluationDate evaluationDate,
            RuleModes modes) {
        this.prefetch = prefetch;
        this.facts = facts;
        this.profile = profile;
        this.recommendations = recommendations;
        this.snooze = snooze;
        this.cards = cards;
        this.evaluationDate = evaluationDate;
        this.modes = modes;
    }

    /** The same pipeline under another guideline profile and presentation. */
    public Pipeline with(GuidelineProfile profile, Presentation presentation) {
        return new Pipeline(
                prefetch, facts, profile, Recommendations.all(presentation), snooze, cards, evaluationDate, modes);
    }

    /** The same pipeline on another evaluation date, snoozing with {@code snooze}. */
    Pipeline on(EvaluationDate evaluationDate, Snooze snooze) {
        return new Pipeline(prefetch, facts, profile, recommendations, snooze, cards, evaluationDate, modes);
    }

    GuidelineProfile profile() {
        return profile;
    }

    /**
     * One call, started at {@code started} ({@link System#nanoTime()}): reads of the client's FHIR
     * server end within their budget from then.
     *
     * @param allowedFhirServers the verified client's fhirServer allowlist; empty when client
     *     tokens are not checked
     * @param audit where the call's reads and the cards it keeps back are recorded
     * @throws MalformedRequestException when the call sets an option of the service to a value
     *     that is not a boolean
     */
    Run start(
            ServiceDefinitionJson service,
            HookRequest request,
            long started,
            Optional<List<String>> allowedFhirServers,
            AuditedCall audit) {
        RuleModes call = modes.off(request.declined(service.optionCodes()));
        return new Run(service, request, evaluationDate.today(), started, allowedFhirServers, call, audit);
    }

    /** One call down the pipeline: the chart is read once at most, when first needed. */
    public final class Run {

        private final ServiceDefinitionJson service;
        private final HookRequest request;
        private final LocalDate today;
        private final long started;
        private final Optional<List<String>> allowedFhirServers;
        private final RuleModes modes;
        private final AuditedCall audit;
        private final List<Finding> silent = new ArrayList<>();
        private final List<Finding> snoozed = new ArrayList<>();
        private PatientFacts patient;

        private Run(
                ServiceDefinitionJson service,
                HookRequest request,
                LocalDate today,
                long started,
                Optional<List<String>> allowedFhirServers,
                RuleModes modes,
                AuditedCall audit) {
            this.service = service;
            this.request = request;
            this.today = today;
            this.started = started;
            this.allowedFhirServers = allowedFhirServers;
            this.modes = modes;
            this.audit = audit;
        }

        /** Prefetch, then facts: the patient the rules see. */
        public PatientFacts facts() {
            if (patient == null) {
                patient = facts.read(
                        prefetch.resolve(
                                request.patientId(),
                                new PrefetchInput(
                                        service.prefetch(),
                                        request.context().json(),
                                        request.prefetch(),
                                        request.fhirServer(),
                                        request.accessToken(),
                                        Sanitise.forMessage(
                                                request.hookInstance().orElse("-")),
                                        started,
                                        allowedFhirServers,
                                        reads())),
                        today,
                        profile.lossCounting());
            }
            return patient;
        }

        /** Every recommendation on the chart; the findings of the silent ones are kept apart. */
        List<Finding> recommendations() {
            return spoken(recommendations.evaluate(facts(), profile, modes));
        }

        /** Whether any advice at ordering reads these drafts: when none does, the chart is not read. */
        boolean readsAny(DraftOrders drafts) {
            return recommendations.readsAny(drafts, modes);
        }

        /** The advice on writing these orders, on the chart. */
        List<Finding> recommendations(DraftOrders drafts) {
            return spoken(recommendations.evaluateOrders(facts(), drafts, profile, modes));
        }

        private List<Finding> spoken(Recommendations.Evaluation evaluation) {
            silent.addAll(evaluation.silent());
            kept(evaluation.silent(), AuditedCall.Disposition.SILENT);
            return evaluation.findings();
        }

        /** The call's searches of the FHIR server, as the audit trail records them. */
        private FhirReads reads() {
            return (server, resourceType, pages, resources, status) -> audit.read(new AuditedCall.Read(
                    server.endsWith("/") ? server.substring(0, server.length() - 1) : server,
                    resourceType,
                    pages,
                    resources,
                    status));
        }

        /** Cards not shown, recorded with their uuids and why they were kept back. */
        private void kept(List<Finding> findings, AuditedCall.Disposition why) {
            for (Finding finding : findings) {
                audit.card(new AuditedCall.Card(cards.uuid(request.patientId(), finding), finding.ruleId(), why));
            }
        }

        /** The findings of the recommendations that are silent: counted and logged, never shown. */
        List<Finding> silent() {
            return List.copyOf(silent);
        }

        /** The findings the clinician snoozed: counted, never shown. */
        List<Finding> snoozed() {
            return List.copyOf(snoozed);
        }

        /** The cards of the findings the clinician has not snoozed. */
        public CardsResponseJson cards(List<Finding> findings) {
            List<Finding> shown = snooze.shown(service.id(), request.patientId(), today, findings);
            List<Finding> left = findings.stream()
                    .filter(finding -> shown.stream().noneMatch(s -> s == finding))
                    .toList();
            snoozed.addAll(left);
            kept(left, AuditedCall.Disposition.SNOOZED);
            return cards.write(request.patientId(), today, shown);
        }

        /** The chart by date, for the viewer. */
        public TimelineJson timeline() {
            return TimelineJson.of(facts());
        }

        long started() {
            return started;
        }
    }
}
