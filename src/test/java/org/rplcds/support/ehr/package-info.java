/**
 * FHIR R4 servers that search as EHR vendors document it, no friendlier: {@link
 * org.rplcds.support.ehr.EhrLikeServer} in three dialects, for testing a client against each.
 *
 * <p>Sources. CERNER: Markdown sources of fhir.cerner.com in the public repository
 * {@code cerner/fhir.cerner.com}, under {@code content/millennium/r4/}: {@code
 * clinical/summary/condition.md}, {@code clinical/summary/procedure.md}, {@code
 * clinical/diagnostics/observation.md}, {@code clinical/diagnostics/diagnostic-report.md}, {@code
 * clinical/medications/medication-request.md}, {@code clinical/care-provision/service-request.md},
 * {@code ../r4.md} (errors, pagination, HTTP verbs), {@code ../faq/common-issues.md} (paging), and
 * {@code lib/resources/example_json/r4_examples_capabilitystatement.rb} (metadata). EPIC: the
 * "FHIR Error Codes" table of fhir.epic.com Specifications pages
 * (https://fhir.epic.com/Specifications?api=1048); Epic's Condition.Search elements as mirrored at
 * https://docs.nerve.run/functions/condition-search; the Observation refusal as Epic's sandbox
 * answers it (https://github.com/jwilleke/yourphr/issues/754). The Specifications parameter tables
 * themselves were not reachable. US CORE: {@code HL7/US-Core} {@code
 * input/resources/CapabilityStatement-us-core-server.json} (9.0.0-ballot) and {@code
 * input/pagecontent/general-requirements.md}. "Chosen" marks a behaviour no source states; the
 * stricter plausible one was taken.
 *
 * <table>
 *   <caption>Search behaviour by dialect</caption>
 *   <tr><th>Behaviour</th><th>EPIC</th><th>ORACLE_HEALTH</th><th>US_CORE_STRICT</th></tr>
 *   <tr><td>Service root</td><td>/api/FHIR/R4/</td><td>/r4/ec2458f2-1e24-41c8-b71b-0e701af7583d/ (r4.md)</td>
 *       <td>/fhir/</td></tr>
 *   <tr><td>Unknown parameter</td><td>ignored, not applied; warning entry 4122 (ERRORS)</td>
 *       <td>400 OperationOutcome naming it (not documented; chosen)</td>
 *       <td>400: only SHALL combinations are answered</td></tr>
 *   <tr><td>No patient</td><td>400, 4111 (ERRORS)</td>
 *       <td>400 "no supported search parameters provided" (r4.md)</td><td>400</td></tr>
 *   <tr><td>Condition params</td><td>patient, subject, category, clinical-status, encounter, code
 *       (post-filter), _count</td><td>_id (alone), patient, subject, clinical-status, category, encounter,
 *       _revinclude; no code, no _count (condition.md; no _lastUpdated there)</td>
 *       <td>patient; patient+category</td></tr>
 *   <tr><td>Condition without clinical-status</td><td>active only: "If no status is specified all active
 *       (confirmed) conditions will be returned"; list allowed</td><td>every status</td>
 *       <td>every status</td></tr>
 *   <tr><td>Condition without category</td><td>problem-list-item only (chosen); several categories in one
 *       value allowed; unknown category 400, 4115</td><td>every category; encounter= gives that encounter's
 *       diagnoses plus all problems, no health concerns (condition.md)</td><td>every category</td></tr>
 *   <tr><td>Observation</td><td>400 "Must have either code or category." (59108) without both; unknown
 *       category 400, 59111</td><td>only laboratory, vital-signs, social-history are ever returned;
 *       code matches Observation.code only; date/_lastUpdated up to twice, not together
 *       (observation.md)</td><td>patient+category, patient+category+date, patient+code (patient+code+date
 *       is SHOULD: 400)</td></tr>
 *   <tr><td>MedicationRequest</td><td>patient, subject, status, intent, category (unknown category:
 *       warning 59101)</td><td>_id, patient, status, intent, -timing-boundsPeriod (ge), _lastUpdated (ge/le
 *       with time), _count; no code (medication-request.md)</td><td>patient+intent,
 *       patient+intent+status</td></tr>
 *   <tr><td>Procedure</td><td>patient, subject, date, status</td><td>_id, patient, subject, date (once with
 *       prefix and time, or a closed range), _revinclude; no code, no _count (procedure.md)</td>
 *       <td>patient; patient+date</td></tr>
 *   <tr><td>DiagnosticReport</td><td>patient, subject, category, code, date</td><td>_id, patient, encounter,
 *       date, category, code, _count, _revinclude (diagnostic-report.md)</td><td>patient; patient+category;
 *       patient+category+date; patient+code</td></tr>
 *   <tr><td>ServiceRequest</td><td>patient, subject, category, code, status</td><td>_id, patient, subject,
 *       code only in https://fhir.cerner.com/&lt;tenant&gt;/codeSet/200, _lastUpdated, _count
 *       (service-request.md)</td><td>patient; patient+category; patient+category+authored;
 *       patient+code</td></tr>
 *   <tr><td>Page size, default / most</td><td>100 (chosen, from 59133's "exceeds 100 results") / _count
 *       as given</td><td>Observation 50 / 200, above refused; DiagnosticReport 10 / 100, above lowered;
 *       MedicationRequest, ServiceRequest 50 / 100 lowered (chosen); Condition, Procedure 50, no _count
 *       (chosen; common-issues.md: page every resource)</td><td>50 / 100 lowered (chosen)</td></tr>
 *   <tr><td>Pages after the first</td><td colspan="3">hold three quarters of the page size: Cerner
 *       observation.md "Second page onward, returned item count may be less than requested"; Cerner also
 *       puts all social history on the first page</td></tr>
 *   <tr><td>Next link</td><td>query + sessionID=&lt;opaque&gt;; unknown token 400, 4113</td>
 *       <td>query + pageContext=&lt;opaque&gt;&amp;direction=NEXT (r4.md Pagination); unknown token 400</td>
 *       <td>page-token=&lt;opaque&gt; only</td></tr>
 *   <tr><td>Bundle.total</td><td>present</td><td>absent (r4.md example has none)</td><td>absent</td></tr>
 *   <tr><td>Empty result</td><td>warning entry 4101</td><td>empty Bundle</td><td>empty Bundle</td></tr>
 *   <tr><td>POST [type]/_search</td><td>405 (not documented; chosen)</td><td>405 (r4.md: POST
 *       creates)</td><td>answered with the same rules (general-requirements.md: SHALL)</td></tr>
 *   <tr><td>Dates</td><td>FHIR prefixes</td><td>per type, as above</td><td>second precision with offset
 *       required (general-requirements.md); eq, gt, lt, ge, le</td></tr>
 *   <tr><td>metadata identity</td><td>publisher "Epic", software.name "Epic" (not confirmed by a
 *       document)</td><td>name "CernerCapabilityStatement", title "Cerner Capability Statement", publisher
 *       "Cerner", no software</td><td>name "UsCoreServerCapabilityStatement", publisher "HL7 International -
 *       Cross-Group Projects", instantiates the US Core server statement, no software</td></tr>
 *   <tr><td>URL length</td><td colspan="3">414 beyond 8,192 characters of path and query by default; no
 *       vendor documents a limit</td></tr>
 * </table>
 *
 * <p>Every dialect: token parameters take comma-separated values (OR) and {@code system|code};
 * {@code date} takes FHIR prefixes on the main date (Observation and DiagnosticReport effective,
 * Procedure performed, MedicationRequest and ServiceRequest authoredOn); a configurable latency; a
 * log of every request with its status; Patient read. Patient search is not offered.
 */
package org.rplcds.support.ehr;
