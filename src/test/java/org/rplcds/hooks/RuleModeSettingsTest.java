package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rplcds.support.FixedClock;
import org.rplcds.support.HookRequests;
import org.rplcds.support.Http;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * A site's {@code cds.rules.<id>.mode}, through the running service: RPL-20 off, RPL-15 and RPL-02
 * silent, under the source text's profile (which has RPL-20 on).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:cds-rule-modes;DB_CLOSE_DELAY=-1",
            "cds.fallback.total-timeout=2s",
            "cds.profile=SOURCE",
            "cds.rules.RPL-20.mode=off",
            "cds.rules.RPL-15.mode=silent",
            "cds.rules.RPL-02.mode=silent"
        })
@Import(FixedClock.class)
@AutoConfigureObservability
@ExtendWith(OutputCaptureExtension.class)
@DisplayName("Recommendations a site sets silent or off (cds.rules.<id>.mode)")
class RuleModeSettingsTest {

    /**
     * Three losses and oligomenorrhoea: every rule on, the source text's profile gives the evaluation
     * card (RPL-01 with RPL-02, 03, 05 and 08), RPL-15's prolactin card and RPL-20's partner card.
     */
    static final Path OLIGOMENORRHOEA =
            Path.of("hooks/examples/rpl-15-in-source-oligomenorrhoea-three-losses.request.json");

    @LocalServerPort
    int port;

    /** The example, under a hookInstance of its own so that its log line can be told apart. */
    static ObjectNode request(String hookInstance) throws IOException {
        ObjectNode request = (ObjectNode) HookRequests.JSON.readTree(OLIGOMENORRHOEA.toFile());
        request.put("hookInstance", hookInstance);
        return request;
    }

    JsonNode cards(JsonNode request) {
        Http.Answer answer = new Http(port).post(HookRequests.SERVICE, request.toString());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json().get("cards");
    }

    static List<String> topics(JsonNode cards) {
        List<String> topics = new ArrayList<>();
        cards.forEach(card -> topics.add(card.at("/source/topic/code").asText()));
        return topics;
    }

    String metrics() {
        return new Http(port).get("/actuator/prometheus").body();
    }

    /** A counter's value in Prometheus text, 0 when it has never counted. */
    static double counted(String metrics, String name, String rule) {
        Matcher value = Pattern.compile(
                        "(?m)^" + name + "\\{rule=\"" + rule + "\",service=\"recurrent-miscarriage\"} (\\S+)$")
                .matcher(metrics);
        return value.find() ? Double.parseDouble(value.group(1)) : 0;
    }

    /** The hook call's log line. */
    static String logLine(CapturedOutput output, String hookInstance) {
        return output.getOut()
                .lines()
                .filter(line -> line.contains("hook evaluated") && line.contains("hookInstance=" + hookInstance))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no log line for " + hookInstance));
    }

    @Test
    @DisplayName("Should give no card of a rule set off, and neither count it nor name it in the log line")
    void offGivesNothing(CapturedOutput output) throws IOException {
        // given
        String hookInstance = UUID.randomUUID().toString();

        // when
        JsonNode cards = cards(request(hookInstance));

        // then
        assertThat(topics(cards)).contains("RPL-01").doesNotContain("RPL-20");
        assertThat(metrics()).doesNotContain("rule=\"RPL-20\"");
        assertThat(logLine(output, hookInstance)).doesNotContain("RPL-20");
    }

    @Test
    @DisplayName("Should give no card of a silent rule, but count it by rule and name it as silent in the log line")
    void silentIsCountedAndLogged(CapturedOutput output) throws IOException {
        // given
        String hookInstance = UUID.randomUUID().toString();
        double before = counted(metrics(), "cds_cards_silent_total", "RPL-15");

        // when
        JsonNode cards = cards(request(hookInstance));

        // then
        assertThat(topics(cards)).doesNotContain("RPL-15");
        assertThat(counted(metrics(), "cds_cards_silent_total", "RPL-15")).isEqualTo(before + 1);
        assertThat(logLine(output, hookInstance))
                .contains("silent=[RPL-02, RPL-15]")
                .doesNotContainPattern("rules=\\[[^]]*RPL-15");
    }

    @Test
    @DisplayName(
            "Should leave a silent part out of the evaluation card: its line, its name in the summary, its suggestion")
    void silentPartLeftOutOfTheEvaluationCard() throws IOException {
        // given
        double before = counted(metrics(), "cds_cards_silent_total", "RPL-02");

        // when
        JsonNode card = cards(request(UUID.randomUUID().toString())).get(0);

        // then
        assertThat(card.at("/source/topic/code").asText()).isEqualTo("RPL-01");
        assertThat(card.at("/extension/org.rplcds.rules").toString())
                .isEqualTo("[\"RPL-01\",\"RPL-03\",\"RPL-05\",\"RPL-08\"]");
        assertThat(card.get("summary").asText())
                .isEqualTo("Recurrent pregnancy loss: 3 losses (source text). Still to do: TSH/TPO, aPL tests,"
                        + " uterine imaging.");
        assertThat(card.get("detail").asText()).doesNotContain("Parental karyotype");
        assertThat(card.get("suggestions").toString()).doesNotContain("29770-5");
        assertThat(counted(metrics(), "cds_cards_silent_total", "RPL-02")).isEqualTo(before + 1);
    }

    @Test
    @DisplayName("Should offer no configuration option for a rule that is not on, and ignore a call's option for it")
    void notOfferedWhenNotOn() throws IOException {
        // given
        JsonNode service = new Http(port).get("/cds-services").json().at("/services");
        List<String> codes = new ArrayList<>();
        service.forEach(s -> {
            if (s.get("id").asText().equals("recurrent-miscarriage")) {
                s.at("/extension/davinci-crd.configuration-options")
                        .forEach(option -> codes.add(option.get("code").asText()));
            }
        });
        ObjectNode request = request(UUID.randomUUID().toString());
        request.putObject("extension").putObject("davinci-crd.configuration").put("RPL-20", "yes");

        // when
        Http.Answer answer = new Http(port).post(HookRequests.SERVICE, request.toString());

        // then
        assertThat(codes).contains("RPL-01", "RPL-03").doesNotContain("RPL-02", "RPL-15", "RPL-20");
        assertThat(answer.status()).isEqualTo(200);
    }
}
