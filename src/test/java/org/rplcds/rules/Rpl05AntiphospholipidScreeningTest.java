package org.rplcds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.rplcds.rules.RuleSpec.codes;
import static org.rplcds.rules.RuleSpec.given;
import static org.rplcds.rules.RuleSpec.givenRpl;
import static org.rplcds.rules.RuleSpec.headline;
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

import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rplcds.support.Profiles;

@DisplayName("RPL-05 antiphospholipid screening")
class Rpl05AntiphospholipidScreeningTest {

    static final String SUMMARY =
            "Pregnancy loss history without antiphospholipid testing. Order lupus anticoagulant and"
                    + " anticardiolipin; anti-β2GPI optional.";

    static final String RECOMMENDED_SUMMARY = "Pregnancy loss history without antiphospholipid testing. Order lupus"
            + " anticoagulant, anticardiolipin and anti-β2GPI.";

    final Recommendation rule = new Rpl05AntiphospholipidScreening();

    /** Two first-trimester losses: RPL under ESHRE 2022. */
    List<Finding> withRpl(IBaseResource... more) {
        return givenRpl(more).when(rule).findings();
    }

    /** One miscarriage with a gestational age, in days, recorded the same day. */
    List<Finding> oneLossAt(int days) {
        return given(
                        woman("p1", "1990-01-01"),
                        condition("a", "p1", SNOMED, "17369002", "2024-03-01"),
                        quantity("ga", "p1", "18185-9", String.valueOf(days), "d", "2024-03-01"))
                .under(Profiles.ESHRE2022)
                .when(rule)
                .findings();
    }

    static IBaseResource lupusAnticoagulant() {
        return coded("la", "p1", "15191-0", SNOMED, "260385009", "2025-01-10");
    }

    static IBaseResource aclIgG() {
        return quantity("igg", "p1", "3181-5", "4", "[GPL'U]/mL", "2025-01-10");
    }

    static IBaseResource aclIgM() {
        return quantity("igm", "p1", "3182-3", "3", "[MPL'U]/mL", "2025-01-10");
    }

    @Nested
    @DisplayName("who is screened")
    class Indication {

        @Test
        @DisplayName(
                "Should suggest lupus anticoagulant and anticardiolipin, anti-beta2GPI last as optional, under ESHRE 2022")
        void rplWithoutTests() {
            // given two losses and no antiphospholipid results
            // when
            List<Finding> findings = withRpl();

            // then
            Finding f = headline(findings, "RPL-05", Indicator.INFO, SUMMARY);
            assertThat(codes(f)).containsExactly("15191-0", "24319-6", "72488-0");
            assertThat(f.actions())
                    .extracting(ProposedAction::label, ProposedAction::recommended)
                    .containsExactly(
                            tuple("Order lupus anticoagulant", true),
                            tuple("Order anticardiolipin IgG and IgM", true),
                            tuple("Optional: anti-β2GPI IgG and IgM", false));
        }

        @Test
        @DisplayName("Should recommend anti-beta2GPI with the screen under ASRM 2012 (apl.beta2gpi: RECOMMENDED)")
        void beta2RecommendedUnderAsrm() {
            // given two losses under ASRM 2012
            // when
            List<Finding> findings =
                    givenRpl().under(Profiles.ASRM2012).when(rule).findings();

            // then
            Finding f = headline(findings, "RPL-05", Indicator.INFO, RECOMMENDED_SUMMARY);
            assertThat(f.actions()).allSatisfy(a -> assertThat(a.recommended()).isTrue());
            assertThat(codes(f)).containsExactly("15191-0", "24319-6", "72488-0");
        }

        @Test
        @DisplayName("Should fire after one loss at 10+0 weeks (Sydney clinical criterion)")
        void lossAtTenWeeks() {
            assertThat(oneLossAt(70)).singleElement().satisfies(f -> assertThat(markdown(f))
                    .contains("a fetal loss at 10 weeks or later"));
        }

        @Test
        @DisplayName("Should list the losses that fired it, with date and resource (R21)")
        void listsTheLossesThatFiredIt() {
            // given two losses and no antiphospholipid results
            // when
            List<Finding> withRpl = withRpl();
            List<Finding> lateLoss = oneLossAt(70);

            // then
            assertThat(withRpl).singleElement().satisfies(f -> assertThat(markdown(f))
                    .contains("**Losses that indicate it:**")
                    .contains("(Condition/a)")
                    .contains("(Condition/b)"));
            assertThat(lateLoss).singleElement().satisfies(f -> assertThat(markdown(f))
                    .contains("**Losses that indicate it:**")
                    .contains("2024-03-01")
                    .contains("Condition/a"));
        }

        @Test
        @DisplayName("Should not fire after one loss at 9+6 weeks")
        void lossAtNineWeeksSixDays() {
            assertThat(oneLossAt(69)).isEmpty();
        }

        @Test
        @DisplayName("Should fire after one second-trimester miscarriage")
        void secondTrimesterLoss() {
            assertThat(given(woman("p1", "1990-01-01"), condition("a", "p1", SNOMED, "85116003", "2024-03-01"))
                            .under(Profiles.ESHRE2022)
                            .when(rule)
                            .findings())
                    .singleElement()
                    .satisfies(f -> assertThat(markdown(f)).contains("a second-trimester loss"));
        }

        @Test
        @DisplayName("Should fire after a stillbirth")
        void stillbirth() {
            assertThat(given(woman("p1", "1990-01-01"), condition("a", "p1", ICD10CM, "Z37.1", "2024-03-01"))
                            .under(Profiles.ESHRE2022)
                            .when(rule)
                            .findings())
                    .extracting(Finding::ruleId)
                    .containsExactly("RPL-05");
        }

        @Test
        @DisplayName("Should not fire after one first-trimester miscarriage")
        void oneEarlyLoss() {
            assertThat(given(woman("p1", "1990-01-01"), condition("a", "p1", SNOMED, "19169002", "2024-03-01"))
                            .under(Profiles.ESHRE2022)
                            .when(rule)
                            .findings())
                    .isEmpty();
        }
    }

    @Nested
    @DisplayName("what counts as tested")
    class Tested {

        @Test
        @DisplayName("Should not fire when lupus anticoagulant and anticardiolipin IgG and IgM are resulted")
        void allResulted() {
            assertThat(withRpl(lupusAnticoagulant(), aclIgG(), aclIgM())).isEmpty();
        }

        @Test
        @DisplayName("Should accept an anticardiolipin panel result for IgG and IgM")
        void panelResulted() {
            assertThat(withRpl(lupusAnticoagulant(), quantity("acl", "p1", "24319-6", "5", "[GPL'U]/mL", "2025-01-10")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should fire when anticardiolipin IgM is missing, suggesting only what is missing")
        void igmMissing() {
            // given lupus anticoagulant and anticardiolipin IgG resulted
            // when
            List<Finding> findings = withRpl(lupusAnticoagulant(), aclIgG());

            // then
            assertThat(findings).singleElement().satisfies(f -> assertThat(codes(f))
                    .containsExactly("24319-6", "72488-0"));
        }

        @Test
        @DisplayName("Should fire when lupus anticoagulant is missing")
        void laMissing() {
            assertThat(withRpl(aclIgG(), aclIgM())).singleElement().satisfies(f -> assertThat(codes(f))
                    .containsExactly("15191-0", "72488-0"));
        }

        @Test
        @DisplayName("Should not suggest anti-beta2GPI when it is resulted")
        void beta2Resulted() {
            assertThat(withRpl(quantity("b2", "p1", "44448-9", "3", "U/mL", "2025-01-10")))
                    .singleElement()
                    .satisfies(f -> assertThat(codes(f)).containsExactly("15191-0", "24319-6"));
        }
    }

    @Nested
    @DisplayName("suppression")
    class Suppression {

        /** RPL with lupus anticoagulant and the anticardiolipin panel ordered, both in the status given. */
        List<Finding> withPanelOrdered(ServiceRequestStatus status) {
            return withRpl(
                    order("o1", "p1", LOINC, "15191-0", status, "2025-05-20"),
                    order("o2", "p1", LOINC, "24319-6", status, "2025-05-20"));
        }

        @Test
        @DisplayName("Should not fire when lupus anticoagulant and the anticardiolipin panel are ordered")
        void pendingOrders() {
            assertThat(withPanelOrdered(ServiceRequestStatus.ACTIVE)).isEmpty();
        }

        @Test
        @DisplayName("Should not fire when anticardiolipin IgG is resulted and IgM is ordered")
        void igmPending() {
            assertThat(withRpl(
                            lupusAnticoagulant(),
                            aclIgG(),
                            order("o1", "p1", LOINC, "3182-3", ServiceRequestStatus.ACTIVE, "2025-05-20")))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should not count revoked orders")
        void revokedOrders() {
            assertThat(withPanelOrdered(ServiceRequestStatus.REVOKED))
                    .extracting(Finding::ruleId)
                    .containsExactly("RPL-05");
        }

        @Test
        @DisplayName("Should not fire when antiphospholipid syndrome is diagnosed")
        void apsConfirmed() {
            assertThat(withRpl(activeCondition("aps", "p1", ICD10CM, "D68.61", "2020-01-01")))
                    .isEmpty();
        }
    }
}
