package org.rplcds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.rules.RuleSpec.given;
import static org.rplcds.rules.RuleSpec.givenPregnantAt;
import static org.rplcds.rules.RuleSpec.givenPregnantWithoutAge;
import static org.rplcds.rules.RuleSpec.headline;
import static org.rplcds.rules.RuleSpec.markdown;
import static org.rplcds.support.Fhir.ICD10CM;
import static org.rplcds.support.Fhir.SNOMED;
import static org.rplcds.support.Fhir.activeCondition;
import static org.rplcds.support.Fhir.condition;
import static org.rplcds.support.Fhir.procedure;

import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rplcds.support.FhirOrders;

@DisplayName("RPL-24 cerclage removal")
class Rpl24CerclageRemovalTest {

    final Recommendation rule = new Rpl24CerclageRemoval();

    /** A woman pregnant at weeks+days with the resources given. */
    List<Finding> pregnantAt(int weeks, int days, IBaseResource... more) {
        return givenPregnantAt(weeks, days, more).when(rule).findings();
    }

    /** A cerclage placed on 2025-01-10, at about 13 weeks of a pregnancy now at 35 weeks. */
    static IBaseResource cerclage() {
        return procedure("cerclage", "p1", SNOMED, "90442009", "2025-01-10");
    }

    /** An abdominal cerclage placed on the date given. */
    static IBaseResource abdominal(String date) {
        return procedure("abdominal", "p1", SNOMED, "46681009", date);
    }

    @Nested
    @DisplayName("an abdominal cerclage")
    class Abdominal {

        @Test
        @DisplayName(
                "Should plan a caesarean birth, without a removal, for an abdominal cerclage of this pregnancy at 35+0")
        void thisPregnancy() {
            // given an abdominal cerclage placed on 2025-01-10, pregnant at 35+0 weeks
            // when
            List<Finding> findings = pregnantAt(35, 0, abdominal("2025-01-10"));

            // then
            assertThat(findings).singleElement().satisfies(f -> {
                assertThat(f.indicator()).isEqualTo(Indicator.INFO);
                assertThat(f.summary())
                        .isEqualTo("Abdominal cerclage in place at 35+0 weeks: plan caesarean birth; the suture usually"
                                + " stays.");
                assertThat(f.actions()).isEmpty();
                assertThat(markdown(f)).contains("Procedure/abdominal").doesNotContain("Shirodkar");
            });
        }

        @Test
        @DisplayName("Should read an abdominal cerclage placed before this pregnancy, and one coded in CPT")
        void beforeThisPregnancy() {
            // given an abdominal cerclage (CPT 59325) placed in 2022, pregnant at 36+0 weeks
            // when
            List<Finding> findings =
                    pregnantAt(36, 0, procedure("abdominal", "p1", FhirOrders.CPT, "59325", "2022-03-01"));

            // then
            assertThat(findings).singleElement().satisfies(f -> assertThat(f.summary())
                    .startsWith("Abdominal cerclage in place at 36+0 weeks"));
        }

        @Test
        @DisplayName("Should stay silent at 34+6 weeks")
        void silentAt34Plus6() {
            assertThat(pregnantAt(34, 6, abdominal("2025-01-10"))).isEmpty();
        }

        @Test
        @DisplayName("Should not speak of an abdominal cerclage removed since")
        void removed() {
            // given an abdominal cerclage placed in 2022 and removed in 2023
            // when
            List<Finding> findings = pregnantAt(
                    36, 0, abdominal("2022-03-01"), procedure("removal", "p1", FhirOrders.CPT, "59871", "2023-06-01"));

            // then
            assertThat(findings).isEmpty();
        }

        @Test
        @DisplayName("Should name Shirodkar in the removal only when the record says Shirodkar")
        void shirodkarByTheRecord() {
            // given a vaginal cerclage the record calls a Shirodkar suture
            var shirodkar = procedure("cerclage", "p1", SNOMED, "90442009", "2025-01-10");
            shirodkar.getCode().getCodingFirstRep().setDisplay("Shirodkar cerclage of cervix");

            // when
            List<Finding> findings = pregnantAt(36, 0, shirodkar);

            // then
            assertThat(findings).singleElement().satisfies(f -> assertThat(
                            f.actions().get(0).concept().orElseThrow().display())
                    .isEqualTo("Removal of Shirodkar cerclage"));
        }
    }

    @Nested
    @DisplayName("from 35+0 weeks with a cerclage in place")
    class Inclusion {

        @Test
        @DisplayName("Should plan removal at 35+0 weeks")
        void plansRemovalAt35Weeks() {
            // given
            // when
            List<Finding> findings = pregnantAt(35, 0, cerclage());

            // then
            String summary =
                    "Cerclage in place at 35+0 weeks: plan elective removal at 36+0–37+0 weeks (earlier if labour or membrane rupture).";
            Finding f = headline(findings, "RPL-24", Indicator.INFO, summary);
            assertThat(markdown(f)).contains("Procedure/cerclage");
            // Text only, never Shirodkar unless the record says so.
            assertThat(f.actions()).singleElement().satisfies(a -> {
                assertThat(a.concept().orElseThrow().code()).isNull();
                assertThat(a.concept().orElseThrow().display()).isEqualTo("Removal of cervical cerclage");
            });
        }

        @Test
        @DisplayName("Should stay silent at 34+6 weeks")
        void silentAt34Plus6() {
            assertThat(pregnantAt(34, 6, cerclage())).isEmpty();
        }

        @Test
        @DisplayName("Should read a cerclage coded in CPT")
        void readsCptCerclage() {
            assertThat(pregnantAt(36, 2, procedure("cerclage", "p1", FhirOrders.CPT, "59320", "2025-01-10")))
                    .singleElement()
                    .satisfies(f -> assertThat(f.summary()).startsWith("Cerclage in place at 36+2 weeks"));
        }

        @Test
        @DisplayName("Should fire for a cerclage recorded in situ")
        void firesForCerclageInSitu() {
            assertThat(pregnantAt(35, 0, activeCondition("in-situ", "p1", SNOMED, "69802008", "2025-01-10")))
                    .hasSize(1);
        }

        @Test
        @DisplayName("Should stay silent for a cerclage-in-situ entry that is no longer active")
        void silentForInactiveInSitu() {
            assertThat(pregnantAt(35, 0, condition("in-situ", "p1", SNOMED, "69802008", "2025-01-10")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should stay silent for a cerclage of an earlier pregnancy")
        void silentForEarlierCerclage() {
            assertThat(pregnantAt(35, 0, procedure("cerclage", "p1", SNOMED, "90442009", "2022-04-10")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should stay silent when the gestational age is unknown")
        void silentWithoutGestationalAge() {
            assertThat(givenPregnantWithoutAge("2024-10-20", cerclage())
                            .when(rule)
                            .findings())
                    .isEmpty();
        }
    }

    @Nested
    @DisplayName("removal or delivery")
    class Suppression {

        @Test
        @DisplayName("Should stay silent once the cerclage is removed")
        void silentAfterRemoval() {
            assertThat(pregnantAt(35, 3, cerclage(), procedure("removal", "p1", FhirOrders.CPT, "59871", "2025-05-30")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should stay silent when the removal is ordered")
        void silentWhenRemovalOrdered() {
            assertThat(pregnantAt(
                            35,
                            3,
                            cerclage(),
                            FhirOrders.order(
                                    "removal", "p1", ServiceRequestStatus.ACTIVE, SNOMED, "259863001", "2025-05-28")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should still fire when the only removal belongs to an earlier pregnancy")
        void earlierRemovalDoesNotCount() {
            assertThat(pregnantAt(35, 3, cerclage(), procedure("removal", "p1", FhirOrders.CPT, "59871", "2022-09-01")))
                    .hasSize(1);
        }

        @Test
        @DisplayName("Should stay silent after delivery")
        void silentAfterDelivery() {
            var given = givenPregnantAt(36, 0, cerclage(), condition("birth", "p1", ICD10CM, "Z37.0", "2025-05-31"));

            assertThat(given.when(rule).findings()).isEmpty();
        }
    }
}
