package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.support.Fhir.SNOMED;
import static org.rplcds.support.Fhir.condition;
import static org.rplcds.support.Fhir.woman;
import static org.rplcds.support.HookRequests.SERVICE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rplcds.support.FhirTestServer;
import org.rplcds.support.FixedClock;
import org.rplcds.support.HookRequests;
import org.rplcds.support.Http;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * A hospital's own lab codes, given in {@code cds.terminology.site-value-sets}: its TSH code added
 * to the shipped TSH value set, and its one prolactin code in place of the shipped ones. The
 * service reads, asks for and selects its records by them as by the shipped codes.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:cds-local-codes;DB_CLOSE_DELAY=-1"})
@Import(FixedClock.class)
@ExtendWith(OutputCaptureExtension.class)
@DisplayName("A site's own codes")
class LocalCodesTest {

    static final String LAB = "http://hospital.example.org/lab-codes";
    static final String LOCAL_TSH = "TSH-L";
    static final String LOCAL_PROLACTIN = "PRL";
    /** The example whose TSH of 4.1 mIU/L (LOINC 3016-3) above the lab's 4.0 gets the thyroid card. */
    static final Path TSH_EXAMPLE = Path.of("hooks/examples/rpl-04-in-eshre-tsh-4.1.request.json");

    static Path folder;

    @LocalServerPort
    int port;

    @Autowired
    StartupReport report;

    @DynamicPropertySource
    static void siteValueSets(DynamicPropertyRegistry registry) throws IOException {
        folder = Files.createTempDirectory("site-value-sets");
        Files.writeString(
                folder.resolve("ValueSet-tsh.json"),
                """
                {
                  "resourceType": "ValueSet",
                  "url": "http://recurrent-miscarriage-cds.org/fhir/ValueSet/tsh",
                  "status": "active",
                  "compose": {"include": [{"system": "%s", "concept": [{"code": "%s", "display": "TSH (local assay)"}]}]}
                }
                """
                        .formatted(LAB, LOCAL_TSH));
        Files.writeString(
                folder.resolve("ValueSet-prolactin.json"),
                """
                {
                  "resourceType": "ValueSet",
                  "extension": [{
                    "url": "http://recurrent-miscarriage-cds.org/fhir/StructureDefinition/site-value-set-mode",
                    "valueCode": "replace"
                  }],
                  "url": "http://recurrent-miscarriage-cds.org/fhir/ValueSet/prolactin",
                  "status": "active",
                  "compose": {"include": [{"system": "%s", "concept": [{"code": "%s"}]}]}
                }
                """
                        .formatted(LAB, LOCAL_PROLACTIN));
        registry.add("cds.terminology.site-value-sets", folder::toString);
    }

    @AfterAll
    static void removeFolder() throws IOException {
        FileSystemUtils.deleteRecursively(folder);
    }

    /** The TSH example with its TSH coded in the site's system alone. */
    static ObjectNode withLocalTsh() throws IOException {
        ObjectNode request = (ObjectNode) HookRequests.JSON.readTree(TSH_EXAMPLE.toFile());
        ObjectNode tsh = (ObjectNode) request.at("/prefetch/observations/entry/0/resource");
        assertThat(tsh.at("/code/coding/0/code").asText()).isEqualTo("3016-3");
        ObjectNode code = tsh.putObject("code");
        code.putArray("coding").addObject().put("system", LAB).put("code", LOCAL_TSH);
        code.put("text", "TSH");
        return request;
    }

    static List<String> summaries(JsonNode answer) {
        List<String> summaries = new ArrayList<>();
        answer.get("cards").forEach(card -> summaries.add(card.get("summary").asText()));
        return summaries;
    }

    /** The codes of the {@code code=} filters of a service's Observation prefetch templates. */
    List<String> observationCodes(String service) {
        JsonNode prefetch = null;
        for (JsonNode served : new Http(port).get("/cds-services").json().get("services")) {
            if (served.get("id").asText().equals(service)) {
                prefetch = served.get("prefetch");
            }
        }
        assertThat(prefetch).as("prefetch of " + service).isNotNull();
        List<String> codes = new ArrayList<>();
        for (JsonNode template : prefetch) {
            String query = template.asText();
            if (!query.startsWith("Observation?")) {
                continue;
            }
            for (String parameter : query.substring(query.indexOf('?') + 1).split("&")) {
                if (parameter.startsWith("code=")) {
                    String value = URLDecoder.decode(parameter.substring("code=".length()), StandardCharsets.UTF_8);
                    codes.addAll(Arrays.asList(value.split(",")));
                }
            }
        }
        return codes;
    }

    @Test
    @DisplayName("Should give a TSH in the site's own code the thyroid card the same TSH in LOINC gets")
    void readsTheLocalTsh() throws IOException {
        // given
        Http http = new Http(port);
        String loinc = Files.readString(TSH_EXAMPLE);
        String local = HookRequests.JSON.writeValueAsString(withLocalTsh());

        // when
        Http.Answer byLoinc = http.post(SERVICE, loinc);
        Http.Answer byLocalCode = http.post(SERVICE, local);

        // then
        assertThat(byLocalCode.status()).isEqualTo(200);
        assertThat(summaries(byLocalCode.json()))
                .contains("TSH 4.1 mIU/L above 4.0 mIU/L on one test. Repeat TSH and free T4 before treating.")
                .isEqualTo(summaries(byLoinc.json()));
        assertThat(byLocalCode.json().at("/cards/0/source/topic/code").asText())
                .isEqualTo(byLoinc.json().at("/cards/0/source/topic/code").asText());
    }

    @Test
    @DisplayName("Should ask for the site's codes in discovery's prefetch templates, and no replaced code")
    void asksForTheLocalCodesInDiscovery() {
        for (String service : List.of(
                "recurrent-miscarriage", "recurrent-miscarriage-order-select", "recurrent-miscarriage-order-sign")) {
            assertThat(observationCodes(service))
                    .as(service)
                    .contains(LOCAL_TSH, "3016-3", LOCAL_PROLACTIN)
                    .doesNotContain("2842-3");
        }
    }

    @Test
    @DisplayName("Should search a FHIR server for the site's code and read what it answers")
    void readsTheLocalTshFromTheFhirServer() throws Exception {
        // given: a woman with a miscarriage, and a TSH of 4.1 in the site's code on her server
        Observation tsh = new Observation();
        tsh.setId("tsh");
        tsh.setStatus(Observation.ObservationStatus.FINAL);
        tsh.setSubject(new Reference("Patient/p1"));
        tsh.setCode(new CodeableConcept(new Coding(LAB, LOCAL_TSH, null)));
        tsh.setEffective(new DateTimeType("2025-05-12"));
        tsh.setValue(new Quantity()
                .setValue(new BigDecimal("4.1"))
                .setUnit("m[IU]/L")
                .setSystem("http://unitsofmeasure.org")
                .setCode("m[IU]/L"));
        tsh.addReferenceRange()
                .setLow(new Quantity().setValue(new BigDecimal("0.4")).setCode("m[IU]/L"))
                .setHigh(new Quantity().setValue(new BigDecimal("4.0")).setCode("m[IU]/L"));
        try (FhirTestServer fhir = FhirTestServer.start()
                .add(woman("p1", "1991-03-14"), condition("loss-1", "p1", SNOMED, "19169002", "2024-08-19"), tsh)) {
            String request = HookRequests.patientView("p1")
                    .fhirServer(fhir.baseUrl(), null)
                    .json();

            // when
            Http.Answer answer = new Http(port).post(SERVICE, request);

            // then
            assertThat(fhir.requests())
                    .filteredOn(query -> query.startsWith("/fhir/Observation?"))
                    .anySatisfy(query -> assertThat(URLDecoder.decode(query, StandardCharsets.UTF_8))
                            .containsPattern("code=([^&]*,)?" + LOCAL_TSH + "(,|&|$)"));
            assertThat(answer.status()).isEqualTo(200);
            assertThat(summaries(answer.json()))
                    .contains("TSH 4.1 mIU/L above 4.0 mIU/L on one test. Repeat TSH and free T4 before treating.");
        }
    }

    @Test
    @DisplayName("Should say in the ready line which value sets the site changed, and how")
    void saysWhatTheSiteChanged(CapturedOutput output) {
        // when
        report.report();

        // then
        assertThat(output.getOut())
                .contains(", site value sets from " + folder.toAbsolutePath().normalize()
                        + ": [prolactin: replaced, 1 code (2 shipped), tsh: 1 code added (4 in all)]");
    }
}
