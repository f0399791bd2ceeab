package org.rplcds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.rules.RuleSpec.codes;
import static org.rplcds.rules.RuleSpec.given;
import static org.rplcds.rules.RuleSpec.givenRpl;
import static org.rplcds.rules.RuleSpec.headline;
import static org.rplcds.rules.RuleSpec.markdown;
import static org.rplcds.support.Fhir.LOINC;
import static org.rplcds.support.Fhir.SNOMED;
import static org.rplcds.support.Fhir.activeCondition;
import static org.rplcds.support.Fhir.condition;
import static org.rplcds.support.Fhir.order;
import static org.rplcds.support.Fhir.quantity;
import static org.rplcds.support.Fhir.woman;

import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rplcds.support.Fhir;
import org.rplcds.support.Profiles;

@DisplayName("RPL-03 thyroid work-up")
class Rpl03ThyroidWorkUpTest {

    static final String SUMMARY = "RPL without recent TSH/TPO antibodies. Order TSH, free T4 and TPO antibodies.";

    final Recommendation rule = new Rpl03ThyroidWorkUp();

    static final String REFLEX_SUMMARY =
            "RPL without recent TSH/TPO antibodies. Order TSH (free T4 by reflex) and TPO antibodies.";

    /** Two losses under ASRM 2012, which orders free T4 with TSH, with the given results and orders. */
    List<Finding> withRpl(IBaseResource... more) {
        return givenRpl(more).under(Profiles.ASRM2012).when(rule).findings();
    }

    static IBaseResource tsh(String id, String value, String unit, String date) {
        return quantity(id, "p1", "3016-3", value, unit, date);
    }

    static IBaseResource freeT4(String date) {
        return quantity("ft4", "p1", "3024-7", "1.1", "ng/dL", date);
    }

    static IBaseResource tpo(String date) {
        return quantity("tpo", "p1", "8099-4", "12", "[IU]/mL", date);
    }

    @Nested
    @DisplayName("when RPL is identified")
    class WhenRpl {

        @Test
        @DisplayName("Should suggest TSH, free T4 and TPO antibodies when none is on record")
        void suggestsAllThree() {
            // given two losses and no thyroid results
            // when
            List<Finding> findings = withRpl();

            // then
            Finding finding = headline(findings, "RPL-03", Indicator.INFO, SUMMARY);
            assertThat(codes(finding)).containsExactly("3016-3", "3024-7", "8099-4");
        }

        @Test
        @DisplayName("Should count a TSH taken exactly 12 months ago as recent")
        void tshTwelveMonthsAgoCounts() {
            // given TSH on 2024-06-01, 12 months before 2025-06-01, and TPO on record
            // when
            List<Finding> findings =
                    withRpl(tsh("tsh", "2.1", "m[IU]/L", "2024-06-01"), freeT4("2024-06-01"), tpo("2024-06-01"));

            // then
            assertThat(findings).isEmpty();
        }

        @Test
        @DisplayName("Should suggest TSH and free T4 again when the TSH is one day older than 12 months")
        void tshOlderThanTwelveMonthsIsMissing() {
            // given
            // when
            List<Finding> findings =
                    withRpl(tsh("tsh", "2.1", "m[IU]/L", "2024-05-31"), freeT4("2024-05-31"), tpo("2024-05-31"));

            // then
            assertThat(findings).singleElement().satisfies(f -> assertThat(codes(f))
                    .containsExactly("3016-3", "3024-7"));
        }

        @Test
        @DisplayName("Should suggest only TPO antibodies when a recent TSH and free T4 are on record")
        void suggestsOnlyTheMissing() {
            // given
            // when
            List<Finding> findings = withRpl(tsh("tsh", "1.8", "uIU/mL", "2025-01-10"), freeT4("2025-01-10"));

            // then
            assertThat(findings).singleElement().satisfies(f -> {
                assertThat(f.summary()).isEqualTo(SUMMARY);
                assertThat(codes(f)).containsExactly("8099-4");
            });
        }

        @Test
        @DisplayName("Should not fire when TSH and TPO antibodies are on record but free T4 is not")
        void freeT4AloneIsNotRequired() {
            assertThat(withRpl(tsh("tsh", "1.8", "m[IU]/L", "2025-01-10"), tpo("2023-01-10")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should count TPO antibodies tested at any time")
        void tpoEver() {
            assertThat(withRpl(tsh("tsh", "1.8", "m[IU]/L", "2025-01-10"), freeT4("2025-01-10"), tpo("2015-01-10")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should treat a TSH in an unknown unit as missing")
        void unknownUnitIsMissing() {
            // given a TSH reported in a unit the service cannot read
            // when
            List<Finding> findings = withRpl(tsh("tsh", "1.8", "mg/dL", "2025-01-10"), tpo("2023-01-10"));

            // then
            assertThat(findings).singleElement().satisfies(f -> assertThat(codes(f))
                    .contains("3016-3"));
        }
    }

    @Nested
    @DisplayName("under ESHRE 2022, where free T4 comes by reflex (thyroid.free-t4: REFLEX)")
    class Reflex {

        @Test
        @DisplayName("Should suggest TSH with a reflex free T4 note and TPO antibodies, not free T4")
        void tshWithReflexNote() {
            // given two losses under ESHRE 2022 and no thyroid results
            // when
            List<Finding> findings = givenRpl().when(rule).findings();

            // then
            Finding finding = headline(findings, "RPL-03", Indicator.INFO, REFLEX_SUMMARY);
            assertThat(codes(finding)).containsExactly("3016-3", "8099-4");
            assertThat(finding.actions().get(0).text())
                    .isEqualTo("Reflex free T4 if TSH is outside the reference range");
        }

        @Test
        @DisplayName("Should order free T4 with TSH under RCOG 2023 (thyroid.free-t4: WITH_TSH)")
        void freeT4WithTshUnderRcog() {
            // given three losses under RCOG 2023
            // when
            List<Finding> findings = givenRpl(condition("c", "p1", SNOMED, "19169002", "2022-01-01"))
                    .under(Profiles.RCOG2023)
                    .when(rule)
                    .findings();

            // then
            assertThat(findings).singleElement().satisfies(f -> {
                assertThat(codes(f)).containsExactly("3016-3", "3024-7", "8099-4");
                assertThat(f.actions()).allSatisfy(a -> assertThat(a.text()).isEmpty());
            });
        }
    }

    @Nested
    @DisplayName("when tests are already ordered")
    class Suppression {

        /** RPL with TSH and TPO antibodies ordered, each order in the status given. */
        List<Finding> withTshAndTpoOrdered(ServiceRequestStatus tsh, ServiceRequestStatus tpo) {
            return withRpl(
                    order("o1", "p1", LOINC, "3016-3", tsh, "2025-05-20"),
                    order("o2", "p1", LOINC, "8099-4", tpo, "2025-05-20"));
        }

        @Test
        @DisplayName("Should not fire when the missing TSH and TPO antibodies are ordered")
        void pendingOrders() {
            assertThat(withTshAndTpoOrdered(ServiceRequestStatus.ACTIVE, ServiceRequestStatus.DRAFT))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should suggest only what is not ordered yet")
        void suggestsOnlyUnordered() {
            // given TSH ordered, free T4 and TPO neither resulted nor ordered
            // when
            List<Finding> findings =
                    withRpl(order("o1", "p1", LOINC, "3016-3", ServiceRequestStatus.ACTIVE, "2025-05-20"));

            // then
            assertThat(findings).singleElement().satisfies(f -> assertThat(codes(f))
                    .containsExactly("3024-7", "8099-4"));
        }

        @Test
        @DisplayName("Should not count a revoked order")
        void revokedOrder() {
            assertThat(withTshAndTpoOrdered(ServiceRequestStatus.REVOKED, ServiceRequestStatus.REVOKED))
                    .singleElement()
                    .satisfies(f -> assertThat(codes(f)).containsExactly("3016-3", "3024-7", "8099-4"));
        }
    }

    @Nested
    @DisplayName("in pregnancy, where TSH counts from the start of this pregnancy")
    class InPregnancy {

        /** Three consecutive losses under the source text, pregnant at 10+0 weeks (start 2025-03-23). */
        List<Finding> pregnantWithTshOn(String date) {
            return pregnantWithTsh("1.8", date);
        }

        List<Finding> pregnantWithTsh(String value, String date) {
            return given(
                            woman("p1", "1990-01-01"),
                            condition("a", "p1", SNOMED, "19169002", "2022-01-01"),
                            condition("b", "p1", SNOMED, "19169002", "2023-01-01"),
                            condition("c", "p1", SNOMED, "19169002", "2024-01-01"),
                            activeCondition("preg", "p1", SNOMED, "77386006", "2025-04-20"),
                            Fhir.dueDateFor("edd", "p1", 70),
                            tsh("tsh", value, "m[IU]/L", date),
                            freeT4(date),
                            tpo("2024-03-01"))
                    .under(Profiles.SOURCE)
                    .when(rule)
                    .findings();
        }

        @Test
        @DisplayName("Should count a TSH taken on the first day of this pregnancy")
        void tshThisPregnancy() {
            assertThat(pregnantWithTshOn("2025-03-23")).isEmpty();
        }

        @Test
        @DisplayName("Should suggest TSH again when the last one predates this pregnancy")
        void tshBeforePregnancy() {
            assertThat(pregnantWithTshOn("2025-03-22")).singleElement().satisfies(f -> assertThat(codes(f))
                    .containsExactly("3016-3", "3024-7"));
        }

        @Test
        @DisplayName("Should name an abnormal TSH taken before this pregnancy, to be repeated")
        void namesOldAbnormalTsh() {
            // given TSH 6.0 mIU/L eight months ago, before this pregnancy began on 2025-03-23
            // when
            List<Finding> findings = pregnantWithTsh("6.0", "2024-10-01");

            // then
            assertThat(findings).singleElement().satisfies(f -> {
                assertThat(markdown(f)).contains("**TSH 6.0 mIU/L on 2024-10-01, before this pregnancy: repeat.**");
                assertThat(codes(f)).containsExactly("3016-3", "3024-7");
            });
        }

        @Test
        @DisplayName("Should not name an old TSH that was normal")
        void doesNotNameOldNormalTsh() {
            assertThat(pregnantWithTsh("1.8", "2024-10-01")).singleElement().satisfies(f -> assertThat(markdown(f))
                    .doesNotContain(": repeat."));
        }
    }

    @Test
    @DisplayName("Should name an abnormal TSH older than 12 months outside pregnancy")
    void namesTshOlderThanTheWindow() {
        assertThat(withRpl(tsh("tsh", "6.0", "m[IU]/L", "2024-05-31"), freeT4("2024-05-31"), tpo("2024-05-31")))
                .singleElement()
                .satisfies(f -> assertThat(markdown(f))
                        .contains("**TSH 6.0 mIU/L on 2024-05-31, more than 12 months ago: repeat.**"));
    }

    @Test
    @DisplayName("Should not fire without RPL")
    void noRpl() {
        assertThat(given(woman("p1", "1990-01-01"), condition("a", "p1", SNOMED, "19169002", "2024-01-01"))
                        .under(Profiles.ESHRE2022)
                        .when(rule)
                        .findings())
                .isEmpty();
    }
}
