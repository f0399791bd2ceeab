package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rplcds.facts.LossKind;
import org.rplcds.facts.PatientFacts;
import org.rplcds.facts.PregnancyEvent;
import org.rplcds.rules.Assessment;
import org.rplcds.rules.GuidelineProfile;
import org.rplcds.support.CdsServiceTest;
import org.rplcds.support.HookRequests;
import org.rplcds.support.Http;
import org.rplcds.support.Profiles;
import org.rplcds.support.Records;
import org.rplcds.support.SyntheaCharts;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Synthetic patients we did not write: Synthea 3.3.0 records (seed 20250601), cut to one patient
 * each, coded the way Synthea codes pregnancies (19169002, 85116003, 156073000, 35999006,
 * 161744009, 72892002, 66348005 childbirth, 714812005 induced termination). How they were made and
 * what each record shows are in {@code src/test/resources/synthea/README.md}.
 */
@CdsServiceTest
@DisplayName("Synthea patients")
class SyntheaPatientsTest {

    @LocalServerPort
    int port;

    static List<IBaseResource> resources(String name) {
        return List.copyOf(SyntheaCharts.resources(name));
    }

    static String patientId(List<IBaseResource> resources) {
        return SyntheaCharts.patientId(resources);
    }

    JsonNode cards(String name) throws IOException {
        List<IBaseResource> resources = resources(name);
        String request = HookRequests.patientView(patientId(resources))
                .prefetch(resources.toArray(IBaseResource[]::new))
                .json();
        Http.Answer answer = new Http(port).post("/cds-services/recurrent-miscarriage", request);
        assertThat(answer.status()).isEqualTo(200);
        return answer.json().get("cards");
    }

    static List<String> rules(JsonNode cards) {
        List<String> rules = new ArrayList<>();
        // Every rule whose advice a card holds: the evaluation card holds RPL-01, 02, 03, 05 and 08.
        cards.forEach(card -> card.at("/extension/org.rplcds.rules").forEach(rule -> rules.add(rule.asText())));
        return rules;
    }

    static PatientFacts facts(String name, GuidelineProfile profile) throws IOException {
        List<IBaseResource> resources = resources(name);
        return Records.facts(profile.lossCounting(), resources.toArray(IBaseResource[]::new));
    }

    @Nested
    @DisplayName("three consecutive miscarriages, then a live birth")
    class ThreeLosses {

        @Test
        @DisplayName("Should count three losses, one in the second trimester, as a consecutive run")
        void countsThreeLosses() throws IOException {
            PatientFacts facts = facts("recurrent-three-losses", Profiles.SOURCE);

            assertThat(facts.history().lossCount()).isEqualTo(3);
            assertThat(facts.history().consecutiveRun()).contains(3);
            assertThat(facts.history().secondTrimesterLoss()).isTrue();
            assertThat(facts.history().events())
                    .extracting(PregnancyEvent::kind)
                    .contains(LossKind.INDUCED, LossKind.LIVE_BIRTH);
            assertThat(facts.pregnancy().pregnant()).isFalse();
        }

        @Test
        @DisplayName("Should answer RPL-01 with three losses on the evaluation card")
        void answersRpl01() throws IOException {
            JsonNode cards = cards("recurrent-three-losses");

            assertThat(cards.get(0).get("summary").asText())
                    .startsWith("Recurrent pregnancy loss: 3 losses (ESHRE 2022)");
            assertThat(rules(cards)).contains("RPL-01", "RPL-02", "RPL-03", "RPL-05", "RPL-08");
        }
    }

    @Nested
    @DisplayName("two miscarriages, pregnant again")
    class TwoLossesPregnant {

        @Test
        @DisplayName("Should see the ongoing pregnancy and two losses; RPL under ESHRE 2022, not under the source text")
        void isRplUnderEshreOnly() throws IOException {
            PatientFacts eshre = facts("two-losses-now-pregnant", Profiles.ESHRE2022);

            assertThat(eshre.pregnancy().pregnant()).isTrue();
            assertThat(eshre.history().lossCount()).isEqualTo(2);
            assertThat(rules(cards("two-losses-now-pregnant")))
                    .contains("RPL-01")
                    .doesNotContain("RPL-08");
            assertThat(Assessment.of(facts("two-losses-now-pregnant", Profiles.SOURCE), Profiles.SOURCE)
                            .rpl())
                    .isFalse();
        }
    }

    @Test
    @DisplayName("Should count one loss coded three times within 13 days once, and answer no RPL card")
    void singleMiscarriage() throws IOException {
        assertThat(facts("single-miscarriage", Profiles.ESHRE2022).history().lossCount())
                .isEqualTo(1);
        assertThat(rules(cards("single-miscarriage"))).doesNotContain("RPL-01");
    }

    @Test
    @DisplayName("Should not count a tubal pregnancy coded beside 'miscarriage in first trimester'")
    void tubalPregnancyIsNotALoss() throws IOException {
        PatientFacts facts = facts("tubal-pregnancy-coded-as-miscarriage", Profiles.ESHRE2022);

        assertThat(facts.history().losses()).isEmpty();
        assertThat(facts.history().events()).extracting(PregnancyEvent::kind).contains(LossKind.ECTOPIC);
        assertThat(rules(cards("tubal-pregnancy-coded-as-miscarriage"))).doesNotContain("RPL-01");
    }

    @Test
    @DisplayName("Should not count an induced termination, nor see a pregnancy after it")
    void inducedAbortionOnly() throws IOException {
        PatientFacts facts = facts("induced-abortion-only", Profiles.ESHRE2022);

        assertThat(facts.history().lossCount()).isZero();
        assertThat(facts.pregnancy().pregnant()).isFalse();
        assertThat(rules(cards("induced-abortion-only"))).doesNotContain("RPL-01");
    }

    @Test
    @DisplayName("Should see a first pregnancy without any loss card")
    void firstPregnancy() throws IOException {
        PatientFacts facts = facts("pregnant-first-pregnancy", Profiles.ESHRE2022);

        assertThat(facts.pregnancy().pregnant()).isTrue();
        assertThat(facts.history().lossCount()).isZero();
        assertThat(rules(cards("pregnant-first-pregnancy"))).doesNotContain("RPL-01", "RPL-05");
    }
}
