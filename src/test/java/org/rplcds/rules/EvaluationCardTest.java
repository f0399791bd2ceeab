package org.rplcds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.rplcds.rules.RuleSpec.given;
import static org.rplcds.rules.RuleSpec.markdown;
import static org.rplcds.support.Fhir.ICD10CM;
import static org.rplcds.support.Fhir.LOINC;
import static org.rplcds.support.Fhir.SNOMED;
import static org.rplcds.support.Fhir.activeCondition;
import static org.rplcds.support.Fhir.coded;
import static org.rplcds.support.Fhir.condition;
import static org.rplcds.support.Fhir.order;
import static org.rplcds.support.Fhir.quantity;
import static org.rplcds.support.Fhir.woman;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestStatus;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rplcds.facts.PatientFacts;
import org.rplcds.support.Fhir;
import org.rplcds.support.Profiles;

@DisplayName("RPL evaluation card (RPL-01 with RPL-02, 03, 05, 08)")
class EvaluationCardTest {

    static IBaseResource loss(String id, String date) {
        return condition(id, "p1", SNOMED, "19169002", date);
    }

    static List<IBaseResource> twoLosses(IBaseResource... more) {
        List<IBaseResource> resources =
                new ArrayList<>(List.of(woman("p1", "1990-01-01"), loss("a", "2023-01-01"), loss("b", "2024-01-01")));
        resources.addAll(List.of(more));
        return resources;
    }

    static List<IBaseResource> threeLosses(IBaseResource... more) {
        List<IBaseResource> resources = new ArrayList<>(twoLosses(more));
        resources.add(loss("c", "2024-09-01"));
        return resources;
    }

    /** TSH and TPO antibodies this year, lupus anticoagulant and anticardiolipin, an HSG. */
    static IBaseResource[] workUpDone() {
        return new IBaseResource[] {
            quantity("tsh", "p1", "3016-3", "2.1", "m[IU]/L", "2025-03-01"),
            quantity("tpo", "p1", "8099-4", "12", "[IU]/mL", "2025-03-01"),
            coded("la", "p1", "15191-0", SNOMED, "260385009", "2025-01-10"),
            quantity("igg", "p1", "3181-5", "4", "[GPL'U]/mL", "2025-01-10"),
            quantity("igm", "p1", "3182-3", "3", "[MPL'U]/mL", "2025-01-10"),
            Fhir.text("hsg", "p1", "25022-5", "Normal uterine cavity", "2024-03-01")
        };
    }

    @Nested
    @DisplayName("when the work-up is not done")
    class WhenWorkUpIsMissing {

        @Test
        @DisplayName("Should give one card naming the count, the profile as people say it, and what is still to do")
        void oneCardWithWhatIsMissing() {
            // given two losses under ESHRE 2022 and nothing tested
            // when
            Finding card = given(twoLosses()).whenEvaluated().card();

            // then
            assertThat(card.ruleId()).isEqualTo("RPL-01");
            assertThat(card.indicator()).isEqualTo(Indicator.INFO);
            assertThat(card.summary())
                    .isEqualTo("Recurrent pregnancy loss: 2 losses (ESHRE 2022). Still to do: TSH/TPO, aPL tests,"
                            + " uterine imaging.")
                    .hasSizeLessThanOrEqualTo(140);
            assertThat(card.rules()).containsExactly("RPL-01", "RPL-02", "RPL-03", "RPL-05", "RPL-08");
        }

        @Test
        @DisplayName(
                "Should offer the problem-list entry and one suggestion per missing test, in rule order, the optional ones"
                        + " last")
        void suggestionsOfEveryPart() {
            // given
            // when
            Finding card = given(twoLosses()).whenEvaluated().card();

            // then: under ESHRE 2022 free T4 comes by reflex; karyotype and anti-beta2GPI are optional
            assertThat(card.actions())
                    .extracting(a -> a.concept().orElseThrow().code(), ProposedAction::recommended)
                    .containsExactly(
                            tuple("N96", true),
                            tuple("3016-3", true),
                            tuple("8099-4", true),
                            tuple("15191-0", true),
                            tuple("24319-6", true),
                            tuple(null, true),
                            tuple("29770-5", false),
                            tuple("72488-0", false));
            assertThat(card.alternatives()).isFalse();
        }

        @Test
        @DisplayName("Should list karyotyping as after individual risk assessment under ESHRE 2022, not as to do")
        void selectiveKaryotypeIsNotToDo() {
            // given
            // when
            Finding card = given(twoLosses()).whenEvaluated().card();

            // then
            assertThat(card.summary()).doesNotContain("karyotype");
            assertThat(markdown(card))
                    .contains(
                            "**Later** Parental karyotype: after individual risk assessment (ESHRE 2022: not routine)");
            assertThat(card.actions())
                    .filteredOn(a -> "29770-5".equals(a.concept().orElseThrow().code()))
                    .singleElement()
                    .satisfies(a -> assertThat(a.recommended()).isFalse());
        }

        @Test
        @DisplayName("Should list karyotyping as to do under the source text")
        void routineKaryotypeIsToDo() {
            // given three consecutive losses under the source text
            // when
            Finding card =
                    given(threeLosses()).under(Profiles.SOURCE).whenEvaluated().card();

            // then
            assertThat(card.summary())
                    .isEqualTo("Recurrent pregnancy loss: 3 losses (source text). Still to do: karyotype, TSH/TPO,"
                            + " aPL tests, uterine imaging.");
            assertThat(markdown(card)).contains("**To do** Parental karyotype");
        }

        @Test
        @DisplayName("Should show done and ordered items with their dates and resources, and what is to do")
        void checklistLines() {
            // given TSH and TPO antibodies done, lupus anticoagulant and the anticardiolipin panel ordered
            Finding card = given(twoLosses(
                            quantity("tsh", "p1", "3016-3", "2.1", "m[IU]/L", "2025-03-01"),
                            quantity("tpo", "p1", "8099-4", "12", "[IU]/mL", "2025-03-01"),
                            order("o1", "p1", LOINC, "15191-0", ServiceRequestStatus.ACTIVE, "2025-05-20"),
                            order("o2", "p1", LOINC, "24319-6", ServiceRequestStatus.ACTIVE, "2025-05-20")))
                    .whenEvaluated()
                    .card();

            // then
            assertThat(markdown(card))
                    .contains("**Evaluation:**")
                    .contains(
                            "- **Done** Thyroid: TSH and TPO antibodies: done 2025-03-01, TSH 2.1 mIU/L (Observation/tsh)")
                    .contains("(Observation/tsh)")
                    .contains("- **Ordered** Antiphospholipid antibodies")
                    .contains("(ServiceRequest/o1)")
                    .contains("- **To do** Uterine cavity assessment");
            assertThat(card.summary()).endsWith("Still to do: uterine imaging.");
            assertThat(card.rules()).containsExactly("RPL-01", "RPL-02", "RPL-08");
        }

        @Test
        @DisplayName("Should name an old abnormal TSH on the thyroid line (R4)")
        void oldAbnormalTshIsNamed() {
            // given a TSH of 6.0 two years ago
            Finding card = given(twoLosses(quantity("tsh", "p1", "3016-3", "6.0", "m[IU]/L", "2023-05-01")))
                    .whenEvaluated()
                    .card();

            // then
            assertThat(markdown(card)).contains("TSH 6.0 mIU/L on 2023-05-01, more than 12 months ago: repeat.");
        }

        @Test
        @DisplayName("Should offer psychological support and a named early-pregnancy contact (RPL-26)")
        void offersSupport() {
            // given
            // when
            Finding card = given(twoLosses()).whenEvaluated().card();

            // then
            assertThat(markdown(card))
                    .contains(
                            "**Support:** offer psychological support and a named contact for early-pregnancy care in the"
                                    + " next pregnancy");
        }

        @Test
        @DisplayName("Should close with the profile's definition and the sources of every part that fired")
        void citesEveryPart() {
            // given
            // when
            Finding card = given(twoLosses()).whenEvaluated().card();

            // then
            assertThat(card.source()).isEqualTo(Profiles.ESHRE2022.definition());
            assertThat(markdown(card))
                    .endsWith("Sources: ESHRE 2022; ASRM 2012; RCOG GTG 17 (2023); Sydney criteria (2006); source"
                            + " textbook.");
        }
    }

    @Test
    @DisplayName(
            "Should say on the checklist, not on a card of its own, that TPO antibodies with TSH 3.1 need no levothyroxine outside pregnancy")
    void tpoOutsidePregnancyOnTheChecklist() {
        // given two losses, not pregnant, TSH 3.1 and TPO antibodies 120 IU/mL
        List<IBaseResource> record = twoLosses(
                quantity("tsh", "p1", "3016-3", "3.1", "m[IU]/L", "2025-05-20"),
                quantity("tpo", "p1", "8099-4", "120", "[IU]/mL", "2025-05-20"));

        // when
        List<Finding> cards =
                Recommendations.all(Presentation.DEFAULT).evaluate(given(record).facts(), Profiles.ESHRE2022);

        // then
        assertThat(cards).extracting(Finding::ruleId).containsExactly("RPL-01");
        assertThat(markdown(cards.get(0)))
                .contains("**Done** Thyroid: TSH and TPO antibodies: TSH 3.1 mIU/L, TPO antibodies positive: no"
                        + " levothyroxine outside pregnancy (TABLET 2019, T4LIFE 2022); check TSH when pregnant");
        assertThat(cards.get(0).actions())
                .noneSatisfy(a -> assertThat(a.concept().orElseThrow().code()).isEqualTo("10582"));
    }

    @Nested
    @DisplayName("while she is pregnant")
    class WhilePregnant {

        @Test
        @DisplayName("Should list karyotype and uterine assessment as after this pregnancy, never as to do (R11)")
        void karyotypeAfterThisPregnancy() {
            // given three losses under the source text and a due date 10 weeks into this pregnancy
            Finding card = given(threeLosses(
                            activeCondition("preg", "p1", SNOMED, "77386006", "2025-04-20"),
                            Fhir.dueDateFor("edd", "p1", 70)))
                    .under(Profiles.SOURCE)
                    .whenEvaluated()
                    .card();

            // then
            assertThat(markdown(card))
                    .contains("**Later** Parental karyotype: after this pregnancy")
                    .contains("**Later** Uterine cavity assessment: after this pregnancy")
                    .doesNotContain("next loss");
            assertThat(card.summary()).doesNotContain("karyotype").doesNotContain("uterine");
            assertThat(card.rules()).doesNotContain("RPL-02", "RPL-08");
            assertThat(markdown(card)).contains("a named contact for early-pregnancy care in this pregnancy");
        }

        @Test
        @DisplayName("Should take RPL-04's reminder to check TSH on levothyroxine as a line, with one TSH suggestion")
        void levothyroxineWithoutTshIsALine() {
            // given three losses under the source text, pregnant at 10 weeks, on levothyroxine, no TSH this pregnancy
            List<IBaseResource> record = threeLosses(
                    activeCondition("preg", "p1", SNOMED, "77386006", "2025-04-20"),
                    Fhir.dueDateFor("edd", "p1", 70),
                    Fhir.prescription(
                            "lt4",
                            "p1",
                            "966222",
                            "levothyroxine sodium 0.075 MG Oral Tablet",
                            MedicationRequestStatus.ACTIVE,
                            "2024-11-01"));

            // when
            List<Finding> cards = Recommendations.all(Presentation.DEFAULT)
                    .evaluate(given(record).under(Profiles.SOURCE).facts(), Profiles.SOURCE);

            // then
            assertThat(cards).extracting(Finding::ruleId).doesNotContain("RPL-04");
            Finding card = cards.stream()
                    .filter(f -> f.ruleId().equals("RPL-01"))
                    .findFirst()
                    .orElseThrow();
            assertThat(card.rules()).contains("RPL-03", "RPL-04");
            assertThat(markdown(card))
                    .contains("On levothyroxine, pregnant at 10+0 weeks, no TSH this pregnancy. Check TSH now; most"
                            + " women need about 25–30% more.");
            assertThat(card.actions())
                    .filteredOn(a -> "3016-3".equals(a.concept().orElseThrow().code()))
                    .hasSize(1);
        }
    }

    @Nested
    @DisplayName("when nothing is left to do")
    class WhenComplete {

        @Test
        @DisplayName("Should give one card, RPL-21's, when the evaluation is complete and normal, with the checklist")
        void evaluationComplete() {
            // given two losses, the work-up done and normal, RPL not on the problem list
            // when
            Finding card = given(twoLosses(workUpDone())).whenEvaluated().card();

            // then
            assertThat(card.ruleId()).isEqualTo("RPL-21");
            assertThat(card.rules()).containsExactly("RPL-01", "RPL-21");
            assertThat(card.summary())
                    .isEqualTo("Recurrent pregnancy loss, 2 losses: evaluation complete and normal (unexplained). Offer"
                            + " supportive care in the next pregnancy.");
            assertThat(card.actions())
                    .extracting(a -> a.concept().orElseThrow().code())
                    .containsExactly("N96");
            assertThat(markdown(card)).contains("**Evaluation:**").contains("immunotherapy");
        }

        @Test
        @DisplayName("Should cite RCOG GTG 17 for supportive care under RCOG 2023")
        void supportUnderRcog() {
            // given three losses under RCOG 2023
            Finding card = given(threeLosses())
                    .under(Profiles.RCOG2023)
                    .whenEvaluated()
                    .card();

            // then
            assertThat(markdown(card)).contains("pregnancy (RCOG GTG 17: supportive care).");
        }

        @Test
        @DisplayName("Should give no card when RPL is on the problem list and only the selective karyotype is left")
        void suppressedWhenDiagnosedAndDone() {
            // given RPL diagnosed, the work-up done, karyotype not done under ESHRE 2022 (selective)
            List<IBaseResource> resources = twoLosses(workUpDone());
            resources.add(activeCondition("rpl", "p1", ICD10CM, "N96", "2024-05-01"));

            // when / then
            given(resources).whenEvaluated().noCard();
        }
    }

    @Nested
    @DisplayName("wording variants")
    class Variants {

        @Test
        @DisplayName("Should say the number of losses is unknown when RPL is on record without countable losses")
        void countUnknown() {
            // given RPL diagnosed, no loss coded
            Finding card = given(woman("p1", "1990-01-01"), activeCondition("rpl", "p1", ICD10CM, "N96", "2024-05-01"))
                    .whenEvaluated()
                    .card();

            // then
            assertThat(card.summary())
                    .startsWith("Recurrent pregnancy loss on record (number of losses unknown). Still to do: ");
        }

        @Test
        @DisplayName("Should offer the profile's preferred uterine test alone when it is all that is left")
        void uterineAlternativesAlone() {
            // given RPL diagnosed, everything but the uterus done
            List<IBaseResource> resources = new ArrayList<>(List.of(workUpDone()));
            resources.removeIf(r -> r.getIdElement().getIdPart().equals("hsg"));
            List<IBaseResource> record = twoLosses(resources.toArray(IBaseResource[]::new));
            record.add(activeCondition("rpl", "p1", ICD10CM, "N96", "2024-05-01"));
            record.add(Fhir.text("k", "p1", "29770-5", "46,XX", "2024-03-01"));

            // when
            Finding card = given(record).whenEvaluated().card();

            // then
            assertThat(card.actions())
                    .extracting(a -> a.concept().orElseThrow().display())
                    .containsExactly("3D transvaginal ultrasound of the uterus");
            assertThat(markdown(card))
                    .contains("**To do** Uterine cavity assessment: 3D transvaginal ultrasound preferred; alternatives:"
                            + " sonohysterography, HSG, hysteroscopy or MRI");
            assertThat(card.summary()).endsWith("Still to do: uterine imaging.");
        }
    }

    @Nested
    @DisplayName("with separate cards")
    class Separate {

        @Test
        @DisplayName("Should give RPL-01, 02, 03, 05 and 08 cards of their own when the work-up is not aggregated")
        void separateCards() {
            // given
            PatientFacts facts = given(twoLosses()).facts();

            // when
            List<Finding> findings = Recommendations.all(Presentation.DEFAULT.withAggregateWorkup(false))
                    .evaluate(facts, Profiles.ESHRE2022);

            // then
            assertThat(findings)
                    .extracting(Finding::ruleId)
                    .containsSubsequence("RPL-01", "RPL-02", "RPL-03", "RPL-05", "RPL-08");
            assertThat(findings).allSatisfy(f -> assertThat(f.rules()).containsExactly(f.ruleId()));
        }

        @Test
        @DisplayName("Should give one evaluation card by default")
        void oneCardByDefault() {
            // given
            PatientFacts facts = given(twoLosses()).facts();

            // when
            List<Finding> findings = Recommendations.all().evaluate(facts, Profiles.ESHRE2022);

            // then
            assertThat(findings)
                    .extracting(Finding::ruleId)
                    .doesNotContain("RPL-02", "RPL-03", "RPL-05", "RPL-08")
                    .containsOnlyOnce("RPL-01");
        }

        @Test
        @DisplayName("Should keep RPL-05's own card for a second-trimester loss without RPL")
        void antiphospholipidWithoutRpl() {
            // given one loss at 16 weeks
            PatientFacts facts = given(
                            woman("p1", "1990-01-01"),
                            condition("a", "p1", SNOMED, "17369002", "2024-03-01"),
                            quantity("ga", "p1", "18185-9", "112", "d", "2024-03-01"))
                    .facts();

            // when
            List<Finding> findings = Recommendations.all().evaluate(facts, Profiles.ESHRE2022);

            // then
            assertThat(findings).extracting(Finding::ruleId).contains("RPL-05").doesNotContain("RPL-01");
        }
    }
}
