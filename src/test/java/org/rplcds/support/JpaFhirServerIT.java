package org.rplcds.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The JPA server harness against one Synthea record: it loads, and the server pages and filters
 * the patient's Observations the way a real HAPI FHIR JPA server does.
 */
@DisplayName("JpaFhirServer")
class JpaFhirServerIT {

    private static final Path FIXTURE = Path.of("src/test/resources/synthea/Bundle-recurrent-three-losses.json");
    // Body mass index: 28 of the record's Observations, more than one default page.
    private static final String BMI = "39156-5";
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private static JpaFhirServer server;
    private static Bundle record;
    private static JpaFhirServer.Loaded loaded;

    @BeforeAll
    static void startServerAndLoadRecord() throws IOException {
        server = JpaFhirServer.shared();
        record = Fhir.CONTEXT.newJsonParser().parseResource(Bundle.class, Files.readString(FIXTURE));
        long started = System.nanoTime();
        loaded = server.load(Files.readString(FIXTURE));
        System.out.printf(
                "Loaded %s (%d resources) in %d ms%n",
                FIXTURE.getFileName(), loaded.ids().size(), (System.nanoTime() - started) / 1_000_000);
    }

    @Test
    @DisplayName("Should give every resource of the record a new server id")
    void shouldGiveEveryResourceOfTheRecordANewServerId() {
        // given the record loaded in startServerAndLoadRecord

        // when
        List<String> bundleIds = new ArrayList<>(loaded.ids().keySet());

        // then
        assertThat(bundleIds)
                .containsExactlyElementsOf(record.getEntry().stream()
                        .map(entry -> entry.getResource().fhirType() + "/"
                                + entry.getResource().getIdElement().getIdPart())
                        .toList());
        assertThat(loaded.ids().values()).doesNotHaveDuplicates().doesNotContainAnyElementsOf(bundleIds);
        assertThat(loaded.patientId()).isNotBlank();
    }

    @Test
    @DisplayName("Should load a transaction Bundle as it is, resolving its urn:uuid references")
    void shouldLoadATransactionBundleAsItIsResolvingItsUrnUuidReferences() {
        // given a transaction in Synthea's own shape: POSTs whose references name urn:uuid fullUrls
        String patientUrl = "urn:uuid:4f9c2a1e-7c1b-4a57-9a43-0d5c6a1b2c3d";
        String observationUrl = "urn:uuid:8e1d3b2a-5f6c-4d7e-8a9b-1c2d3e4f5a6b";
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        transaction
                .addEntry()
                .setFullUrl(patientUrl)
                .setResource(Fhir.woman(null, "1990-04-01"))
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Patient");
        Observation weight = new Observation();
        weight.setStatus(Observation.ObservationStatus.FINAL);
        weight.getCode().addCoding().setSystem(Fhir.LOINC).setCode("29463-7");
        weight.getSubject().setReference(patientUrl);
        transaction
                .addEntry()
                .setFullUrl(observationUrl)
                .setResource(weight)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Observation");

        // when
        JpaFhirServer.Loaded small = server.load(transaction);

        // then
        assertThat(small.ids()).containsOnlyKeys(patientUrl, observationUrl);
        assertThat(ids(List.of(get(server.baseUrl() + "/Observation?patient=" + small.patientId()))))
                .containsExactly(small.serverId(observationUrl));
    }

    @Test
    @DisplayName("Should answer a patient's Observation search with 20 entries and a next link")
    void shouldAnswerAPatientsObservationSearchWithTwentyEntriesAndANextLink() {
        // given
        String url = server.baseUrl() + "/Observation?patient=" + loaded.patientId();

        // when
        Bundle page = get(url);

        // then
        assertThat(page.getEntry()).hasSize(20);
        assertThat(page.getLink(Bundle.LINK_NEXT)).isNotNull();
    }

    @Test
    @DisplayName("Should return every Observation of the record exactly once when the next links are followed")
    void shouldReturnEveryObservationOfTheRecordExactlyOnceWhenTheNextLinksAreFollowed() {
        // given
        String url = server.baseUrl() + "/Observation?patient=" + loaded.patientId();

        // when
        List<Bundle> pages = allPages(url);

        // then
        assertThat(pages).hasSizeGreaterThan(1);
        assertThat(ids(pages)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(recordObservations());
    }

    @Test
    @DisplayName("Should return all of a patient's Observations in one page when _count is 1000")
    void shouldReturnAllOfAPatientsObservationsInOnePageWhenCountIs1000() {
        // given
        String url = server.baseUrl() + "/Observation?patient=" + loaded.patientId() + "&_count=1000";

        // when
        Bundle page = get(url);

        // then
        assertThat(ids(List.of(page))).containsExactlyInAnyOrderElementsOf(recordObservations());
        assertThat(page.getLink(Bundle.LINK_NEXT)).isNull();
    }

    @Test
    @DisplayName("Should return only the patient's Observations with the LOINC code searched for")
    void shouldReturnOnlyThePatientsObservationsWithTheLoincCodeSearchedFor() {
        // given
        String url = server.baseUrl() + "/Observation?patient=" + loaded.patientId() + "&code="
                + URLEncoder.encode(Fhir.LOINC + "|" + BMI, StandardCharsets.UTF_8);
        List<String> expected = record.getEntry().stream()
                .map(BundleEntryComponent::getResource)
                .filter(Observation.class::isInstance)
                .map(Observation.class::cast)
                .filter(observation -> observation.getCode().getCoding().stream()
                        .anyMatch(coding -> Fhir.LOINC.equals(coding.getSystem()) && BMI.equals(coding.getCode())))
                .map(observation -> loaded.serverId("Observation/" + observation.getIdPart()))
                .toList();

        // when
        List<String> found = ids(allPages(url));

        // then
        assertThat(expected).hasSize(28);
        assertThat(found).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
    }

    /** The server ids of the record's Observations. */
    private static List<String> recordObservations() {
        return record.getEntry().stream()
                .map(BundleEntryComponent::getResource)
                .filter(Observation.class::isInstance)
                .map(resource -> loaded.serverId("Observation/" + resource.getIdPart()))
                .toList();
    }

    private static List<Bundle> allPages(String url) {
        List<Bundle> pages = new ArrayList<>();
        String next = url;
        while (next != null) {
            Bundle page = get(next);
            pages.add(page);
            next = page.getLink(Bundle.LINK_NEXT) == null
                    ? null
                    : page.getLink(Bundle.LINK_NEXT).getUrl();
        }
        return pages;
    }

    private static List<String> ids(List<Bundle> pages) {
        return pages.stream()
                .flatMap(page -> page.getEntry().stream())
                .map(entry -> entry.getResource().fhirType() + "/"
                        + entry.getResource().getIdElement().getIdPart())
                .toList();
    }

    private static Bundle get(String url) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(60))
                            .header("Accept", "application/fhir+json")
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(response.statusCode()).as("GET %s", url).isEqualTo(200);
            return Fhir.CONTEXT.newJsonParser().parseResource(Bundle.class, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
