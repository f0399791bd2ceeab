package org.rplcds.audit;

import ca.uhn.fhir.context.FhirContext;
import java.time.Instant;
import java.util.Date;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
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

    /** The event of a call answered {@code status} at {@code recorded}, as JSON. */
    String json(String id, AuditedCall call, int status, Instant recorded) {
        return fhir.newJsonParser().encodeResourceToString(event(id, call, status, recorded));
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
