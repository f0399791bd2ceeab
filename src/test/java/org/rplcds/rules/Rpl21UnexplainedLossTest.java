package org.rplcds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.rules.RuleSpec.given;
import static org.rplcds.rules.RuleSpec.headline;
import static org.rplcds.support.Fhir.ICD10CM;
import static org.rplcds.support.Fhir.SNOMED;
import static org.rplcds.support.Fhir.activeCondition;
import static org.rplcds.support.Fhir.condition;
import static org.rplcds.support.Fhir.woman;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rplcds.support.Fhir;
import org.rplcds.support.FhirOrders;
import org.rplcds.support.Profiles;

@DisplayName("RPL-21 unexplained recurrent pregnancy loss")
class Rpl21UnexplainedLossTest {

    final Recommendation rule = new Rpl21UnexplainedLoss();

    static IBaseResource loss(String id, String date) {
        return condition(id, "p1", SNOMED, "19169002", date);
    }

    /**
     * A normal evaluation: TSH, free T4 and TPO antibodies; lupus anticoagulant and anticardiolipin
     * IgG and IgM; a hysterosalpingogram. No karyotype.
     */
    static List<IBaseResource> normalWorkUp() {
        return List.of(
                Fhir.quantity("tsh", "p1", "3016-3", "2.1", "m[IU]/L", "2025-03-01"),
                Fhir.quantity("ft4", "p1", "3024-7", "1.2", "ng/dL", "2025-03-01"),
                Fhir.quantity("tpo", "p1", "8099-4", "9", "[IU]/mL", "2025-03-01"),
                FhirOrders.coded("la", "p1", "15191-0", SNOMED, "260385009", "2025-03-01"),
                Fhir.quantity("acl-g", "p1", "3181-5", "6", "[GPL'U]/mL", "2025-03-01"),
                Fhir.quantity("acl-m", "p1", "3182-3", "4", "[MPL'U]/mL", "2025-03-01"),
                FhirOrders.text("hsg", "p1", "25022-5", "Normal uterine cavity, both tubes patent", "2025-04-10"));
    }

    /** Two losses (RPL under ESHRE 2022), the normal work-up, without the resources named, plus more. */
    List<Finding> eshre(Predicate<IBaseResource> drop, IBaseResource... more) {
        List<IBaseResource> resources = new ArrayList<>(
                List.of(woman("p1", "1990-01-01"), loss("loss-1", "2023-01-10"), loss("loss-2", "2024-05-10")));
        normalWorkUp().stream().filter(drop.negate()).forEach(resources::add);
        resources.addAll(List.of(more));
        return given(resources).under(Profiles.ESHRE2022).when(rule).findings();
    }

    List<Finding> eshre(IBaseResource... more) {
        return eshre(r -> false, more);
    }

    /** The normal work-up with its TSH replaced by the one given (mIU/L). */
    List<Finding> withTshInstead(String id, String value, String date) {
        return eshre(id("tsh"), Fhir.quantity(id, "p1", "3016-3", value, "m[IU]/L", date));
    }

    static Predicate<IBaseResource> id(String id) {
        return r -> r.getIdElement().getIdPart().equals(id);
    }

    @Nested
    @DisplayName("when the evaluation is complete and normal")
    class WhenNormal {

        @Test
        @DisplayName("Should offer supportive care and advise against aspirin, heparin or immune therapy")
        void offersSupportiveCare() {
            // given RPL and a complete normal evaluation
            // when
            List<Finding> findings = eshre();

            // then
            String summary =
                    "RPL with normal work-up (unexplained). Offer supportive early-pregnancy care; no aspirin/heparin or immune therapy.";
            Finding f = headline(findings, "RPL-21", Indicator.INFO, summary);
            assertThat(f.actions()).isEmpty();
            assertThat(f.links()).contains(Citation.RCOG_PATIENT_INFORMATION);
        }

        @Test
        @DisplayName("Should stay silent without RPL")
        void silentWithoutRpl() {
            List<IBaseResource> resources =
                    new ArrayList<>(List.of(woman("p1", "1990-01-01"), loss("l", "2024-05-10")));
            resources.addAll(normalWorkUp());

            assertThat(given(resources).under(Profiles.ESHRE2022).when(rule).findings())
                    .isEmpty();
        }

        @Test
        @DisplayName("Should accept an anticardiolipin IgG and IgM panel for the two tests")
        void acceptsAnticardiolipinPanel() {
            assertThat(eshre(
                            id("acl-g").or(id("acl-m")),
                            Fhir.quantity("acl", "p1", "24319-6", "5", "[GPL'U]/mL", "2025-03-01")))
                    .hasSize(1);
        }
    }

    @Nested
    @DisplayName("when the evaluation is incomplete")
    class WhenIncomplete {

        @Test
        @DisplayName("Should stay silent without TPO antibodies")
        void silentWithoutTpo() {
            assertThat(eshre(id("tpo"))).isEmpty();
        }

        @Test
        @DisplayName("Should accept a TSH exactly 12 months old")
        void acceptsTsh12MonthsOld() {
            assertThat(withTshInstead("tsh-old", "2.1", "2024-06-01")).hasSize(1);
        }

        @Test
        @DisplayName("Should stay silent when the only TSH is older than 12 months")
        void silentWithOldTsh() {
            assertThat(withTshInstead("tsh-old", "2.1", "2024-05-31")).isEmpty();
        }

        @Test
        @DisplayName("Should stay silent without lupus anticoagulant")
        void silentWithoutLupusAnticoagulant() {
            assertThat(eshre(id("la"))).isEmpty();
        }

        @Test
        @DisplayName("Should stay silent with anticardiolipin IgG but no IgM")
        void silentWithoutAnticardiolipinIgm() {
            assertThat(eshre(id("acl-m"))).isEmpty();
        }

        @Test
        @DisplayName("Should stay silent without a uterine assessment")
        void silentWithoutUterineAssessment() {
            assertThat(eshre(id("hsg"))).isEmpty();
        }

        @Test
        @DisplayName("Should need a TSH of this pregnancy when the patient is pregnant")
        void pregnancyNeedsTshOfThisPregnancy() {
            // given a pregnancy from 2025-03-23 (10+0 weeks); the TSH of 2025-03-01 predates it
            IBaseResource[] pregnancy = FhirOrders.pregnantAt("p1", 10, 0).toArray(IBaseResource[]::new);

            // when
            List<Finding> before = eshre(pregnancy);
            List<Finding> during = eshre(
                    id("tsh"),
                    FhirOrders.all(
                            FhirOrders.pregnantAt("p1", 10, 0),
                            Fhir.quantity("tsh-new", "p1", "3016-3", "1.8", "m[IU]/L", "2025-04-15")));

            // then
            assertThat(before).isEmpty();
            assertThat(during).hasSize(1);
        }
    }

    @Nested
    @DisplayName("karyotype by profile")
    class Karyotype {

        List<IBaseResource> threeLosses(IBaseResource... more) {
            List<IBaseResource> resources = new ArrayList<>(List.of(
                    woman("p1", "1990-01-01"),
                    loss("loss-1", "2021-01-10"),
                    loss("loss-2", "2022-05-10"),
                    loss("loss-3", "2023-09-10")));
            resources.addAll(normalWorkUp());
            resources.addAll(List.of(more));
            return resources;
        }

        @Test
        @DisplayName("Should not need a karyotype under ESHRE 2022 (selective karyotyping)")
        void eshreDoesNotNeedKaryotype() {
            assertThat(given(threeLosses()).under(Profiles.ESHRE2022).when(rule).findings())
                    .hasSize(1);
        }

        @Test
        @DisplayName("Should need a karyotype under the source text (routine karyotyping)")
        void sourceNeedsKaryotype() {
            assertThat(given(threeLosses()).under(Profiles.SOURCE).when(rule).findings())
                    .isEmpty();
            assertThat(given(threeLosses(FhirOrders.text("kt", "p1", "29770-5", "46,XX", "2024-01-20")))
                            .under(Profiles.SOURCE)
                            .when(rule)
                            .findings())
                    .hasSize(1);
        }
    }

    @Nested
    @DisplayName("when a cause is on record")
    class WhenExplained {

        @Test
        @DisplayName("Should accept TSH 4.0 mIU/L as normal")
        void tshAtLimitIsNormal() {
            assertThat(withTshInstead("tsh-2", "4.0", "2025-03-01")).hasSize(1);
        }

        @Test
        @DisplayName("Should stay silent for subclinical hypothyroidism (TSH 4.1 mIU/L)")
        void silentForSubclinicalHypothyroidism() {
            assertThat(withTshInstead("tsh-2", "4.1", "2025-03-01")).isEmpty();
        }

        @Test
        @DisplayName("Should stay silent for a positive anticardiolipin test")
        void silentForPositiveAntiphospholipid() {
            assertThat(eshre(id("acl-g"), Fhir.quantity("acl-g2", "p1", "3181-5", "45", "[GPL'U]/mL", "2025-03-01")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should stay silent for antiphospholipid syndrome")
        void silentForAps() {
            assertThat(eshre(activeCondition("aps", "p1", ICD10CM, "D68.61", "2024-01-01")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should stay silent for a uterine anomaly")
        void silentForUterineAnomaly() {
            assertThat(eshre(condition("bicornuate", "p1", ICD10CM, "Q51.3", "2025-04-10")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should stay silent for a balanced translocation")
        void silentForTranslocation() {
            assertThat(eshre(condition("q95", "p1", ICD10CM, "Q95.0", "2024-02-01")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should stay silent for cervical insufficiency")
        void silentForCervicalInsufficiency() {
            assertThat(eshre(condition("ci", "p1", ICD10CM, "N88.3", "2024-02-01")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should stay silent for diabetes with HbA1c above target, not for controlled diabetes")
        void diabetesCountsWhenUncontrolled() {
            IBaseResource diabetes = activeCondition("dm", "p1", ICD10CM, "E10.9", "2010-01-01");

            assertThat(eshre(diabetes, Fhir.quantity("a1c", "p1", "4548-4", "7.0", "%", "2025-03-01")))
                    .isEmpty();
            assertThat(eshre(diabetes, Fhir.quantity("a1c", "p1", "4548-4", "6.2", "%", "2025-03-01")))
                    .hasSize(1);
        }
    }
}
