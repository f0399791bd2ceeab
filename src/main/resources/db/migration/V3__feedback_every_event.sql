-- Every distinct feedback event is kept: a later override of the same card (another visit, another
-- reason) is a new row. Only an exact resend (same service, card, outcome, outcomeTimestamp,
-- accepted suggestions and override reason) stores nothing new: event_hash is the SHA-256 of those,
-- in hex, computed by the service. Rows stored before this migration have none; a null hash is
-- never equal to another, so they stay as they are.
alter table feedback drop constraint feedback_card_outcome;
alter table feedback add column event_hash char(64);
alter table feedback add constraint feedback_event unique (service_id, event_hash);
create index feedback_card on feedback (service_id, card_uuid);
