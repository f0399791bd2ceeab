package org.rplcds.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
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
