package org.rplcds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.rules.RuleSpec.given;
import static org.rplcds.support.Fhir.ICD10CM;
import static org.rplcds.support.Fhir.SNOMED;
import static org.rplcds.support.Fhir.activeCondition;
import static org.rplcds.support.Fhir.condition;
import static org.rplcds.support.Fhir.prescription;
import static org.rplcds.support.Fhir.woman;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rplcds.support.Fhir;
import org.rplcds.support.Profiles;

@DisplayName("RPL-10 progesterone for bleeding, while the orders are written (order-select, order-sign)")
class Rpl10ProgesteroneForBleedingAtOrderingTest {

    static final String NO_SCAN = "No scan confirms an intrauterine pregnancy: exclude ectopic pregnancy or PUL"
            + " before starting progesterone.";

    static final String ECTOPIC = "Ectopic pregnancy on record: progesterone is not indicated.";

    final OrderAdvice rule = new Rpl10ProgesteroneForBleeding();

    /** Pregnant at the given gestational age (days) after one miscarriage, under the source text. */
    static RuleSpec.Given pregnantAfterLoss(int days, IBaseResource... more) {
        List<IBaseResource> resources = new ArrayList<>(List.of(
                woman("p1", "1990-01-01"),
                condition("loss", "p1", SNOMED, "19169002", "2024-01-10"),
                activeCondition("preg", "p1", SNOMED, "77386006", "2025-01-01"),
                Fhir.dueDateFor("edd", "p1", days)));
        resources.addAll(List.of(more));
        return given(resources).under(Profiles.SOURCE);
    }

    static IBaseResource bleeding() {
        return activeCondition("bleed", "p1", ICD10CM, "O20.0", "2025-05-30");
    }

    static MedicationRequest draftProgesterone() {
        return prescription(
                "prog-1", "p1", "8727", "Progesterone 400 mg vaginal pessary", MedicationRequestStatus.DRAFT, null);
    }

    @Nested
    @DisplayName("when no scan confirms an intrauterine pregnancy")
    class NoScan {

        @Test
        @DisplayName("Should warn to exclude an ectopic pregnancy or PUL first, suggesting the scan and no withdrawal")
        void asksForTheScan() {
            // given pregnant at 7+0 weeks, bleeding, one miscarriage, no scan finding
            var patient = pregnantAfterLoss(49, bleeding());

            // when
            Finding card = patient.whenOrdering(rule, draftProgesterone()).card();

            // then
            assertThat(card.ruleId()).isEqualTo("RPL-10");
            assertThat(card.indicator()).isEqualTo(Indicator.WARNING);
            assertThat(card.summary()).isEqualTo(NO_SCAN);
            assertThat(card.actions()).singleElement().satisfies(a -> {
                assertThat(a.kind()).isNotEqualTo(ProposedAction.Kind.REMOVE);
                assertThat(a.recommended()).isTrue();
                assertThat(a.concept().orElseThrow().display())
                        .isEqualTo("Transvaginal ultrasound to confirm an intrauterine pregnancy");
            });
            assertThat(card.source()).isEqualTo(Citation.NICE_NG126);
            assertThat(RuleSpec.markdown(card)).contains("MedicationRequest/prog-1", "Condition/bleed");
        }

        @Test
        @DisplayName("Should give no card once a fetal heart in this pregnancy confirms an intrauterine pregnancy")
        void scanConfirmed() {
            // given a fetal heart rate on 2025-05-25, in this pregnancy
            var patient = pregnantAfterLoss(
                    49, bleeding(), Fhir.quantity("fh", "p1", "55283-6", "152", "/min", "2025-05-25"));

            // when
            var then = patient.whenOrdering(rule, draftProgesterone());

            // then
            then.noCard();
        }

        @Test
        @DisplayName("Should give no card without bleeding: RPL-10 speaks for bleeding only")
        void noBleeding() {
            pregnantAfterLoss(49).whenOrdering(rule, draftProgesterone()).noCard();
        }

        @Test
        @DisplayName("Should give no card in a first pregnancy")
        void noLoss() {
            // given
            var patient = given(
                            woman("p1", "1990-01-01"),
                            activeCondition("preg", "p1", SNOMED, "77386006", "2025-01-01"),
                            Fhir.dueDateFor("edd", "p1", 49),
                            bleeding())
                    .under(Profiles.SOURCE);

            // when
            var then = patient.whenOrdering(rule, draftProgesterone());

            // then
            then.noCard();
        }

        @Test
        @DisplayName("Should give no card from 16+0 weeks")
        void sixteenWeeks() {
            pregnantAfterLoss(112, bleeding())
                    .whenOrdering(rule, draftProgesterone())
                    .noCard();
        }
    }

    @Test
    @DisplayName("Should warn that progesterone is not indicated in an ectopic pregnancy, and withdraw the draft")
    void ectopic() {
        // given bleeding and an active tubal pregnancy
        var patient =
                pregnantAfterLoss(49, bleeding(), activeCondition("ectopic", "p1", SNOMED, "79586000", "2025-05-31"));

        // when
        Finding card = patient.whenOrdering(rule, draftProgesterone()).card();

        // then
        assertThat(card.summary()).isEqualTo(ECTOPIC);
        assertThat(card.indicator()).isEqualTo(Indicator.WARNING);
        assertThat(card.actions()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(ProposedAction.Kind.REMOVE);
            assertThat(a.target()).contains("MedicationRequest/prog-1");
        });
        assertThat(RuleSpec.markdown(card)).contains("Condition/ectopic");
    }

    @Test
    @DisplayName(
            "Should name the PUL pathway and offer no progesterone while a pregnancy of unknown location is active")
    void pregnancyOfUnknownLocation() {
        // given bleeding and a pregnancy of unknown location, by the site's code
        var patient = pregnantAfterLoss(
                49,
                bleeding(),
                activeCondition(
                        "pul",
                        "p1",
                        "http://recurrent-miscarriage-cds.org/fhir/CodeSystem/site-codes",
                        "pregnancy-unknown-location",
                        "2025-05-30"));

        // when
        Finding card = patient.whenOrdering(rule, draftProgesterone()).card();

        // then
        assertThat(card.summary()).startsWith(Rpl10ProgesteroneForBleeding.PUL);
        assertThat(card.actions()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isNotEqualTo(ProposedAction.Kind.REMOVE);
            assertThat(a.concept().orElseThrow().code()).isNull();
            assertThat(a.concept().orElseThrow().display()).contains("hCG");
        });
        assertThat(RuleSpec.markdown(card)).contains("Condition/pul");
    }

    @Test
    @DisplayName("Should not speak about a draft that is not progesterone")
    void otherDrafts() {
        // given
        var patient = pregnantAfterLoss(49, bleeding());

        // when
        var then = patient.whenOrdering(
                rule, prescription("fa", "p1", null, "Folic acid 400 micrograms", MedicationRequestStatus.DRAFT, null));

        // then
        then.noCard();
    }
}
