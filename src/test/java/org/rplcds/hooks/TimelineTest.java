package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.support.Fhir.prescription;
import static org.rplcds.support.Fhir.quantity;
import static org.rplcds.support.Fhir.woman;
import static org.rplcds.support.Fhir.womanWithLosses;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.rplcds.support.CdsServiceTest;
import org.rplcds.support.HookRequests;
import org.rplcds.support.Http;
import org.springframework.boot.test.web.server.LocalServerPort;

@CdsServiceTest
@DisplayName("Timeline endpoint for the viewer")
class TimelineTest {

    static final String TIMELINE = "/cds-services/recurrent-miscarriage/timeline";

    @LocalServerPort
    int port;

    @Test
    @DisplayName("Should lay out the losses and the patient's age from the same prefetch the hook reads")
    void laysOutTheLosses() {
        // given
        String request = HookRequests.patientView("t1")
                .prefetch(womanWithLosses("t1", "2023-01-01", "2022-01-01"))
                .json();

        // when
        Http.Answer answer = new Http(port).post(TIMELINE, request);

        // then
        assertThat(answer.status()).isEqualTo(200);
        JsonNode timeline = answer.json();
        assertThat(timeline.get("evaluationDate").asText()).isEqualTo("2025-06-01");
        assertThat(timeline.get("ageYears").asInt()).isEqualTo(35);
        assertThat(timeline.get("lossCount").asInt()).isEqualTo(2);
        assertThat(timeline.has("pregnancy")).isFalse();
        List<String> dates = new ArrayList<>();
        timeline.get("events")
                .forEach(e ->
                        dates.add(e.get("date").asText() + " " + e.get("kind").asText()));
        assertThat(dates).containsExactly("2022-01-01 spontaneous", "2023-01-01 spontaneous");
        assertThat(timeline.at("/events/0/references/0").asText()).isEqualTo("Condition/b");
    }

    @Test
    @DisplayName("Should name each work-up item's kind without its value or date, one kind for repeated results")
    void namesTheKindOfEachItem() {
        // given: two TSH results, one BMI, a prescription
        String request = HookRequests.patientView("t2")
                .prefetch(
                        woman("t2", "1990-01-01"),
                        quantity("tsh-1", "t2", "3016-3", "6.2", "m[IU]/L", "2025-01-10"),
                        quantity("tsh-2", "t2", "3016-3", "2.1", "m[IU]/L", "2025-03-10"),
                        quantity("bmi", "t2", "39156-5", "31.2", "kg/m2", "2025-03-10"),
                        prescription(
                                "asa",
                                "t2",
                                "243670",
                                "aspirin 81 MG Oral Tablet",
                                MedicationRequest.MedicationRequestStatus.ACTIVE,
                                "2025-02-01"))
                .json();

        // when
        JsonNode timeline = new Http(port).post(TIMELINE, request).json();

        // then
        List<String> items = new ArrayList<>();
        timeline.get("workUp")
                .forEach(item -> items.add(item.get("category").asText() + ": "
                        + item.get("kind").asText() + " | " + item.get("label").asText()));
        assertThat(items)
                .containsExactly(
                        "result: TSH | TSH 6.2 mIU/L on 2025-01-10",
                        "prescription: aspirin | aspirin",
                        "result: TSH | TSH 2.1 mIU/L on 2025-03-10",
                        "result: BMI | BMI 31.2 kg/m² on 2025-03-10");
    }

    @Test
    @DisplayName("Should answer a malformed request with 400 and a JSON reason, as the hook does")
    void refusesMalformedRequests() {
        Http.Answer answer = new Http(port).post(TIMELINE, "{\"hook\":\"patient-view\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("error").asText()).isEqualTo("bad-request");
        assertThat(answer.json().get("message").asText()).contains("context");
    }

    @Test
    @DisplayName("Should answer 404 for an unknown service")
    void refusesUnknownServices() {
        Http.Answer answer = new Http(port)
                .post(
                        "/cds-services/no-such-service/timeline",
                        HookRequests.patientView("t1").json());

        assertThat(answer.status()).isEqualTo(404);
    }
}
