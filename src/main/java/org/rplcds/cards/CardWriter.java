package org.rplcds.cards;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IJsonLikeParser;
import ca.uhn.fhir.parser.json.jackson.JacksonWriter;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.rplcds.rules.Citation;
import org.rplcds.rules.Detail;
import org.rplcds.rules.Finding;
import org.rplcds.rules.ProposedAction;
import org.springframework.stereotype.Component;

/** Writes findings as CDS Hooks cards with draft FHIR resources behind their suggestions. */
@Component
public class CardWriter {

    /** Code system of card topics: one code per rule id. */
    public static final String RULES_SYSTEM = "http://recurrent-miscarriage-cds.org/fhir/CodeSystem/rules";
    /** The card extension member that lists the ids of the rules whose advice a card holds. */
    public static final String RULES_EXTENSION = "org.rplcds.rules";

    /** The most suggestions a card offers; the detail says how many more there would be. */
    static final int MAX_SUGGESTIONS = 20;

    private final FhirContext fhir;
    private final ObjectMapper json;

    CardWriter(FhirContext fhir, ObjectMapper json) {
        this.fhir = fhir;
        this.json = json;
    }

    /**
     * Cards in the order a clinician reads them: critical, then warning, then info. Findings come in
     * rule order and the sort is stable, so within one indicator the cards stay in rule order.
     */
    static final Comparator<Finding> READING_ORDER =
            Comparator.comparing(Finding::indicator).reversed();

    public CardsResponseJson write(String patientId, LocalDate evaluationDate, List<Finding> findings) {
        List<CardJson> cards = new ArrayList<>(findings.size());
        for (Finding finding : findings.stream().sorted(READING_ORDER).toList()) {
            cards.add(card(patientId, evaluationDate, finding));
        }
        return new CardsResponseJson(cards);
    }

    /**
     * The one card of a call whose chart could not be read, where the site asks for a card rather
     * than a 412 ({@code cds.fallback.on-incomplete: card}): info, no suggestion, the reasons by
     * prefetch key in its detail (never patient data).
     */
    public CardsResponseJson notDone(Map<String, String> reasons) {
        String reason = reasons.values().stream().findFirst().orElse("no reason given");
        String summary = "Recurrent-miscarriage check not done: the chart could not be read (" + reason + ")";
        // CDS Hooks: a summary under 140 characters.
        if (summary.length() > 140) {
            summary = summary.substring(0, 138) + "…)";
        }
        StringBuilder detail = new StringBuilder(
                "No recommendation was evaluated: the data below was neither prefetched nor readable from"
                        + " the FHIR server. This is not an all-clear.\n");
        reasons.forEach((key, why) -> detail.append("\n- **")
                .append(DetailMarkdown.escape(key))
                .append("**: ")
                .append(DetailMarkdown.escape(why)));
        return new CardsResponseJson(List.of(new CardJson(
                UUID.randomUUID().toString(),
                summary,
                detail.toString(),
                "info",
                new SourceJson(
                        "CDS Hooks 2.0: prefetch and the FHIR resource server",
                        "https://cds-hooks.hl7.org/2.0/#fhir-resource-access",
                        new CodingJson(RULES_SYSTEM, "not-done", "Chart could not be read")),
                List.of(),
                null,
                List.of(),
                List.of(),
                new CardExtensionJson(List.of()))));
    }

    /** The uuid of the finding's card: the same for the same patient, rule and card variant. */
    public String uuid(String patientId, Finding finding) {
        return stableUuid(patientId, finding.ruleId(), "card" + variant(finding));
    }

    private CardJson card(String patientId, LocalDate evaluationDate, Finding finding) {
        String uuid = uuid(patientId, finding);
        List<SuggestionJson> suggestions = new ArrayList<>();
        int shown = Math.min(finding.actions().size(), MAX_SUGGESTIONS);
        for (int i = 0; i < shown; i++) {
            ProposedAction action = finding.actions().get(i);
            String label = label(action);
            List<ActionJson> json = new ArrayList<>(actions(patientId, evaluationDate, action, label));
            for (ProposedAction next : action.with()) {
                json.addAll(actions(patientId, evaluationDate, next, label(next)));
            }
            suggestions.add(new SuggestionJson(
                    label, stableUuid(patientId, finding.ruleId(), "suggestion-" + i), action.recommended(), json));
        }
        boolean suggests = !suggestions.isEmpty();
        return new CardJson(
                uuid,
                PlainText.of(finding.summary(), PlainText.SUMMARY),
                DetailMarkdown.render(
                        withLeftOut(finding.detail(), finding.actions().size() - shown)),
                finding.indicator().name().toLowerCase(Locale.ROOT),
                new SourceJson(
                        finding.source().label(),
                        finding.source().linked() ? finding.source().url() : null,
                        new CodingJson(RULES_SYSTEM, finding.ruleId(), finding.title())),
                suggestions,
                // CDS Hooks: "at-most-one" when the suggestions are alternatives, "any" when each stands alone.
                suggestions.size() > 1 && !finding.alternatives() ? "any" : suggests ? "at-most-one" : null,
                suggests ? OverrideReason.CODINGS : List.of(),
                links(finding),
                new CardExtensionJson(finding.rules()));
    }

    /**
     * The detail, saying before its Sources line how many suggestions the card leaves out, if any:
     * a card offers at most {@link #MAX_SUGGESTIONS}, so that an answer stays small whatever the
     * number of drafts.
     */
    private static Detail withLeftOut(Detail detail, int leftOut) {
        if (leftOut <= 0) {
            return detail;
        }
        List<Detail.Block> blocks = new ArrayList<>();
        List<Detail.Block> sources = new ArrayList<>();
        for (Detail.Block block : detail.blocks()) {
            (block instanceof Detail.Sources ? sources : blocks).add(block);
        }
        blocks.add(new Detail.Paragraph(
                "",
                leftOut + " more " + (leftOut == 1 ? "suggestion is" : "suggestions are") + " not shown (at most "
                        + MAX_SUGGESTIONS + " a card); the entries above list every record concerned."));
        blocks.addAll(sources);
        return new Detail(blocks);
    }

    /**
     * The button text as the rule wrote it, in clinician words. A label is plain text (CDS Hooks),
     * never markdown: it is shown as it is, without escapes.
     */
    private static String label(ProposedAction action) {
        return PlainText.of(action.label(), PlainText.LABEL);
    }

    /** The CDS Hooks actions of one step of a suggestion. */
    private List<ActionJson> actions(String patientId, LocalDate evaluationDate, ProposedAction action, String label) {
        return switch (action.kind()) {
            case REMOVE -> withdrawal(patientId, evaluationDate, action, label);
            case STOP -> List.of(new ActionJson("update", label, stopped(action), null));
            default -> List.of(new ActionJson("create", label, resource(patientId, evaluationDate, action), null));
        };
    }

    /**
     * CDS Hooks 2.0: an {@code update} carries the whole resource; the prescription as the record
     * holds it, its status {@code stopped}.
     */
    private JsonNode stopped(ProposedAction action) {
        MedicationRequest request = action.record().orElseThrow().request();
        request.setStatus(MedicationRequest.MedicationRequestStatus.STOPPED);
        return tree(request);
    }

    /**
     * CDS Hooks 2.0: a {@code delete} action names the record in {@code resourceId}, a relative
     * reference as a string; what is ordered in its place is a {@code create} of the same suggestion.
     */
    private List<ActionJson> withdrawal(
            String patientId, LocalDate evaluationDate, ProposedAction action, String label) {
        String target = action.target().orElseThrow();
        if (action.concept().isEmpty()) {
            return List.of(new ActionJson("delete", label, null, target));
        }
        ProposedAction instead = ProposedAction.order(
                "Order " + action.concept().get().display(), action.concept().get());
        return List.of(
                new ActionJson(
                        "delete", PlainText.of("Withdraw " + action.text(), PlainText.DESCRIPTION), null, target),
                new ActionJson("create", instead.label(), resource(patientId, evaluationDate, instead), null));
    }

    /** A card links three sources at most; the detail's Sources line names the rest. */
    static final int MAX_LINKS = 3;

    /**
     * One link per source, under the source's own name and year and to its own address, the
     * primary rule's first: never a combined or repeated label or address, three at most. A source
     * without an address (the source textbook) is named in the detail, never linked.
     */
    static List<LinkJson> links(Finding finding) {
        List<LinkJson> links = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<Citation> cited = new ArrayList<>();
        cited.add(finding.source());
        cited.addAll(finding.links());
        for (var source : cited) {
            if (links.size() == MAX_LINKS) {
                break;
            }
            if (source.linked() && seen.add("label|" + source.label()) && seen.add("url|" + source.url())) {
                links.add(new LinkJson(source.label(), source.url(), "absolute"));
            }
        }
        return links;
    }

    /**
     * Which of a rule's cards this is: its urgency and what it offers to do, not the values in its
     * text. A new HbA1c keeps the card; a warning instead of a reminder is another card.
     */
    private static String variant(Finding finding) {
        StringBuilder variant = new StringBuilder("|").append(finding.indicator());
        for (ProposedAction action : finding.actions()) {
            variant.append('|').append(action.kind()).append(':').append(action.label());
            if (!action.recommended()) {
                variant.append(":offered");
            }
            action.target().ifPresent(target -> variant.append(':').append(target));
        }
        return variant.toString();
    }

    /**
     * The same patient, rule and card variant always give the same uuid, so that feedback sent
     * later refers to the card the clinician saw.
     */
    static String stableUuid(String patientId, String ruleId, String part) {
        return UUID.nameUUIDFromBytes((patientId + '|' + ruleId + '|' + part).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /**
     * The draft resource a suggestion creates, as the JSON tree HAPI writes of it. The three drafts
     * have a fixed shape, so the tree is built straight, elements in FHIR's order and blank values
     * left out as HAPI leaves them out, rather than building HAPI's model and having HAPI walk it on
     * every card. A patient id that is not a plain FHIR id, whose reference HAPI may rewrite, is
     * written by HAPI from the model.
     */
    JsonNode resource(String patientId, LocalDate evaluationDate, ProposedAction action) {
        if (action.kind() == ProposedAction.Kind.REMOVE || action.kind() == ProposedAction.Kind.STOP) {
            throw new IllegalArgumentException("a withdrawal creates no resource");
        }
        if (!PLAIN_ID.matcher(patientId).matches()) {
            return hapiResource(patientId, evaluationDate, action);
        }
        ObjectNode resource = json.getNodeFactory().objectNode();
        String date = evaluationDate.toString();
        switch (action.kind()) {
            case PROBLEM -> {
                resource.put("resourceType", "Condition");
                resource.set(
                        "clinicalStatus",
                        codings("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", "Active"));
                resource.set(
                        "verificationStatus",
                        codings(
                                "http://terminology.hl7.org/CodeSystem/condition-ver-status",
                                "provisional",
                                "Provisional"));
                resource.putArray("category")
                        .add(codings(
                                "http://terminology.hl7.org/CodeSystem/condition-category",
                                "problem-list-item",
                                "Problem List Item"));
                member(resource, "code", conceptJson(action));
                resource.putObject("subject").put("reference", "Patient/" + patientId);
                resource.put("recordedDate", date);
            }
            case SERVICE_REQUEST -> {
                resource.put("resourceType", "ServiceRequest");
                resource.put("status", "draft");
                resource.put("intent", "proposal");
                member(resource, "code", conceptJson(action));
                resource.putObject("subject").put("reference", "Patient/" + patientId);
                action.from().ifPresent(from -> resource.putObject("occurrencePeriod")
                        .put("start", from.toString()));
                resource.put("authoredOn", date);
                if (!action.text().isBlank()) {
                    resource.putArray("note").addObject().put("text", action.text());
                }
            }
            default -> {
                resource.put("resourceType", "MedicationRequest");
                resource.put("status", "draft");
                resource.put("intent", "proposal");
                member(resource, "medicationCodeableConcept", conceptJson(action));
                resource.putObject("subject").put("reference", "Patient/" + patientId);
                resource.put("authoredOn", date);
                if (!action.text().isBlank()) {
                    ObjectNode dosage =
                            resource.putArray("dosageInstruction").addObject().put("text", action.text());
                    action.until().ifPresent(until -> dosage.putObject("timing")
                            .putObject("repeat")
                            .putObject("boundsPeriod")
                            .put("start", date)
                            .put("end", until.toString()));
                }
            }
        }
        return resource;
    }

    /** A FHIR id, as {@code Patient/<id>} is written by HAPI unchanged. */
    private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    /** A CodeableConcept of one coding, as HAPI writes {@code new CodeableConcept(new Coding(...))}. */
    private ObjectNode codings(String system, String code, String display) {
        ObjectNode concept = json.getNodeFactory().objectNode();
        ObjectNode coding = coding(system, code, display);
        if (!coding.isEmpty()) {
            concept.putArray("coding").add(coding);
        }
        return concept;
    }

    private ObjectNode coding(String system, String code, String display) {
        ObjectNode coding = json.getNodeFactory().objectNode();
        text(coding, "system", system);
        text(coding, "code", code);
        text(coding, "display", display);
        return coding;
    }

    /** The action's concept, as {@link #concept(ProposedAction)} gives it to HAPI. */
    private ObjectNode conceptJson(ProposedAction action) {
        var concept = action.concept().orElseThrow();
        ObjectNode node = concept.code() == null
                ? json.getNodeFactory().objectNode()
                : codings(concept.system(), concept.code(), concept.display());
        text(node, "text", concept.display());
        return node;
    }

    /** A member, left out when empty, as HAPI leaves out an element with nothing in it. */
    private static void member(ObjectNode parent, String name, ObjectNode value) {
        if (!value.isEmpty()) {
            parent.set(name, value);
        }
    }

    /** A string member, left out when blank, as HAPI leaves out an empty primitive. */
    private static void text(ObjectNode parent, String name, String value) {
        if (value != null && !value.isBlank()) {
            parent.put(name, value);
        }
    }

    /** The draft resource built as HAPI's model and written by HAPI. */
    JsonNode hapiResource(String patientId, LocalDate evaluationDate, ProposedAction action) {
        IBaseResource resource =
                switch (action.kind()) {
                    case PROBLEM -> problem(patientId, evaluationDate, action);
                    case SERVICE_REQUEST -> serviceRequest(patientId, evaluationDate, action);
                    case MEDICATION_REQUEST -> medicationRequest(patientId, evaluationDate, action);
                    case REMOVE, STOP -> throw new IllegalArgumentException("a withdrawal creates no resource");
                };
        return tree(resource);
    }

    /** The resource as a JSON tree. */
    private JsonNode tree(IBaseResource resource) {
        // HAPI's own writer writes the resource as tokens, which become the tree: never text read back.
        TokenBuffer tokens = new TokenBuffer(json, false);
        JsonFactory intoTokens = new JsonFactory() {
            @Override
            public JsonGenerator createGenerator(Writer text) {
                return tokens;
            }
        };
        try {
            ((IJsonLikeParser) fhir.newJsonParser())
                    .encodeResourceToJsonLikeWriter(resource, new JacksonWriter(intoTokens, Writer.nullWriter()));
            return json.readTree(tokens.asParser());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode suggestion resource", e);
        }
    }

    private static CodeableConcept concept(ProposedAction action) {
        var concept = action.concept().orElseThrow();
        if (concept.code() == null) {
            return new CodeableConcept().setText(concept.display());
        }
        return new CodeableConcept(new Coding(concept.system(), concept.code(), concept.display()))
                .setText(concept.display());
    }

    private static Condition problem(String patientId, LocalDate date, ProposedAction action) {
        Condition condition = new Condition();
        condition.setClinicalStatus(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", "Active")));
        // Provisional until the clinician confirms it: the service proposes, never asserts.
        condition.setVerificationStatus(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/condition-ver-status", "provisional", "Provisional")));
        condition.addCategory(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/condition-category", "problem-list-item", "Problem List Item")));
        condition.setCode(concept(action));
        condition.setSubject(new Reference("Patient/" + patientId));
        condition.setRecordedDateElement(new DateTimeType(date.toString()));
        return condition;
    }

    private static ServiceRequest serviceRequest(String patientId, LocalDate date, ProposedAction action) {
        ServiceRequest request = new ServiceRequest();
        request.setStatus(ServiceRequest.ServiceRequestStatus.DRAFT);
        request.setIntent(ServiceRequest.ServiceRequestIntent.PROPOSAL);
        request.setCode(concept(action));
        request.setSubject(new Reference("Patient/" + patientId));
        request.setAuthoredOnElement(new DateTimeType(date.toString()));
        // Words for whoever performs the order (a reflex rule, a timing): a note, not patient instructions.
        if (!action.text().isBlank()) {
            request.addNote().setText(action.text());
        }
        // A repeat test is not to be done before its first day.
        action.from()
                .ifPresent(
                        from -> request.setOccurrence(new Period().setStartElement(new DateTimeType(from.toString()))));
        return request;
    }

    private static MedicationRequest medicationRequest(String patientId, LocalDate date, ProposedAction action) {
        MedicationRequest request = new MedicationRequest();
        request.setStatus(MedicationRequest.MedicationRequestStatus.DRAFT);
        request.setIntent(MedicationRequest.MedicationRequestIntent.PROPOSAL);
        request.setMedication(concept(action));
        request.setSubject(new Reference("Patient/" + patientId));
        request.setAuthoredOnElement(new DateTimeType(date.toString()));
        if (!action.text().isBlank()) {
            var dosage = request.addDosageInstruction().setText(action.text());
            action.until().ifPresent(until -> dosage.getTiming()
                    .getRepeat()
                    .setBounds(new Period()
                            .setStartElement(new DateTimeType(date.toString()))
                            .setEndElement(new DateTimeType(until.toString()))));
        }
        return request;
    }
}
