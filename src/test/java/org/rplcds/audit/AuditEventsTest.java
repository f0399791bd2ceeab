package org.rplcds.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rplcds.support.Fhir;

@DisplayName("AuditEvents")
class AuditEventsTest {

    static final Instant STARTED = Instant.parse("2026-03-01T09:15:30.250Z");
    static final Instant RECORDED = Instant.parse("2026-03-01T09:15:30.987Z");

    final AuditEvents events = new AuditEvents(Fhir.CONTEXT, "recurrent-miscarriage-cds");

    /** What HAPI's parser writes of the event's model: the text the trail has always held. */
    String hapi(AuditedCall call, int status) {
        return Fhir.CONTEXT.newJsonParser().encodeResourceToString(events.event("e-1", call, status, RECORDED));
    }

    static AuditedCall call(AuditedCall.Kind kind, Optional<String> issuer, Optional<String> subject) {
        return new AuditedCall(STARTED, kind, "recurrent-miscarriage", issuer, subject);
    }

    @Nested
    @DisplayName("Should write the JSON HAPI writes of the AuditEvent")
    class SameTextAsHapi {

        @Test
        @DisplayName("Should match HAPI for every combination of client, user, hookInstance, reads and cards")
        void everyCombination() {
            // given
            List<Optional<String>> issuers = List.of(
                    Optional.empty(),
                    Optional.of("https://ehr.example.org"),
                    Optional.of(""),
                    Optional.of(" padded issuer "),
                    Optional.of("iss \u2028\t\"quoted\" \\ é 😀 \u0001"));
            List<Optional<String>> subjects = List.of(Optional.empty(), Optional.of("client-7"), Optional.of("  "));
            List<Optional<String>> users = List.of(
                    Optional.empty(),
                    Optional.of("Practitioner/123"),
                    Optional.of("Practitioner/1/_history/2"),
                    Optional.of("https://ehr.example.org/fhir/Practitioner/9"),
                    Optional.of(""),
                    Optional.of(" "),
                    Optional.of("not a reference"));
            List<Optional<String>> instances = List.of(
                    Optional.empty(),
                    Optional.of("d1577c69-dfbe-44ad-ba6d-3e05e953b2ea"),
                    Optional.of("   "),
                    Optional.of(" padded\n\"instance\" ✓"));
            int compared = 0;
            for (AuditedCall.Kind kind : AuditedCall.Kind.values()) {
                for (Optional<String> issuer : issuers) {
                    for (Optional<String> subject : subjects) {
                        for (Optional<String> user : users) {
                            for (Optional<String> instance : instances) {
                                for (int shape = 0; shape < 3; shape++) {
                                    AuditedCall call = call(kind, issuer, subject);
                                    if (shape > 0) {
                                        call.request("patient-view", instance, shape == 1 ? "p-1" : null, user);
                                    }
                                    if (shape == 2) {
                                        call.read(new AuditedCall.Read(
                                                "https://fhir.example.org/r4", "Observation", 3, 120, "complete"));
                                        call.read(new AuditedCall.Read(
                                                "https://fhir.example.org/r4", "Condition", 1, 0, "timed out \"2 s\""));
                                        call.card(new AuditedCall.Card(
                                                "1b4e28ba-2fa1-11d2-883f-0016d3cca427",
                                                "RPL-01",
                                                AuditedCall.Disposition.SHOWN));
                                        call.card(new AuditedCall.Card(
                                                "6fa459ea-ee8a-3ca4-894e-db77e160355e",
                                                "RPL-16",
                                                AuditedCall.Disposition.SILENT));
                                        call.card(new AuditedCall.Card(
                                                "886313e1-3b8a-5372-9b90-0c9aee199e5d",
                                                "RPL-23",
                                                AuditedCall.Disposition.SNOOZED));
                                    }
                                    // Each status in turn: success, the client's failure, the service's.
                                    int status = new int[] {200, 412, 503}[compared % 3];
                                    // when
                                    String written = events.json("e-1", call, status, RECORDED);
                                    // then
                                    assertThat(written)
                                            .as(
                                                    "%s issuer=%s subject=%s user=%s instance=%s shape=%d status=%d",
                                                    kind, issuer, subject, user, instance, shape, status)
                                            .isEqualTo(hapi(call, status));
                                    compared++;
                                }
                            }
                        }
                    }
                }
            }
            assertThat(compared).isEqualTo(3 * 5 * 3 * 7 * 4 * 3);
        }

        @Test
        @DisplayName("Should give two calls their own events")
        void twoCallsTheirOwnEvents() throws Exception {
            // given
            AuditedCall first = call(AuditedCall.Kind.HOOK, Optional.empty(), Optional.empty());
            first.request("patient-view", Optional.of("instance-1"), "p-1", Optional.of("Practitioner/1"));
            first.card(new AuditedCall.Card("u-1", "RPL-01", AuditedCall.Disposition.SHOWN));
            AuditedCall second = call(AuditedCall.Kind.CHART, Optional.of("https://ehr.example.org"), Optional.empty());
            second.request("patient-view", Optional.of("instance-2"), "p-2", Optional.empty());

            // when
            var one = new ObjectMapper().readTree(events.json("e-1", first, 200, RECORDED));
            var two = new ObjectMapper().readTree(events.json("e-2", second, 412, RECORDED));

            // then
            assertThat(one.path("id").asText()).isEqualTo("e-1");
            assertThat(two.path("id").asText()).isEqualTo("e-2");
            assertThat(one.path("outcome").asText()).isEqualTo("0");
            assertThat(two.path("outcome").asText()).isEqualTo("4");
            List<String> whats = new ArrayList<>();
            two.path("entity").forEach(e -> whats.add(e.path("what").toString()));
            assertThat(whats).anyMatch(w -> w.contains("Patient/p-2")).noneMatch(w -> w.contains("p-1"));
            assertThat(two.path("entity").toString()).doesNotContain("RPL-01");
        }
    }
}
