package org.rplcds.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.rplcds.support.CdsServiceTest;
import org.rplcds.support.Http;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.web.server.LocalServerPort;

@CdsServiceTest
@DisplayName("Demo FHIR server")
class DemoFhirServerTest {

    @LocalServerPort
    int port;

    Http.Answer fhir(HttpRequest.Builder request) {
        return new Http(port).send(request.header("Accept", "application/fhir+json"));
    }

    HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/fhir" + path));
    }

    @Test
    @DisplayName("Should answer its capability statement, reads, and searches by GET and POST _search")
    void answersFhirClients() {
        assertThat(fhir(at("/metadata").GET()).json().get("resourceType").asText())
                .isEqualTo("CapabilityStatement");
        assertThat(fhir(at("/Patient/demo-sch").GET()).json().get("gender").asText())
                .isEqualTo("female");
        assertThat(fhir(at("/Condition?patient=demo-sch").GET())
                        .json()
                        .get("total")
                        .asInt())
                .isEqualTo(3);
        Http.Answer posted = fhir(at("/Observation/_search")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("patient=demo-sch")));
        assertThat(posted.json().get("total").asInt()).isEqualTo(3);
    }

    @Test
    @DisplayName("Should be read-only to the public")
    void refusesWrites() {
        Http.Answer answer = fhir(at("/Patient/demo-sch")
                .header("Content-Type", "application/fhir+json")
                .PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"resourceType\":\"Patient\",\"id\":\"demo-sch\",\"gender\":\"male\"}")));

        assertThat(answer.status()).isEqualTo(405);
        assertThat(fhir(at("/Patient/demo-sch").GET()).json().get("gender").asText())
                .isEqualTo("female");
    }

    @Test
    @DisplayName("Should advertise only reads and searches in its capability statement")
    void advertisesReadOnly() {
        // when
        JsonNode statement = fhir(at("/metadata").GET()).json();

        // then
        List<String> interactions = new ArrayList<>();
        statement.at("/rest/0/resource").forEach(resource -> resource.path("interaction")
                .forEach(i -> interactions.add(
                        resource.get("type").asText() + ":" + i.get("code").asText())));
        assertThat(interactions)
                .contains("Patient:read", "Condition:search-type")
                .allMatch(i -> i.endsWith(":read") || i.endsWith(":vread") || i.endsWith(":search-type"));
        assertThat(statement.at("/rest/0/interaction").isMissingNode()).isTrue();
        assertThat(statement.at("/rest/0/resource/0/conditionalCreate").asBoolean())
                .isFalse();
    }

    @Test
    @DisplayName("Should keep each search of the services' prefetch to the patient it names, whatever else it asks")
    void keepsSearchesToThePatient() {
        // given: every search template of every service, for each demo patient
        Http http = new Http(port);
        JsonNode services = http.get("/cds-services").json().get("services");
        int searched = 0;
        int found = 0;

        // when / then
        for (JsonNode patient : http.get("/demo/patients").json()) {
            String id = patient.get("id").asText();
            for (JsonNode service : services) {
                for (JsonNode template : service.get("prefetch")) {
                    String query = template.asText().replace("{{context.patientId}}", id);
                    if (!query.contains("?")) {
                        continue;
                    }
                    JsonNode bundle = fhir(at("/" + query).GET()).json();
                    searched++;
                    for (JsonNode entry : bundle.path("entry")) {
                        JsonNode resource = entry.get("resource");
                        String subject = resource.has("subject")
                                ? resource.at("/subject/reference").asText()
                                : resource.at("/patient/reference").asText();
                        assertThat(subject)
                                .as(query + ": " + resource.get("resourceType").asText() + "/"
                                        + resource.get("id").asText())
                                .isEqualTo("Patient/" + id);
                        found++;
                    }
                }
            }
        }
        assertThat(searched).isGreaterThan(16 * 6);
        assertThat(found).isPositive();
    }

    @Test
    @DisplayName("Should give the viewer's list the same birth dates as the FHIR server")
    void listsTheServersBirthDates() {
        // when
        JsonNode listed = new Http(port).get("/demo/patients").json();

        // then
        assertThat(listed.size()).isEqualTo(16);
        for (JsonNode patient : listed) {
            JsonNode served =
                    fhir(at("/Patient/" + patient.get("id").asText()).GET()).json();
            assertThat(patient.get("birthDate").asText())
                    .as(patient.get("id").asText())
                    .isEqualTo(served.get("birthDate").asText());
        }
    }

    @Test
    @DisplayName("Should label every pregnant demo patient with the gestational age her record gives")
    void labelsGestationAsRecorded() {
        // given
        Http http = new Http(port);
        Pattern exact = Pattern.compile("(\\d+)\\+(\\d) weeks");
        Pattern completed = Pattern.compile("(\\d+) weeks");
        int checked = 0;

        // when / then
        for (JsonNode patient : http.get("/demo/patients").json()) {
            String scenario = patient.get("scenario").asText();
            Matcher plus = exact.matcher(scenario);
            Matcher weeks = completed.matcher(scenario);
            if (!plus.find() && !weeks.find()) {
                continue;
            }
            String id = patient.get("id").asText();
            JsonNode timeline = http.post(
                            "/cds-services/recurrent-miscarriage/timeline",
                            "{\"hook\":\"patient-view\",\"hookInstance\":\"label-" + id + "\",\"fhirServer\":"
                                    + "\"http://127.0.0.1:" + port + "/fhir\",\"context\":{\"userId\":"
                                    + "\"Practitioner/demo\",\"patientId\":\"" + id + "\"}}")
                    .json();
            int days = timeline.at("/pregnancy/gestationalAgeDays").asInt(-1);
            if (plus.find(0)) {
                assertThat(days / 7 + "+" + days % 7).as(scenario).isEqualTo(plus.group(1) + "+" + plus.group(2));
            } else {
                assertThat(days / 7).as(scenario).isEqualTo(Integer.parseInt(weeks.group(1)));
            }
            checked++;
        }
        assertThat(checked).as("scenarios naming a gestation").isGreaterThanOrEqualTo(6);
    }

    @Test
    @DisplayName("Should answer CORS preflight for browsers such as the CDS Hooks Sandbox")
    void answersPreflight() {
        Http.Answer answer = new Http(port)
                .send(at("/Condition/_search")
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", "https://sandbox.cds-hooks.org")
                        .header("Access-Control-Request-Method", "POST")
                        .header("Access-Control-Request-Headers", "authorization,content-type"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Access-Control-Allow-Origin")).isNotEmpty();
    }

    @Test
    @DisplayName("Should not exist when the demo is off")
    void offInProduction() {
        new WebApplicationContextRunner()
                .withUserConfiguration(DemoConfiguration.class)
                .withPropertyValues("cds.demo.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("demoFhirServer"));
    }
}
