package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.support.Fhir.SNOMED;
import static org.rplcds.support.Fhir.condition;
import static org.rplcds.support.Fhir.woman;
import static org.rplcds.support.Fhir.womanWithLosses;
import static org.rplcds.support.HookRequests.SERVICE;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.rplcds.support.CdsServiceTest;
import org.rplcds.support.HookRequests;
import org.rplcds.support.Http;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@CdsServiceTest
@DisplayName("Chart endpoint for the viewer: the cards and the timeline of one evaluation")
class ChartEndpointTest {

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry metrics;

    /** Runs of the pipeline so far: each is observed once, and timed under its outcome. */
    long pipelineRuns() {
        return metrics.find("cds.hook.latency").timers().stream()
                .mapToLong(Timer::count)
                .sum();
    }

    static String twoLosses() {
        return HookRequests.patientView("c1")
                .prefetch(womanWithLosses("c1", "2023-01-01", "2022-01-01"))
                .json();
    }

    @Test
    @DisplayName("Should answer the hook call's cards and the timeline endpoint's timeline, running the pipeline once")
    void answersCardsAndTimelineFromOneRun() {
        // given
        Http http = new Http(port);
        String request = twoLosses();
        Http.Answer cards = http.post(SERVICE, request);
        Http.Answer timeline = http.post(SERVICE + "/timeline", request);
        long before = pipelineRuns();

        // when
        Http.Answer chart = http.post(SERVICE + "/chart", request);

        // then
        assertThat(pipelineRuns() - before).isEqualTo(1);
        assertThat(chart.status()).isEqualTo(200);
        assertThat(chart.json().get("cards"))
                .isNotEmpty()
                .isEqualTo(cards.json().get("cards"));
        assertThat(chart.json().get("timeline")).isEqualTo(timeline.json());
    }

    @Test
    @DisplayName("Should run the pipeline once for a hook call and not at all for the timeline alone")
    void countsEachRunOnce() {
        // given
        Http http = new Http(port);
        String request = twoLosses();

        // when
        long before = pipelineRuns();
        http.post(SERVICE, request);
        long afterCards = pipelineRuns();
        http.post(SERVICE + "/timeline", request);
        long afterTimeline = pipelineRuns();

        // then
        assertThat(afterCards - before).isEqualTo(1);
        assertThat(afterTimeline - afterCards).isZero();
    }

    @Test
    @DisplayName(
            "Should open the viewer's chart with one call to the chart endpoint, never the hook and timeline apart")
    void theViewerOpensAChartWithOneCall() throws Exception {
        // given
        String viewer = Files.readString(Path.of("src/main/resources/static/viewer.js"));

        // then
        assertThat(viewer).contains("'/chart'").doesNotContain("'/timeline'");
    }

    @Test
    @DisplayName("Should answer a draft no rule reads with no cards and still the timeline")
    void answersTheTimelineOfAnOrderNoRuleReads() {
        // given
        String request = HookRequests.orderSign(
                        "c1",
                        new ServiceRequest()
                                .setStatus(ServiceRequest.ServiceRequestStatus.DRAFT)
                                .setIntent(ServiceRequest.ServiceRequestIntent.ORDER)
                                .setCode(new org.hl7.fhir.r4.model.CodeableConcept().setText("Full blood count"))
                                .setId("fbc-1"))
                .prefetch(woman("c1", "1990-01-01"), condition("a", "c1", SNOMED, "19169002", "2023-01-01"))
                .json();

        // when
        Http.Answer chart = new Http(port).post("/cds-services/recurrent-miscarriage-order-sign/chart", request);

        // then
        assertThat(chart.status()).isEqualTo(200);
        assertThat(chart.json().get("cards")).isEmpty();
        assertThat(chart.json().at("/timeline/lossCount").asInt()).isEqualTo(1);
    }

    @Test
    @DisplayName("Should show an order's own words in the timeline on one line of at most 120 characters")
    void boundsTheWordsOfAnOrder() {
        // given an order on record whose words are three lines and 100 kB long
        ServiceRequest order = new ServiceRequest()
                .setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE)
                .setIntent(ServiceRequest.ServiceRequestIntent.ORDER)
                .setCode(new org.hl7.fhir.r4.model.CodeableConcept()
                        .setText("Full blood count\r\nurgent\n" + "x".repeat(100_000)))
                .setSubject(new org.hl7.fhir.r4.model.Reference("Patient/c1"))
                .setAuthoredOnElement(new org.hl7.fhir.r4.model.DateTimeType("2024-05-01"));
        order.setId("fbc-1");
        String request = HookRequests.patientView("c1")
                .prefetch(woman("c1", "1990-01-01"), condition("a", "c1", SNOMED, "19169002", "2023-01-01"), order)
                .json();

        // when
        Http.Answer chart = new Http(port).post(SERVICE + "/chart", request);

        // then
        assertThat(chart.status()).isEqualTo(200);
        assertThat(chart.body()).doesNotContain("x".repeat(200));
        java.util.List<String> labels = chart.json().findValuesAsText("label");
        assertThat(labels).anySatisfy(label -> assertThat(label).startsWith("Full blood count urgent x"));
        assertThat(labels)
                .allSatisfy(
                        label -> assertThat(label).hasSizeLessThanOrEqualTo(120).doesNotContain("\n"));
    }

    @Test
    @DisplayName("Should refuse a malformed request as the hook call does")
    void refusesAsTheHookCallDoes() {
        // given
        Http http = new Http(port);
        String request = "{\"hook\":\"patient-view\"}";

        // when
        Http.Answer chart = http.post(SERVICE + "/chart", request);

        // then
        Http.Answer hook = http.post(SERVICE, request);
        assertThat(chart.status()).isEqualTo(400).isEqualTo(hook.status());
        assertThat(chart.json()).isEqualTo(hook.json());
    }
}
