package org.rplcds.audit;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;

/**
 * A call as a FHIR R4 {@code AuditEvent}, in the shape of the FHIR specification's "RESTful
 * operation" events: type {@code rest}, action execute, the client and the user as agents, the
 * service as the source, and as entities the patient, the call's {@code hookInstance}, each read
 * of the client's FHIR server (a query) and each card (by its uuid, with its recommendation and
 * whether it was shown, silent or snoozed). Never a token nor a resource's content.
 */
final class AuditEvents {

    /** What a call asked of the service: a hook call, or the card viewer's chart or timeline. */
    static final String CALL_SYSTEM = "http://recurrent-miscarriage-cds.org/fhir/CodeSystem/call-kind";
    /** The CDS Hooks hook a call was for, by its name ({@code patient-view}). */
    static final String HOOK_SYSTEM = "http://recurrent-miscarriage-cds.org/fhir/CodeSystem/hook";

    private static final String EVENT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-event-type";
    private static final String DICOM = "http://dicom.nema.org/resources/ontology/DCM";
    private static final String PARTICIPATION = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
    private static final String SOURCE_TYPE = "http://terminology.hl7.org/CodeSystem/security-source-type";
    private static final String ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
    private static final String OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";

    private final FhirContext fhir;
    private final String application;

    /** @param application the service's name, as the event's source names it */
    AuditEvents(FhirContext fhir, String application) {
        this.fhir = fhir;
        this.application = application;
    }

    /**
     * The event of a call answered {@code status} at {@code recorded}, as JSON: the text HAPI's
     * parser writes of {@link #event}, written straight from the call. Building the model and
     * walking it costs about as much again as the database's insert, on every call; the event's
     * shape is fixed, so its text is written in the order FHIR gives its elements, with HAPI's own
     * types for the dates. A user id that is not a plain relative reference, whose text HAPI may
     * rewrite, is written by HAPI from the model.
     */
    String json(String id, AuditedCall call, int status, Instant recorded) {
        if (call.userId().isPresent()
                && !PLAIN_REFERENCE.matcher(call.userId().get()).matches()) {
            return fhir.newJsonParser().encodeResourceToString(event(id, call, status, recorded));
        }
        StringWriter text = new StringWriter(2048);
        try (JsonGenerator out = JSON.createGenerator(text)) {
            write(out, id, call, status, recorded);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** {@code Type/id}, as HAPI writes a reference it holds: no base, no version, nothing to rewrite. */
    private static final Pattern PLAIN_REFERENCE = Pattern.compile("[A-Z][A-Za-z]{1,63}/[A-Za-z0-9\\-.]{1,64}");

    private static final JsonFactory JSON = new JsonFactory();

    private void write(JsonGenerator out, String id, AuditedCall call, int status, Instant recorded)
            throws IOException {
        out.writeStartObject();
        out.writeStringField("resourceType", "AuditEvent");
        string(out, "id", id);
        out.writeFieldName("type");
        coding(out, EVENT_TYPE, "rest", "RESTful Operation");
        out.writeArrayFieldStart("subtype");
        coding(out, CALL_SYSTEM, call.kind().code(), kindDisplay(call.kind()));
        if (call.hook().isPresent()) {
            coding(out, HOOK_SYSTEM, call.hook().get(), null);
        }
        out.writeEndArray();
        out.writeStringField("action", AuditEventAction.E.toCode());
        out.writeObjectFieldStart("period");
        out.writeStringField("start", new DateTimeType(Date.from(call.started())).getValueAsString());
        out.writeStringField("end", new DateTimeType(Date.from(recorded)).getValueAsString());
        out.writeEndObject();
        out.writeStringField("recorded", new InstantType(Date.from(recorded)).getValueAsString());
        out.writeStringField("outcome", outcome(status).toCode());
        out.writeStringField("outcomeDesc", "HTTP " + status);

        out.writeArrayFieldStart("agent");
        out.writeStartObject();
        out.writeObjectFieldStart("type");
        out.writeArrayFieldStart("coding");
        coding(out, DICOM, "110150", "Application");
        out.writeEndArray();
        out.writeEndObject();
        if (call.clientIssuer().isPresent()) {
            String issuer = call.clientIssuer().get();
            out.writeObjectFieldStart("who");
            identifier(out, issuer, call.clientSubject().orElse(issuer));
            out.writeStringField("display", "CDS client");
            out.writeEndObject();
            string(out, "name", issuer);
        } else {
            out.writeStringField("name", "client not identified: client tokens are not checked");
        }
        out.writeBooleanField("requestor", call.userId().isEmpty());
        out.writeEndObject();
        if (call.userId().isPresent()) {
            out.writeStartObject();
            out.writeObjectFieldStart("type");
            out.writeArrayFieldStart("coding");
            coding(out, PARTICIPATION, "IRCP", "information recipient");
            out.writeEndArray();
            out.writeEndObject();
            out.writeObjectFieldStart("who");
            out.writeStringField("reference", call.userId().get());
            out.writeEndObject();
            out.writeBooleanField("requestor", true);
            out.writeEndObject();
        }
        out.writeEndArray();

        out.writeObjectFieldStart("source");
        string(out, "site", application);
        out.writeObjectFieldStart("observer");
        out.writeStringField("display", application + " " + call.serviceId());
        out.writeEndObject();
        out.writeArrayFieldStart("type");
        coding(out, SOURCE_TYPE, "4", "Application Server");
        out.writeEndArray();
        out.writeEndObject();

        List<AuditedCall.Read> reads = call.reads();
        List<AuditedCall.Card> cards = call.cards();
        if (call.patient().isEmpty() && call.hookInstance().isEmpty() && reads.isEmpty() && cards.isEmpty()) {
            out.writeEndObject();
            return;
        }
        out.writeArrayFieldStart("entity");
        if (call.patient().isPresent()) {
            out.writeStartObject();
            out.writeObjectFieldStart("what");
            out.writeStringField("reference", call.patient().get());
            out.writeEndObject();
            out.writeFieldName("type");
            coding(out, ENTITY_TYPE, "1", "Person");
            out.writeFieldName("role");
            coding(out, OBJECT_ROLE, "1", "Patient");
            out.writeEndObject();
        }
        if (call.hookInstance().isPresent()) {
            out.writeStartObject();
            if (!isBlank(call.hookInstance().get())) {
                out.writeObjectFieldStart("what");
                identifier(out, null, call.hookInstance().get());
                out.writeEndObject();
            }
            out.writeFieldName("type");
            coding(out, ENTITY_TYPE, "2", "System Object");
            out.writeStringField("name", "hookInstance");
            out.writeStringField("description", "The CDS Hooks call's hookInstance");
            out.writeEndObject();
        }
        for (AuditedCall.Read read : reads) {
            out.writeStartObject();
            out.writeFieldName("type");
            coding(out, ENTITY_TYPE, "2", "System Object");
            out.writeFieldName("role");
            coding(out, OBJECT_ROLE, "24", "Query");
            string(out, "name", read.resourceType());
            out.writeStringField("description", "FHIR server read: " + read.resourceType() + " from " + read.server());
            out.writeArrayFieldStart("detail");
            detail(out, "server", read.server());
            detail(out, "resourceType", read.resourceType());
            detail(out, "pages", Integer.toString(read.pages()));
            detail(out, "resources", Integer.toString(read.resources()));
            detail(out, "status", read.status());
            out.writeEndArray();
            out.writeEndObject();
        }
        for (AuditedCall.Card card : cards) {
            out.writeStartObject();
            out.writeObjectFieldStart("what");
            identifier(out, "urn:ietf:rfc:3986", "urn:uuid:" + card.uuid());
            out.writeEndObject();
            out.writeFieldName("type");
            coding(out, ENTITY_TYPE, "2", "System Object");
            string(out, "name", card.ruleId());
            out.writeStringField("description", "Card " + card.disposition().code());
            out.writeArrayFieldStart("detail");
            detail(out, "rule", card.ruleId());
            detail(out, "disposition", card.disposition().code());
            out.writeEndArray();
            out.writeEndObject();
        }
        out.writeEndArray();
        out.writeEndObject();
    }

    /** A string member, left out when blank, as HAPI leaves out an empty primitive. */
    private static void string(JsonGenerator out, String name, String value) throws IOException {
        if (!isBlank(value)) {
            out.writeStringField(name, value);
        }
    }

    private static void coding(JsonGenerator out, String system, String code, String display) throws IOException {
        out.writeStartObject();
        string(out, "system", system);
        string(out, "code", code);
        string(out, "display", display);
        out.writeEndObject();
    }

    /** An identifier member: its system and value, each left out when blank. */
    private static void identifier(JsonGenerator out, String system, String value) throws IOException {
        boolean hasSystem = !isBlank(system);
        boolean hasValue = !isBlank(value);
        if (!hasSystem && !hasValue) {
            return;
        }
        out.writeObjectFieldStart("identifier");
        if (hasSystem) {
            out.writeStringField("system", system);
        }
        if (hasValue) {
            out.writeStringField("value", value);
        }
        out.writeEndObject();
    }

    private static void detail(JsonGenerator out, String type, String value) throws IOException {
        out.writeStartObject();
        out.writeStringField("type", type);
        string(out, "valueString", value);
        out.writeEndObject();
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    AuditEvent event(String id, AuditedCall call, int status, Instant recorded) {
        AuditEvent event = new AuditEvent();
        event.setId(id);
        event.setType(new Coding(EVENT_TYPE, "rest", "RESTful Operation"));
        event.addSubtype(new Coding(CALL_SYSTEM, call.kind().code(), kindDisplay(call.kind())));
        call.hook().ifPresent(hook -> event.addSubtype(new Coding(HOOK_SYSTEM, hook, null)));
        event.setAction(AuditEventAction.E);
        event.setPeriod(new Period().setStart(Date.from(call.started())).setEnd(Date.from(recorded)));
        event.setRecorded(Date.from(recorded));
        event.setOutcome(outcome(status));
        event.setOutcomeDesc("HTTP " + status);

        AuditEventAgentComponent client = event.addAgent()
                .setType(new CodeableConcept(new Coding(DICOM, "110150", "Application")))
                .setRequestor(call.userId().isEmpty());
        if (call.clientIssuer().isPresent()) {
            client.setName(call.clientIssuer().get());
            client.setWho(new Reference()
                    .setIdentifier(new Identifier()
                            .setSystem(call.clientIssuer().get())
                            .setValue(call.clientSubject()
                                    .orElse(call.clientIssuer().get())))
                    .setDisplay("CDS client"));
        } else {
            client.setName("client not identified: client tokens are not checked");
        }
        call.userId().ifPresent(user -> event.addAgent()
                .setType(new CodeableConcept(new Coding(PARTICIPATION, "IRCP", "information recipient")))
                .setWho(new Reference(user))
                .setRequestor(true));

        event.getSource()
                .setSite(application)
                .setObserver(new Reference().setDisplay(application + " " + call.serviceId()))
                .addType(new Coding(SOURCE_TYPE, "4", "Application Server"));

        call.patient().ifPresent(patient -> event.addEntity()
                .setWhat(new Reference(patient))
                .setType(new Coding(ENTITY_TYPE, "1", "Person"))
                .setRole(new Coding(OBJECT_ROLE, "1", "Patient")));
        call.hookInstance().ifPresent(instance -> event.addEntity()
                .setWhat(new Reference().setIdentifier(new Identifier().setValue(instance)))
                .setType(new Coding(ENTITY_TYPE, "2", "System Object"))
                .setName("hookInstance")
                .setDescription("The CDS Hooks call's hookInstance"));
        for (AuditedCall.Read read : call.reads()) {
            AuditEventEntityComponent entity = event.addEntity()
                    .setType(new Coding(ENTITY_TYPE, "2", "System Object"))
                    .setRole(new Coding(OBJECT_ROLE, "24", "Query"))
                    .setName(read.resourceType())
                    .setDescription("FHIR server read: " + read.resourceType() + " from " + read.server());
            detail(entity, "server", read.server());
            detail(entity, "resourceType", read.resourceType());
            detail(entity, "pages", Integer.toString(read.pages()));
            detail(entity, "resources", Integer.toString(read.resources()));
            detail(entity, "status", read.status());
        }
        for (AuditedCall.Card card : call.cards()) {
            AuditEventEntityComponent entity = event.addEntity()
                    .setWhat(new Reference()
                            .setIdentifier(new Identifier()
                                    .setSystem("urn:ietf:rfc:3986")
                                    .setValue("urn:uuid:" + card.uuid())))
                    .setType(new Coding(ENTITY_TYPE, "2", "System Object"))
                    .setName(card.ruleId())
                    .setDescription("Card " + card.disposition().code());
            detail(entity, "rule", card.ruleId());
            detail(entity, "disposition", card.disposition().code());
        }
        return event;
    }

    private static void detail(AuditEventEntityComponent entity, String type, String value) {
        entity.addDetail().setType(type).setValue(new org.hl7.fhir.r4.model.StringType(value));
    }

    /** FHIR's outcome codes: success, or a failure the caller (4xx) or the service (5xx) made. */
    static AuditEventOutcome outcome(int status) {
        if (status < 400) {
            return AuditEventOutcome._0;
        }
        return status < 500 ? AuditEventOutcome._4 : AuditEventOutcome._8;
    }

    private static String kindDisplay(AuditedCall.Kind kind) {
        return switch (kind) {
            case HOOK -> "CDS Hooks call";
            case CHART -> "Card viewer chart";
            case TIMELINE -> "Card viewer timeline";
        };
    }
}
