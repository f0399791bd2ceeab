package org.rplcds.support.ehr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.support.Fhir.LOINC;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceSearchParamComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rplcds.support.Fhir;
import org.rplcds.support.SyntheaCharts;

@DisplayName("FHIR servers that search as Epic, Oracle Health and a strict US Core server document it")
class EhrLikeServerTest {

    static final String THREE_LOSSES = "recurrent-three-losses";
    static final String PATIENT = SyntheaCharts.patientId(SyntheaCharts.resources(THREE_LOSSES));
    static final String MISCARRIAGE = "19169002";
    static final int VITAL_SIGNS_ADDED = 250;

    static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** Every Synthea chart, the three-losses chart grown by vital signs, plus what a test adds. */
    static List<Resource> charts(Resource... more) {
        List<Resource> all = new ArrayList<>();
        for (String name : SyntheaCharts.NAMES) {
            List<Resource> chart = SyntheaCharts.resources(name);
            all.addAll(name.equals(THREE_LOSSES) ? SyntheaCharts.withVitalSigns(chart, VITAL_SIGNS_ADDED) : chart);
        }
        all.addAll(List.of(more));
        return all;
    }

    static List<Resource> ofChart(String type) {
        return SyntheaCharts.resources(THREE_LOSSES).stream()
                .filter(r -> r.fhirType().equals(type))
                .toList();
    }

    record Answer(int status, String body, long millis) {

        IBaseResource resource() {
            return Fhir.CONTEXT.newJsonParser().parseResource(body);
        }

        Bundle bundle() {
            assertThat(status).as(body).isEqualTo(200);
            return (Bundle) resource();
        }

        OperationOutcome outcome() {
            return (OperationOutcome) resource();
        }
    }

    static Answer get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url.replace("|", "%7C"))).GET());
    }

    static Answer postForm(String url, String form) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    static Answer send(HttpRequest.Builder request) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = CLIENT.send(
                    request.header("Accept", "application/fhir+json")
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), (System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The first page and every page reached by following next links as given. */
    static List<Bundle> allPages(String firstUrl) {
        List<Bundle> pages = new ArrayList<>();
        Bundle page = get(firstUrl).bundle();
        pages.add(page);
        while (page.getLink("next") != null) {
            page = get(page.getLink("next").getUrl()).bundle();
            pages.add(page);
            assertThat(pages).as("pages").hasSizeLessThan(100);
        }
        return pages;
    }

    static List<Resource> matches(Bundle bundle) {
        return bundle.getEntry().stream()
                .filter(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.MATCH)
                .map(Bundle.BundleEntryComponent::getResource)
                .toList();
    }

    static List<OperationOutcome> outcomes(Bundle bundle) {
        return bundle.getEntry().stream()
                .filter(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.OUTCOME)
                .map(e -> (OperationOutcome) e.getResource())
                .toList();
    }

    static List<Resource> matches(List<Bundle> pages) {
        return pages.stream().flatMap(p -> matches(p).stream()).toList();
    }

    static Set<String> ids(List<Resource> resources) {
        Set<String> ids = new HashSet<>();
        resources.forEach(r -> ids.add(r.getIdElement().getIdPart()));
        return ids;
    }

    static boolean coded(Resource resource, String code) {
        return Elements.codings(resource, "code").stream().anyMatch(c -> code.equals(c.getCode()));
    }

    static CapabilityStatement metadata(EhrLikeServer server) {
        Answer answer = get(server.baseUrl() + "metadata");
        assertThat(answer.status()).isEqualTo(200);
        return (CapabilityStatement) answer.resource();
    }

    static List<String> searchParams(CapabilityStatement statement, String type) {
        return statement.getRestFirstRep().getResource().stream()
                .filter(r -> r.getType().equals(type))
                .flatMap(r -> r.getSearchParam().stream())
                .map(CapabilityStatementRestResourceSearchParamComponent::getName)
                .toList();
    }

    static Condition problem(String id, String code, String status) {
        Condition condition = new Condition();
        condition.setId(id);
        condition.setSubject(new org.hl7.fhir.r4.model.Reference("Patient/" + PATIENT));
        condition.setCode(new CodeableConcept(new Coding(Fhir.SNOMED, code, null)));
        condition
                .addCategory()
                .addCoding()
                .setSystem("http://terminology.hl7.org/CodeSystem/condition-category")
                .setCode("problem-list-item");
        condition
                .getClinicalStatus()
                .addCoding()
                .setSystem("http://terminology.hl7.org/CodeSystem/condition-clinical")
                .setCode(status);
        condition.setOnset(new org.hl7.fhir.r4.model.DateTimeType("2022-02-02T10:00:00Z"));
        return condition;
    }

    static DiagnosticReport[] reports(int count) {
        DiagnosticReport[] reports = new DiagnosticReport[count];
        for (int i = 0; i < count; i++) {
            reports[i] = Fhir.report(
                    "report-" + i,
                    PATIENT,
                    "24323-8",
                    DiagnosticReport.DiagnosticReportStatus.FINAL,
                    "2024-0" + (1 + i % 9) + "-1" + (i % 10) + "T08:00:00Z");
            reports[i]
                    .addCategory()
                    .addCoding()
                    .setSystem("http://terminology.hl7.org/CodeSystem/v2-0074")
                    .setCode("LAB");
        }
        return reports;
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @DisplayName("Epic")
    class Epic {

        EhrLikeServer server;
        String base;

        @BeforeAll
        void start() throws Exception {
            server = EhrLikeServer.start(
                    EhrLikeServer.Dialect.EPIC,
                    charts(problem("problem-1", "38341003", "active"), problem("problem-2", "44054006", "resolved")));
            base = server.baseUrl();
        }

        @AfterAll
        void stop() throws Exception {
            server.close();
        }

        @Test
        @DisplayName(
                "Should return only active Conditions when no clinical-status is named, so resolved miscarriages vanish")
        void activeConditionsByDefault() {
            // when
            List<Resource> found = matches(get(base + "Condition?patient=" + PATIENT + "&category=encounter-diagnosis")
                    .bundle());

            // then
            long active = ofChart("Condition").stream()
                    .filter(c -> "active".equals(Elements.clinicalStatus((Condition) c)))
                    .count();
            assertThat(active).isEqualTo(12);
            assertThat(found).hasSize(12);
            assertThat(found).allMatch(c -> "active".equals(Elements.clinicalStatus((Condition) c)));
            assertThat(found).noneMatch(c -> coded(c, MISCARRIAGE));
        }

        @Test
        @DisplayName("Should return every Condition when clinical-status names active, inactive and resolved as a list")
        void everyConditionWithStatusList() {
            // when
            List<Resource> found = matches(get(base + "Condition?patient=" + PATIENT
                            + "&category=encounter-diagnosis&clinical-status=active,inactive,resolved")
                    .bundle());

            // then
            assertThat(found).hasSize(71);
            assertThat(found).filteredOn(c -> coded(c, MISCARRIAGE)).hasSize(2);
        }

        @Test
        @DisplayName("Should answer a Condition search without category with problem-list items only")
        void problemsWithoutCategory() {
            // when
            List<Resource> found =
                    matches(get(base + "Condition?patient=" + PATIENT + "&clinical-status=active,resolved")
                            .bundle());

            // then
            assertThat(ids(found)).containsExactlyInAnyOrder("problem-1", "problem-2");
        }

        @Test
        @DisplayName("Should take several categories in one comma-separated value")
        void severalCategories() {
            // when
            List<Resource> found = matches(
                    get(base + "Condition?patient=" + PATIENT + "&category=problem-list-item,encounter-diagnosis")
                            .bundle());

            // then
            assertThat(found).hasSize(13);
        }

        @Test
        @DisplayName("Should refuse a Condition category Epic does not know with 400 and error 4115")
        void unknownConditionCategory() {
            // when
            Answer answer = get(base + "Condition?patient=" + PATIENT + "&category=foo");

            // then
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.outcome()
                            .getIssueFirstRep()
                            .getDetails()
                            .getCodingFirstRep()
                            .getCode())
                    .isEqualTo("4115");
        }

        @Test
        @DisplayName(
                "Should refuse an Observation search with neither code nor category: 400, Must have either code or category.")
        void observationNeedsCodeOrCategory() {
            // when
            Answer answer = get(base + "Observation?patient=" + PATIENT);

            // then
            assertThat(answer.status()).isEqualTo(400);
            OperationOutcome.OperationOutcomeIssueComponent issue =
                    answer.outcome().getIssueFirstRep();
            assertThat(issue.getDiagnostics()).isEqualTo("Must have either code or category.");
            assertThat(issue.getCode()).isEqualTo(OperationOutcome.IssueType.REQUIRED);
            assertThat(issue.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.FATAL);
        }

        @Test
        @DisplayName("Should refuse an Observation category Epic does not know with 400 and error 59111")
        void unknownObservationCategory() {
            // when
            Answer answer = get(base + "Observation?patient=" + PATIENT + "&category=labresults");

            // then
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.outcome()
                            .getIssueFirstRep()
                            .getDetails()
                            .getCodingFirstRep()
                            .getCode())
                    .isEqualTo("59111");
        }

        @Test
        @DisplayName("Should ignore an unknown parameter, not filter by it, and say so in a 4122 warning entry")
        void unknownParameterIgnored() {
            // when
            Bundle plain = get(base + "Observation?patient=" + PATIENT + "&category=laboratory")
                    .bundle();
            Bundle withUnknown = get(base + "Observation?patient=" + PATIENT
                            + "&category=laboratory&value-quantity=gt1000")
                    .bundle();

            // then
            assertThat(matches(withUnknown)).hasSize(matches(plain).size()).hasSize(20);
            assertThat(outcomes(withUnknown)).hasSize(1);
            assertThat(outcomes(withUnknown)
                            .get(0)
                            .getIssueFirstRep()
                            .getDetails()
                            .getCodingFirstRep()
                            .getCode())
                    .isEqualTo("4122");
            assertThat(outcomes(withUnknown).get(0).getIssueFirstRep().getDiagnostics())
                    .contains("value-quantity");
        }

        @Test
        @DisplayName("Should page by _count with a total, pages after the first shorter, through next links")
        void pagesWithTotal() {
            // when
            List<Bundle> pages = allPages(base + "Observation?patient=" + PATIENT + "&category=vital-signs&_count=40");

            // then
            int expected = 38 + VITAL_SIGNS_ADDED;
            assertThat(pages.get(0).getTotal()).isEqualTo(expected);
            assertThat(matches(pages.get(0))).hasSize(40);
            assertThat(matches(pages.get(1))).hasSize(30);
            assertThat(ids(matches(pages))).hasSize(expected);
            assertThat(pages.get(0).getLink("next").getUrl()).contains("sessionID=");
        }

        @Test
        @DisplayName("Should refuse a page token it never gave with 400 and error 4113")
        void expiredSession() {
            // when
            Answer answer =
                    get(base + "Observation?patient=" + PATIENT + "&category=vital-signs&sessionID=no-such-session");

            // then
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.outcome()
                            .getIssueFirstRep()
                            .getDetails()
                            .getCodingFirstRep()
                            .getCode())
                    .isEqualTo("4113");
        }

        @Test
        @DisplayName("Should answer a search with no match with total 0 and a 4101 warning entry")
        void noResults() {
            // when
            Bundle bundle = get(base + "Observation?patient=" + PATIENT + "&code=" + LOINC + "|0000-0")
                    .bundle();

            // then
            assertThat(bundle.getTotal()).isZero();
            assertThat(matches(bundle)).isEmpty();
            assertThat(outcomes(bundle)
                            .get(0)
                            .getIssueFirstRep()
                            .getDetails()
                            .getCodingFirstRep()
                            .getCode())
                    .isEqualTo("4101");
        }

        @Test
        @DisplayName("Should refuse a search without patient with 400 and error 4111")
        void patientRequired() {
            // when
            Answer answer = get(base + "Procedure?date=ge2020-01-01");

            // then
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.outcome()
                            .getIssueFirstRep()
                            .getDetails()
                            .getCodingFirstRep()
                            .getCode())
                    .isEqualTo("4111");
        }

        @Test
        @DisplayName("Should refuse POST [type]/_search, which its documents do not offer")
        void noPostSearch() {
            // when
            Answer answer = postForm(base + "Observation/_search", "patient=" + PATIENT + "&category=laboratory");

            // then
            assertThat(answer.status()).isEqualTo(405);
        }

        @Test
        @DisplayName("Should identify itself as Epic in its CapabilityStatement and list the parameters it takes")
        void metadataIdentifiesEpic() {
            // when
            CapabilityStatement statement = metadata(server);

            // then
            assertThat(statement.getPublisher()).isEqualTo("Epic");
            assertThat(statement.getSoftware().getName()).isEqualTo("Epic");
            assertThat(searchParams(statement, "Observation"))
                    .containsExactly("patient", "subject", "category", "code", "date", "_count");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @DisplayName("Oracle Health (Cerner Millennium R4)")
    class OracleHealth {

        static final String ORDER = "22337316";

        EhrLikeServer server;
        String base;

        @BeforeAll
        void start() throws Exception {
            ServiceRequest order = Fhir.order(
                    "order-1",
                    PATIENT,
                    OracleHealthRules.ORDER_CODES,
                    ORDER,
                    ServiceRequest.ServiceRequestStatus.ACTIVE,
                    "2024-03-01T09:00:00Z");
            List<Resource> extra = new ArrayList<>(List.of(reports(150)));
            extra.add(order);
            extra.add(problem("problem-1", "38341003", "active"));
            server = EhrLikeServer.start(EhrLikeServer.Dialect.ORACLE_HEALTH, charts(extra.toArray(Resource[]::new)));
            base = server.baseUrl();
        }

        @AfterAll
        void stop() throws Exception {
            server.close();
        }

        @Test
        @DisplayName("Should refuse _count on Condition with 400 naming it")
        void conditionRefusesCount() {
            // when
            Answer answer = get(base + "Condition?patient=" + PATIENT + "&_count=20");

            // then
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.outcome().getIssueFirstRep().getDiagnostics()).contains("_count");
        }

        @Test
        @DisplayName("Should refuse code on Condition with 400 naming it")
        void conditionRefusesCode() {
            // when
            Answer answer = get(base + "Condition?patient=" + PATIENT + "&code=" + Fhir.SNOMED + "|" + MISCARRIAGE);

            // then
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.outcome().getIssueFirstRep().getDiagnostics()).contains("code");
        }

        @Test
        @DisplayName("Should return every Condition of every status when clinical-status is not named, paged by 50")
        void conditionsPaged() {
            // when
            List<Bundle> pages = allPages(base + "Condition?patient=" + PATIENT);

            // then
            assertThat(matches(pages.get(0))).hasSize(50);
            assertThat(ids(matches(pages))).hasSize(71 + 1);
            assertThat(pages.get(0).hasTotal()).isFalse();
        }

        @Test
        @DisplayName("Should answer encounter= with that encounter's diagnoses and every problem-list item")
        void conditionsOfEncounter() {
            // given
            Condition loss = (Condition) ofChart("Condition").stream()
                    .filter(c -> coded(c, MISCARRIAGE))
                    .findFirst()
                    .orElseThrow();
            String encounter = Elements.encounterId(loss).orElseThrow();
            long sameEncounter = ofChart("Condition").stream()
                    .filter(c ->
                            Elements.encounterId(c).filter(encounter::equals).isPresent())
                    .count();

            // when
            List<Resource> found = matches(get(base + "Condition?patient=" + PATIENT + "&encounter=" + encounter)
                    .bundle());

            // then
            assertThat(ids(found)).contains(loss.getIdElement().getIdPart(), "problem-1");
            assertThat(found).hasSize((int) sameEncounter + 1);
        }

        @Test
        @DisplayName("Should refuse Observation _count above 200 and take 200")
        void observationCountLimit() {
            // when
            Answer tooMany = get(base + "Observation?patient=" + PATIENT + "&_count=500");
            Answer most = get(base + "Observation?patient=" + PATIENT + "&category=vital-signs&_count=200");

            // then
            assertThat(tooMany.status()).isEqualTo(400);
            assertThat(tooMany.outcome().getIssueFirstRep().getDiagnostics()).contains("200");
            assertThat(matches(most.bundle())).hasSize(200);
        }

        @Test
        @DisplayName("Should page Observations by 50, social history all on the first page, through opaque next links")
        void observationsPaged() {
            // when
            List<Bundle> pages = allPages(base + "Observation?patient=" + PATIENT);

            // then
            List<Resource> all = matches(pages);
            long social = all.stream()
                    .filter(o -> Elements.codings(o, "category").stream()
                            .anyMatch(c -> c.getCode().equals("social-history")))
                    .count();
            assertThat(social).isEqualTo(37);
            assertThat(matches(pages.get(0))).hasSize(37 + 50);
            assertThat(matches(pages.get(1))).hasSize(38);
            // 20 laboratory + 38 vital signs + 37 social history + the vital signs added; no survey
            assertThat(ids(all)).hasSize(20 + 38 + 37 + VITAL_SIGNS_ADDED);
            assertThat(pages.get(0).getLink("next").getUrl())
                    .contains("pageContext=")
                    .endsWith("&direction=NEXT");
        }

        @Test
        @DisplayName("Should match code on Observation.code only, never on component codes")
        void codeMatchesObservationCodeOnly() {
            // when
            Bundle panel = get(base + "Observation?patient=" + PATIENT + "&code=http://loinc.org|85354-9&_count=200")
                    .bundle();
            Bundle systolic = get(base + "Observation?patient=" + PATIENT + "&code=http://loinc.org|8480-6")
                    .bundle();

            // then
            assertThat(matches(panel)).isNotEmpty().allMatch(o -> coded(o, "85354-9"));
            assertThat(matches(systolic)).isEmpty();
        }

        @Test
        @DisplayName("Should lower DiagnosticReport _count above 100 to 100 and page by 10 without one")
        void diagnosticReportPages() {
            // when
            Bundle capped = get(base + "DiagnosticReport?patient=" + PATIENT + "&_count=500")
                    .bundle();
            List<Bundle> pages = allPages(base + "DiagnosticReport?patient=" + PATIENT);

            // then
            assertThat(matches(capped)).hasSize(100);
            assertThat(matches(pages.get(0))).hasSize(10);
            assertThat(ids(matches(pages))).hasSize(150);
        }

        @Test
        @DisplayName("Should answer a search without patient with 400: no supported search parameters provided")
        void patientRequired() {
            // when
            Answer answer = get(base + "Observation?category=laboratory");

            // then
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.outcome().getIssueFirstRep().getDiagnostics())
                    .isEqualTo("no supported search parameters provided");
        }

        @Test
        @DisplayName("Should refuse a Procedure date without prefix and time, and take a closed range")
        void procedureDates() {
            // when
            Answer bare = get(base + "Procedure?patient=" + PATIENT + "&date=2019-01-01");
            List<Bundle> range = allPages(
                    base + "Procedure?patient=" + PATIENT + "&date=ge2018-12-01T00:00:00Z&date=lt2019-02-01T00:00:00Z");

            // then
            assertThat(bare.status()).isEqualTo(400);
            assertThat(matches(range))
                    .isNotEmpty()
                    .allMatch(p -> Elements.mainDate(p)
                                    .orElseThrow()[0]
                                    .toString()
                                    .startsWith("2018-12")
                            || Elements.mainDate(p).orElseThrow()[0].toString().startsWith("2019-01"));
        }

        @Test
        @DisplayName("Should search ServiceRequest code only in Millennium's own code system")
        void serviceRequestCodeSystem() {
            // when
            Answer loinc = get(base + "ServiceRequest?patient=" + PATIENT + "&code=" + LOINC + "|24323-8");
            Bundle own = get(base + "ServiceRequest?patient=" + PATIENT + "&code=" + OracleHealthRules.ORDER_CODES + "|"
                            + ORDER)
                    .bundle();

            // then
            assertThat(loinc.status()).isEqualTo(400);
            assertThat(ids(matches(own))).containsExactly("order-1");
        }

        @Test
        @DisplayName("Should refuse code on MedicationRequest with 400 naming it")
        void medicationRequestRefusesCode() {
            // when
            Answer answer = get(base + "MedicationRequest?patient=" + PATIENT + "&code=" + Fhir.RXNORM + "|1");

            // then
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.outcome().getIssueFirstRep().getDiagnostics()).contains("code");
        }

        @Test
        @DisplayName("Should refuse POST [type]/_search")
        void noPostSearch() {
            // when
            Answer answer = postForm(base + "Condition/_search", "patient=" + PATIENT);

            // then
            assertThat(answer.status()).isEqualTo(405);
        }

        @Test
        @DisplayName(
                "Should identify itself as Cerner's statement does and list exactly the Condition parameters it takes")
        void metadataIdentifiesCerner() {
            // when
            CapabilityStatement statement = metadata(server);

            // then
            assertThat(statement.getName()).isEqualTo("CernerCapabilityStatement");
            assertThat(statement.getPublisher()).isEqualTo("Cerner");
            assertThat(statement.hasSoftware()).isFalse();
            assertThat(searchParams(statement, "Condition"))
                    .containsExactly(
                            "_id", "patient", "subject", "clinical-status", "category", "encounter", "_revinclude");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @DisplayName("US Core strict")
    class UsCoreStrict {

        EhrLikeServer server;
        String base;

        @BeforeAll
        void start() throws Exception {
            server = EhrLikeServer.start(EhrLikeServer.Dialect.US_CORE_STRICT, charts());
            base = server.baseUrl();
        }

        @AfterAll
        void stop() throws Exception {
            server.close();
        }

        @BeforeEach
        void forget() {
            server.clearRequests();
        }

        @Test
        @DisplayName(
                "Should refuse MedicationRequest without intent and answer patient+intent and patient+intent+status")
        void medicationRequestNeedsIntent() {
            // when
            Answer withoutIntent = get(base + "MedicationRequest?patient=" + PATIENT);
            Answer statusOnly = get(base + "MedicationRequest?patient=" + PATIENT + "&status=stopped");
            Bundle withIntent = get(base + "MedicationRequest?patient=" + PATIENT + "&intent=order")
                    .bundle();
            Bundle withStatus = get(base + "MedicationRequest?patient=" + PATIENT
                            + "&intent=order&status=active,stopped")
                    .bundle();

            // then
            assertThat(withoutIntent.status()).isEqualTo(400);
            assertThat(withoutIntent.outcome().getIssueFirstRep().getDiagnostics())
                    .contains("[intent, patient]");
            assertThat(statusOnly.status()).isEqualTo(400);
            assertThat(matches(withIntent)).hasSize(50);
            assertThat(matches(withStatus)).hasSize(50);
        }

        @Test
        @DisplayName(
                "Should take Observation patient+category+date with a second-precise date, refuse patient+code+date")
        void observationCombinations() {
            // when
            List<Bundle> dated = allPages(base + "Observation?patient=" + PATIENT
                    + "&category=vital-signs&date=ge2025-03-01T00:00:00Z&date=lt2025-04-01T00:00:00Z");
            Answer codeAndDate = get(base + "Observation?patient=" + PATIENT
                    + "&code=http://loinc.org|8867-4&date=ge2025-01-01T00:00:00Z");
            Answer dayOnly = get(base + "Observation?patient=" + PATIENT + "&category=vital-signs&date=ge2025-01-01");

            // then
            java.time.Instant from = java.time.Instant.parse("2025-03-01T00:00:00Z");
            java.time.Instant to = java.time.Instant.parse("2025-04-01T00:00:00Z");
            assertThat(matches(dated)).hasSizeGreaterThan(60).allMatch(o -> {
                java.time.Instant at = Elements.mainDate(o).orElseThrow()[0];
                return !at.isBefore(from) && at.isBefore(to);
            });
            assertThat(codeAndDate.status()).isEqualTo(400);
            assertThat(dayOnly.status()).isEqualTo(400);
        }

        @Test
        @DisplayName("Should match comma-separated system|code values as OR")
        void tokenList() {
            // when
            List<Bundle> pages = allPages(
                    base + "Observation?patient=" + PATIENT + "&code=http://loinc.org|8867-4,http://loinc.org|9279-1");

            // then
            List<Resource> found = matches(pages);
            assertThat(found).isNotEmpty().allMatch(o -> coded(o, "8867-4") || coded(o, "9279-1"));
            assertThat(found).anyMatch(o -> coded(o, "8867-4")).anyMatch(o -> coded(o, "9279-1"));
        }

        @Test
        @DisplayName("Should take Condition by patient alone or with category, and refuse patient+clinical-status")
        void conditionCombinations() {
            // when
            List<Bundle> all = allPages(base + "Condition?patient=Patient/" + PATIENT);
            Answer byStatus = get(base + "Condition?patient=" + PATIENT + "&clinical-status=active");

            // then
            assertThat(ids(matches(all))).hasSize(71);
            assertThat(byStatus.status()).isEqualTo(400);
        }

        @Test
        @DisplayName("Should answer POST [type]/_search with form parameters under the same rules, and log the body")
        void postSearch() {
            // when
            Bundle posted = postForm(base + "Observation/_search", "patient=" + PATIENT + "&category=laboratory")
                    .bundle();
            Answer refused = postForm(base + "Observation/_search", "patient=" + PATIENT);

            // then
            assertThat(matches(posted)).hasSize(20);
            assertThat(refused.status()).isEqualTo(400);
            assertThat(server.requests())
                    .extracting(
                            EhrLikeServer.Request::method, EhrLikeServer.Request::body, EhrLikeServer.Request::status)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(
                                    "POST", "patient=" + PATIENT + "&category=laboratory", 200),
                            org.assertj.core.groups.Tuple.tuple("POST", "patient=" + PATIENT, 400));
        }

        @Test
        @DisplayName("Should lower _count above 100 to pages of 100, with short next links and no total")
        void countCapped() {
            // when
            List<Bundle> pages = allPages(base + "Observation?patient=" + PATIENT + "&category=vital-signs&_count=500");

            // then
            assertThat(matches(pages.get(0))).hasSize(100);
            assertThat(matches(pages.get(1))).hasSize(75);
            assertThat(ids(matches(pages))).hasSize(38 + VITAL_SIGNS_ADDED);
            assertThat(pages.get(0).hasTotal()).isFalse();
            assertThat(pages.get(0).getLink("next").getUrl())
                    .startsWith(base + "Observation?page-token=")
                    .doesNotContain("patient");
            assertThat(server.requests()).hasSize(pages.size());
        }

        @Test
        @DisplayName("Should state the US Core statement it instantiates and its SHALL combinations")
        void metadataInstantiatesUsCore() {
            // when
            CapabilityStatement statement = metadata(server);

            // then
            assertThat(statement.getPublisher()).isEqualTo("HL7 International - Cross-Group Projects");
            assertThat(statement.getInstantiates().get(0).getValue()).isEqualTo(UsCoreRules.STATEMENT);
            assertThat(searchParams(statement, "MedicationRequest"))
                    .containsExactly("patient", "intent", "status", "_count");
        }
    }

    @Nested
    @DisplayName("Every dialect")
    class EveryDialect {

        @ParameterizedTest
        @EnumSource(EhrLikeServer.Dialect.class)
        @DisplayName("Should answer 414 beyond the maximum URL length and serve a URL within it")
        void uriTooLong(EhrLikeServer.Dialect dialect) throws Exception {
            try (EhrLikeServer server = EhrLikeServer.start(dialect, charts()).maxUrlLength(200)) {
                // given
                String read = server.baseUrl() + "Patient/" + PATIENT;
                String padding = "x".repeat(300);

                // when
                Answer within = get(read);
                Answer beyond = get(read + "?_format=json&pad=" + padding);

                // then
                assertThat(within.status()).isEqualTo(200);
                assertThat(((Patient) within.resource()).getIdElement().getIdPart())
                        .isEqualTo(PATIENT);
                assertThat(beyond.status()).isEqualTo(414);
                assertThat(server.requests())
                        .extracting(EhrLikeServer.Request::status)
                        .containsExactly(200, 414);
            }
        }

        @ParameterizedTest
        @EnumSource(EhrLikeServer.Dialect.class)
        @DisplayName("Should keep the default URL limit at 8,192 characters")
        void defaultLimit(EhrLikeServer.Dialect dialect) throws Exception {
            try (EhrLikeServer server = EhrLikeServer.start(dialect, charts())) {
                // given
                String read = server.baseUrl() + "Patient/" + PATIENT + "?pad=";
                String path = URI.create(read).getRawPath() + "?pad=";

                // when
                Answer at = get(read + "x".repeat(EhrLikeServer.DEFAULT_MAX_URL_LENGTH - path.length()));
                Answer over = get(read + "x".repeat(EhrLikeServer.DEFAULT_MAX_URL_LENGTH - path.length() + 1));

                // then
                assertThat(at.status()).isNotEqualTo(414);
                assertThat(over.status()).isEqualTo(414);
            }
        }

        @ParameterizedTest
        @EnumSource(EhrLikeServer.Dialect.class)
        @DisplayName("Should wait the configured latency before answering and log each request")
        void latency(EhrLikeServer.Dialect dialect) throws Exception {
            try (EhrLikeServer server = EhrLikeServer.start(dialect, charts())) {
                // given
                String read = server.baseUrl() + "Patient/" + PATIENT;
                get(read);
                server.latency(Duration.ofMillis(400)).clearRequests();

                // when
                Answer slow = get(read);
                Answer missing = get(server.baseUrl() + "Patient/no-such-patient");

                // then
                assertThat(slow.status()).isEqualTo(200);
                assertThat(slow.millis()).isGreaterThanOrEqualTo(400);
                assertThat(missing.status()).isEqualTo(404);
                assertThat(server.requests())
                        .extracting(EhrLikeServer.Request::method, EhrLikeServer.Request::status)
                        .containsExactly(
                                org.assertj.core.groups.Tuple.tuple("GET", 200),
                                org.assertj.core.groups.Tuple.tuple("GET", 404));
                assertThat(server.requests().get(0).target()).endsWith("Patient/" + PATIENT);
            }
        }

        @ParameterizedTest
        @EnumSource(EhrLikeServer.Dialect.class)
        @DisplayName("Should list in metadata the searched types and Patient read")
        void metadataTypes(EhrLikeServer.Dialect dialect) throws Exception {
            try (EhrLikeServer server = EhrLikeServer.start(dialect, charts())) {
                // when
                CapabilityStatement statement = metadata(server);

                // then
                assertThat(statement.getRestFirstRep().getResource())
                        .extracting(CapabilityStatement.CapabilityStatementRestResourceComponent::getType)
                        .containsExactlyInAnyOrder(
                                "Patient",
                                "Condition",
                                "Observation",
                                "MedicationRequest",
                                "ServiceRequest",
                                "Procedure",
                                "DiagnosticReport");
                assertThat(statement.getFhirVersion().toCode()).isEqualTo("4.0.1");
            }
        }
    }
}
