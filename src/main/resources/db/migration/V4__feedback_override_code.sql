-- The override reason's coding in columns of its own, as the client sent it (override_reason keeps
-- the whole JSON): which reasons clinicians give can be counted, and the snooze reads them. Each is
-- shorter than the JSON it comes from, which the service keeps under 4000 characters.
alter table feedback add column override_system varchar(4000);
alter table feedback add column override_code varchar(4000);

-- Rows stored before: the four reasons the cards offered then, in this service's former code system
-- (or sent without one), are given the CDS Hooks non-adherence reason code that replaced each,
-- so that a card snoozed before the upgrade stays snoozed. The JSON is compact, as the service wrote
-- it; other rows keep their reason in override_reason alone.
update feedback
   set override_system = 'http://terminology.hl7.org/CodeSystem/non-adherence-reason-codes',
       override_code = case
           when override_reason like '%"code":"already-addressed"%' then 'action-completed'
           when override_reason like '%"code":"not-applicable"%' then 'cds-not-applicable'
           when override_reason like '%"code":"patient-declined"%' then 'patient-refuses'
           else 'risk-benefit-ratio'
       end
 where outcome = 'overridden'
   and (override_reason like '%"code":"already-addressed"%'
        or override_reason like '%"code":"not-applicable"%'
        or override_reason like '%"code":"patient-declined"%'
        or override_reason like '%"code":"clinical-judgement"%')
   and (override_reason like '%"system":"http://recurrent-miscarriage-cds.org/fhir/CodeSystem/override-reason"%'
        or override_reason like '%"system":null%'
        or override_reason not like '%"system":%');
