package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.support.HookRequests.SERVICE;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.rplcds.support.CdsServiceTest;
import org.rplcds.support.Http;
import org.springframework.boot.test.web.server.LocalServerPort;

@CdsServiceTest
@DisplayName("Override reasons offered on cards")
class OverrideReasonsTest {

    /**
     * The CDS Hooks non-adherence reason codes, as HL7/cds-hooks publishes them
     * (input/vocabulary/CodeSystem-non-adherence-reason-codes.json).
     */
    static final String NON_ADHERENCE = "http://terminology.hl7.org/CodeSystem/non-adherence-reason-codes";

    @LocalServerPort
    int port;

    @Test
    @DisplayName("Should offer CDS Hooks non-adherence reasons on a card with suggestions, each with a short display")
    void offersTheStandardReasons() {
        // when
        JsonNode card = new Http(port)
                .post(SERVICE, PatientViewTest.twoMiscarriages().json())
                .json()
                .at("/cards/0");

        // then
        assertThat(card.get("suggestions")).isNotEmpty();
        JsonNode reasons = card.get("overrideReasons");
        assertThat(reasons).extracting(r -> r.get("system").asText()).containsOnly(NON_ADHERENCE);
        assertThat(reasons)
                .extracting(r -> r.get("code").asText())
                .containsExactly(
                        "action-completed",
                        "indication-order-exists",
                        "cds-not-applicable",
                        "patient-contraindication",
                        "risk-benefit-ratio",
                        "patient-refuses");
        // CDS Hooks: a display for every offered reason; a button's words
        assertThat(reasons)
                .allSatisfy(
                        r -> assertThat(r.get("display").asText()).isNotBlank().hasSizeLessThanOrEqualTo(24));
    }
}
