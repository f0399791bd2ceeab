package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.rplcds.support.CdsServiceTest;
import org.rplcds.support.HookRequests;
import org.rplcds.support.Http;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A call switching card types off for itself, in the shape of Da Vinci CRD's hook configuration
 * extension: {@code "extension": {"davinci-crd.configuration": {"RPL-16": false}}}.
 */
@CdsServiceTest
@DisplayName("Card types switched off by the call (extension.davinci-crd.configuration)")
class CallConfigurationTest {

    /** BMI 30 under ESHRE 2022: the evaluation card (RPL-01 with 02, 03, 05, 08) and RPL-16's card. */
    static final Path BMI_30 = Path.of("hooks/examples/rpl-16-in-eshre-bmi-30-0.request.json");

    /** An NK-cell assay drafted: RPL-23's card. */
    static final Path NK_CELL_DRAFT = Path.of("hooks/examples/order-sign-rpl-23-in-eshre-nk-cell-assay.request.json");

    static final String ORDER_SIGN = "/cds-services/recurrent-miscarriage-order-sign";

    @LocalServerPort
    int port;

    static ObjectNode request(Path example) throws IOException {
        return (ObjectNode) HookRequests.JSON.readTree(example.toFile());
    }

    /** The request with that configuration, as JSON. */
    static ObjectNode configured(Path example, String configuration) throws IOException {
        ObjectNode request = request(example);
        request.putObject("extension").set("davinci-crd.configuration", HookRequests.JSON.readTree(configuration));
        return request;
    }

    Http.Answer post(String service, JsonNode request) {
        return new Http(port).post(service, request.toString());
    }

    static List<String> topics(Http.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        List<String> topics = new ArrayList<>();
        answer.json()
                .get("cards")
                .forEach(card -> topics.add(card.at("/source/topic/code").asText()));
        return topics;
    }

    @Test
    @DisplayName("Should leave out the card types the call switches off, for that call only")
    void switchesOffForTheCall() throws IOException {
        // when
        List<String> switchedOff = topics(post(HookRequests.SERVICE, configured(BMI_30, "{\"RPL-16\": false}")));
        List<String> next = topics(post(HookRequests.SERVICE, request(BMI_30)));
        List<String> switchedOn = topics(post(HookRequests.SERVICE, configured(BMI_30, "{\"RPL-16\": true}")));

        // then
        assertThat(switchedOff).containsExactly("RPL-01");
        assertThat(next).containsExactly("RPL-01", "RPL-16");
        assertThat(switchedOn).containsExactly("RPL-01", "RPL-16");
    }

    @Test
    @DisplayName("Should leave a part the call switches off out of the evaluation card")
    void switchesAPartOff() throws IOException {
        // when
        Http.Answer answer = post(HookRequests.SERVICE, configured(BMI_30, "{\"RPL-03\": false}"));

        // then
        JsonNode card = answer.json().at("/cards/0");
        assertThat(card.at("/extension/org.rplcds.rules").toString())
                .isEqualTo("[\"RPL-01\",\"RPL-02\",\"RPL-05\",\"RPL-08\"]");
        assertThat(card.get("detail").asText()).doesNotContain("Thyroid: TSH and TPO antibodies");
    }

    @Test
    @DisplayName("Should switch off the advice on orders too")
    void switchesOrderAdviceOff() throws IOException {
        // when
        List<String> switchedOff = topics(post(ORDER_SIGN, configured(NK_CELL_DRAFT, "{\"RPL-23\": false}")));
        List<String> asSent = topics(post(ORDER_SIGN, request(NK_CELL_DRAFT)));

        // then
        assertThat(switchedOff).isEmpty();
        assertThat(asSent).containsExactly("RPL-23");
    }

    @Test
    @DisplayName("Should ignore options it does not offer, whatever their value, as CRD requires, and apply the rest")
    void ignoresUnknownOptions() throws IOException {
        // given options of other services, an id no rule has and an id in another case, beside RPL-16 off
        ObjectNode request = configured(
                BMI_30,
                "{\"max-cards\": 5, \"priorauth\": true, \"coverage-info\": \"no\", \"RPL-99\": \"x\","
                        + " \"rpl-03\": false, \"RPL-16\": false}");
        ((ObjectNode) request.get("extension")).put("com.example.timestamp", "2017-11-27T22:13:25Z");

        // when
        Http.Answer answer = post(HookRequests.SERVICE, request);

        // then
        assertThat(topics(answer)).containsExactly("RPL-01");
        assertThat(answer.json().at("/cards/0/extension/org.rplcds.rules").toString())
                .isEqualTo("[\"RPL-01\",\"RPL-02\",\"RPL-03\",\"RPL-05\",\"RPL-08\"]");
    }

    @Test
    @DisplayName("Should refuse with 400 an offered option whose value is not true or false, naming it")
    void refusesANonBooleanValue() throws IOException {
        // when
        Http.Answer text = post(HookRequests.SERVICE, configured(BMI_30, "{\"RPL-16\": \"false\"}"));
        Http.Answer empty = post(HookRequests.SERVICE, configured(BMI_30, "{\"RPL-16\": null}"));
        Http.Answer notAnObject = post(HookRequests.SERVICE, configured(BMI_30, "[\"RPL-16\"]"));

        // then
        assertThat(text.status()).isEqualTo(400);
        assertThat(text.json().get("error").asText()).isEqualTo("bad-request");
        assertThat(text.json().get("message").asText())
                .isEqualTo("extension.davinci-crd.configuration.RPL-16 must be true or false");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(notAnObject.status()).isEqualTo(400);
        assertThat(notAnObject.json().get("message").asText())
                .isEqualTo("extension.davinci-crd.configuration must be a JSON object");
    }
}
