package org.rplcds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rplcds.rules.RuleSpec.given;
import static org.rplcds.rules.RuleSpec.headline;
import static org.rplcds.rules.RuleSpec.markdown;
import static org.rplcds.support.Fhir.CPT;
import static org.rplcds.support.Fhir.ICD10CM;
import static org.rplcds.support.Fhir.SNOMED;
import static org.rplcds.support.Fhir.activeCondition;
import static org.rplcds.support.Fhir.condition;
import static org.rplcds.support.Fhir.order;
import static org.rplcds.support.Fhir.procedure;
import static org.rplcds.support.Fhir.woman;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rplcds.support.Fhir;
import org.rplcds.support.Profiles;

@DisplayName("RPL-12 history-indicated cerclage")
class Rpl12HistoryIndicatedCerclageTest {

    final Recommendation rule = new Rpl12HistoryIndicatedCerclage();

    static int days(int weeks, int days) {
        return weeks * 7 + days;
    }

    /** Pregnant at the given gestational age (days), with the given history. */
    List<Finding> pregnantAt(GuidelineProfile profile, int gestationDays, IBaseResource... history) {
        List<IBaseResource> resources = new ArrayList<>(List.of(
                woman("p1", "1990-01-01"),
                activeCondition("preg", "p1", SNOMED, "77386006", "2025-03-01"),
                Fhir.dueDateFor("edd", "p1", gestationDays)));
        resources.addAll(List.of(history));
        return given(resources).under(profile).when(rule).findings();
    }

    static IBaseResource cervicalInsufficiency() {
        return condition("ci", "p1", ICD10CM, "N88.3", "2023-09-01");
    }

    @Nested
    @DisplayName("the window under ESHRE 2022 (12+0 to 14+6 weeks)")
    class EshreWindow {

        @Test
        @DisplayName("Should warn that the window is open at 13+0 weeks")
        void thirteenWeeks() {
            // given cervical insufficiency on record, pregnant at 13+0 weeks
            // when
            List<Finding> findings = pregnantAt(Profiles.ESHRE2022, days(13, 0), cervicalInsufficiency());

            // then
            String summary = "Cervical insufficiency history at 13+0 weeks: history-indicated cerclage window"
                    + " (12–14 wk) is open. Check viability and dating scan first.";
            Finding f = headline(findings, "RPL-12", Indicator.WARNING, summary);
            assertThat(f.source()).isEqualTo(Citation.ACOG_PB142);
            // The anomaly scan comes after the window, never before it.
            assertThat(markdown(f)).contains("the anomaly scan comes after the window");
            assertThat(f.actions())
                    .singleElement()
                    .satisfies(a -> assertThat(a.concept().orElseThrow().code()).isEqualTo("90442009"));
        }

        @ParameterizedTest(name = "{0}+{1} weeks: fires {2}")
        @CsvSource({"11, 6, false", "12, 0, true", "14, 6, true", "15, 0, false"})
        @DisplayName("Should fire only inside the window")
        void boundaries(int weeks, int extra, boolean fires) {
            assertThat(pregnantAt(Profiles.ESHRE2022, days(weeks, extra), cervicalInsufficiency()))
                    .hasSize(fires ? 1 : 0);
        }
    }

    @Nested
    @DisplayName("the window under the source text (12+0 to 16+6 weeks)")
    class SourceWindow {

        @Test
        @DisplayName("Should fire at 16+6 weeks and name the longer window")
        void sixteenWeeksSixDays() {
            assertThat(pregnantAt(Profiles.SOURCE, days(16, 6), cervicalInsufficiency()))
                    .singleElement()
                    .satisfies(f -> assertThat(f.summary())
                            .isEqualTo("Cervical insufficiency history at 16+6 weeks: history-indicated cerclage"
                                    + " window (12–16 wk) is open. Check viability and dating scan first."));
        }

        @Test
        @DisplayName("Should not fire at 17+0 weeks")
        void seventeenWeeks() {
            assertThat(pregnantAt(Profiles.SOURCE, days(17, 0), cervicalInsufficiency()))
                    .isEmpty();
        }
    }

    @Nested
    @DisplayName("what counts as a cervical insufficiency history")
    class History {

        @ParameterizedTest(name = "{0} {1}")
        @CsvSource({
            "http://hl7.org/fhir/sid/icd-10-cm, O34.31",
            "http://snomed.info/sct, 17382005",
            "http://snomed.info/sct, 199484006"
        })
        @DisplayName("Should accept the cervical insufficiency codes")
        void codes(String system, String code) {
            assertThat(pregnantAt(Profiles.ESHRE2022, days(13, 0), condition("ci", "p1", system, code, "2023-09-01")))
                    .extracting(Finding::ruleId)
                    .containsExactly("RPL-12");
        }

        @Test
        @DisplayName("Should accept a cerclage placed in an earlier pregnancy")
        void earlierCerclage() {
            assertThat(pregnantAt(Profiles.ESHRE2022, days(13, 0), procedure("c", "p1", CPT, "59320", "2023-06-15")))
                    .singleElement()
                    .satisfies(f -> assertThat(markdown(f)).contains("Procedure/c"));
        }

        @Test
        @DisplayName("Should not fire for a second-trimester loss alone (painless dilation has no code)")
        void secondTrimesterLossAlone() {
            assertThat(pregnantAt(
                            Profiles.ESHRE2022, days(13, 0), condition("loss", "p1", SNOMED, "85116003", "2023-09-01")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should not fire without any history")
        void noHistory() {
            assertThat(pregnantAt(Profiles.ESHRE2022, days(13, 0))).isEmpty();
        }
    }

    @Nested
    @DisplayName("suppression")
    class Suppression {

        @Test
        @DisplayName("Should not fire when a cerclage was placed in this pregnancy")
        void cerclageThisPregnancy() {
            // given at 13+0 weeks (start 2025-03-02), a cerclage on 2025-05-28
            assertThat(pregnantAt(
                            Profiles.ESHRE2022,
                            days(13, 0),
                            cervicalInsufficiency(),
                            procedure("c", "p1", SNOMED, "90442009", "2025-05-28")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should not fire when a cerclage is recorded in situ")
        void cerclageInSitu() {
            assertThat(pregnantAt(
                            Profiles.ESHRE2022,
                            days(13, 0),
                            cervicalInsufficiency(),
                            activeCondition("situ", "p1", SNOMED, "69802008", "2025-05-28")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should not fire when an abdominal cerclage placed before this pregnancy is still in place")
        void abdominalCerclageInPlace() {
            // given cervical insufficiency and an abdominal cerclage placed in 2023, never removed
            assertThat(pregnantAt(
                            Profiles.ESHRE2022,
                            days(13, 0),
                            cervicalInsufficiency(),
                            procedure("abdominal", "p1", CPT, "59325", "2023-06-15")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should not fire when a cerclage is ordered")
        void cerclageOrdered() {
            assertThat(pregnantAt(
                            Profiles.ESHRE2022,
                            days(13, 0),
                            cervicalInsufficiency(),
                            order("o", "p1", CPT, "59320", ServiceRequestStatus.ACTIVE, "2025-05-28")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should fire when the cerclage order was revoked")
        void cerclageOrderRevoked() {
            assertThat(pregnantAt(
                            Profiles.ESHRE2022,
                            days(13, 0),
                            cervicalInsufficiency(),
                            order("o", "p1", CPT, "59320", ServiceRequestStatus.REVOKED, "2025-05-28")))
                    .extracting(Finding::ruleId)
                    .containsExactly("RPL-12");
        }

        @Test
        @DisplayName("Should not fire when the gestational age is unknown")
        void unknownGestation() {
            assertThat(given(List.of(
                                    woman("p1", "1990-01-01"),
                                    activeCondition("preg", "p1", SNOMED, "77386006", "2025-03-01"),
                                    cervicalInsufficiency()))
                            .under(Profiles.ESHRE2022)
                            .when(rule)
                            .findings())
                    .isEmpty();
        }

        @Test
        @DisplayName("Should not fire outside pregnancy")
        void notPregnant() {
            assertThat(given(List.of(woman("p1", "1990-01-01"), cervicalInsufficiency()))
                            .under(Profiles.ESHRE2022)
                            .when(rule)
                            .findings())
                    .isEmpty();
        }
    }
}
