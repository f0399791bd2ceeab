-- The audit trail: one row per hook call, holding the call's FHIR R4 AuditEvent as JSON, and one
-- row per card the call gave (shown, or kept back because its rule runs silent or the clinician
-- snoozed it). Each day column is the UTC day of its timestamp, written by the service, so that
-- the usage report groups by day in the same way on every database.
create table audit_event (
    id char(36) primary key,
    recorded_at timestamp with time zone not null,
    recorded_day date not null,
    service_id varchar(100) not null,
    hook_instance varchar(200),
    patient varchar(200),
    client_issuer varchar(1000),
    status integer not null,
    resource text not null
);
create index audit_event_patient on audit_event (patient, recorded_at);
create index audit_event_recorded on audit_event (recorded_at);

create table audit_card (
    event_id char(36) not null,
    service_id varchar(100) not null,
    card_uuid varchar(100) not null,
    rule_id varchar(100) not null,
    disposition varchar(10) not null,
    recorded_day date not null
);
create index audit_card_day on audit_card (recorded_day, rule_id);
create index audit_card_uuid on audit_card (service_id, card_uuid);
create index audit_card_event on audit_card (event_id);

-- Feedback by the UTC day of its outcome, for the same report. Rows stored before take the day
-- the database gives their timestamp.
alter table feedback add column outcome_day date;
update feedback set outcome_day = cast(outcome_timestamp as date);
create index feedback_day on feedback (outcome_day);
