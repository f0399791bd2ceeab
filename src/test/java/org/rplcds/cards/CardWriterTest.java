package org.rplcds.cards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.rplcds.rules.Citation;
import org.rplcds.rules.Concept;
import org.rplcds.rules.Detail;
import org.rplcds.rules.Finding;
import org.rplcds.rules.Indicator;
import org.rplcds.rules.ProposedAction;
import org.rplcds.support.Fhir;

@DisplayName("Cards written from findings")
class CardWriterTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

    final CardWriter writer = new CardWriter(Fhir.CONTEXT, new ObjectMapper());

    static Finding finding(String rule, Indicator indicator, List<String> rules) {
        return new Finding(
                rule,
                "Rule " + rule,
                indicator,
                "Summary of " + rule,
                new Detail(List.of(new Detail.Sources("ESHRE 2022"))),
                Citation.ESHRE_2022,
                List.of(),
                List.of(),
                rules,
                false);
    }

    static Finding finding(String rule, Indicator indicator) {
        return finding(rule, indicator, List.of(rule));
    }

    @Test
    @DisplayName("Should return critical cards, then warnings, then info, each indicator in rule order")
    void ordersByUrgencyThenRule() {
        // given: findings in rule order
        List<Finding> findings = List.of(
                finding("RPL-01", Indicator.INFO),
                finding("RPL-04", Indicator.WARNING),
                finding("RPL-05", Indicator.INFO),
                finding("RPL-07", Indicator.WARNING),
                finding("RPL-17", Indicator.CRITICAL));

        // when
        CardsResponseJson response = writer.write("p1", TODAY, findings);

        // then
        assertThat(response.cards())
                .extracting(
                        card -> card.indicator() + " " + card.source().topic().code())
                .containsExactly("critical RPL-17", "warning RPL-04", "warning RPL-07", "info RPL-01", "info RPL-05");
    }

    @Test
    @DisplayName("Should list every rule a card holds advice of in its extension, the primary rule as its topic")
    void listsEveryRuleOfTheCard() {
        // given: one card holding the advice of RPL-01, RPL-02 and RPL-08
        Finding evaluation = finding("RPL-01", Indicator.INFO, List.of("RPL-01", "RPL-02", "RPL-08"));

        // when
        CardJson card = writer.write("p1", TODAY, List.of(evaluation)).cards().get(0);

        // then
        assertThat(card.extension().rules()).containsExactly("RPL-01", "RPL-02", "RPL-08");
        assertThat(card.source().topic().code()).isEqualTo("RPL-01");
    }

    @Test
    @DisplayName("Should write the rule ids under the extension member org.rplcds.rules")
    void writesTheExtensionMember() {
        // given
        Finding finding = finding("RPL-04", Indicator.WARNING);

        // when
        CardJson card = writer.write("p1", TODAY, List.of(finding)).cards().get(0);

        // then
        assertThat(new ObjectMapper().valueToTree(card).at("/extension").toString())
                .isEqualTo("{\"org.rplcds.rules\":[\"RPL-04\"]}");
    }

    @Test
    @DisplayName("Should write isRecommended false for advice offered but not recommended, true otherwise")
    void writesWhetherEachSuggestionIsRecommended() {
        // given: one recommended order and one offered after individual assessment
        Concept karyotype = new Concept("http://loinc.org", "29770-5", "Karyotype");
        Finding finding = withActions(
                "RPL-02",
                Indicator.INFO,
                ProposedAction.order("Order TSH", new Concept("http://loinc.org", "3016-3", "TSH")),
                ProposedAction.order("Order parental karyotype after individual risk assessment", karyotype)
                        .notRecommended());

        // when
        CardJson card = writer.write("p1", TODAY, List.of(finding)).cards().get(0);

        // then
        assertThat(card.suggestions()).extracting(SuggestionJson::isRecommended).containsExactly(true, false);
    }

    @Test
    @DisplayName("Should write a withdrawal's label as plain text, the record's words without markdown escapes")
    void labelsArePlainText() {
        // given an order whose name has brackets
        ProposedAction withdrawal =
                ProposedAction.remove("Withdraw NK cell (CD56) assay", "NK cell (CD56) assay", "ServiceRequest/nk");
        Finding finding = withActions("RPL-23", Indicator.WARNING, withdrawal);

        // when
        CardJson card = writer.write("p1", TODAY, List.of(finding)).cards().get(0);

        // then
        assertThat(card.suggestions()).singleElement().satisfies(s -> {
            assertThat(s.label()).isEqualTo("Withdraw NK cell (CD56) assay");
            assertThat(s.actions().get(0).resourceId()).isEqualTo("ServiceRequest/nk");
        });
    }

    /** A card of one rule, summary "Summary", its detail the Sources line of ESHRE 2022, with the actions given. */
    static Finding withActions(String rule, Indicator indicator, ProposedAction... actions) {
        return new Finding(
                rule,
                "Rule " + rule,
                indicator,
                "Summary",
                new Detail(List.of(new Detail.Sources("ESHRE 2022"))),
                Citation.ESHRE_2022,
                List.of(actions),
                List.of(),
                List.of(rule),
                false);
    }

    @Test
    @DisplayName("Should link each source once under its own name, three at most, never the source textbook")
    void linksEachSourceOnce() {
        // given a card citing five sources, one given twice and one without an address
        Finding finding = new Finding(
                "RPL-05",
                "Rule RPL-05",
                Indicator.INFO,
                "Summary",
                new Detail(List.of(new Detail.Sources("ESHRE 2022"))),
                Citation.SOURCE_TEXT,
                List.of(),
                List.of(
                        Citation.ESHRE_2022,
                        Citation.ESHRE_2022,
                        Citation.RCOG_2023,
                        Citation.ASRM_2012,
                        Citation.SYDNEY_2006),
                List.of("RPL-05"),
                false);

        // when
        CardJson card = writer.write("p1", TODAY, List.of(finding)).cards().get(0);

        // then
        assertThat(card.links())
                .extracting(LinkJson::label)
                .containsExactly("ESHRE 2022", "RCOG GTG 17 (2023)", "ASRM 2012");
        assertThat(card.source().url()).isNull();
    }

    @Test
    @DisplayName("Should label an optional suggestion \"Optional: \" and put it after the recommended ones")
    void putsOptionalAdviceLast() {
        // given an optional karyotype written before a recommended TSH
        Concept karyotype = new Concept("http://loinc.org", "29770-5", "Karyotype");
        Concept tsh = new Concept("http://loinc.org", "3016-3", "TSH");
        Finding finding = withActions(
                "RPL-01",
                Indicator.INFO,
                ProposedAction.order("Order parental karyotype after individual risk assessment", karyotype)
                        .notRecommended(),
                ProposedAction.order("Order TSH", tsh));

        // when
        CardJson card = writer.write("p1", TODAY, List.of(finding)).cards().get(0);

        // then
        assertThat(card.suggestions())
                .extracting(SuggestionJson::label, SuggestionJson::isRecommended)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Order TSH", true),
                        org.assertj.core.groups.Tuple.tuple(
                                "Optional: parental karyotype after individual risk assessment", false));
    }

    static Finding uterine(List<ProposedAction> actions, boolean alternatives) {
        return new Finding(
                "RPL-08",
                "Uterine assessment",
                Indicator.INFO,
                "Summary",
                new Detail(List.of(new Detail.Sources("ESHRE 2022"))),
                Citation.ESHRE_2022,
                actions,
                List.of(),
                List.of("RPL-08"),
                alternatives);
    }

    @Test
    @DisplayName("Should offer alternatives as at most one, and separate suggestions as any")
    void selectionBehaviourFollowsTheFinding() {
        // given
        Concept hsg = new Concept("http://loinc.org", "25022-5", "HSG");
        Concept ultrasound = new Concept(null, null, "3D transvaginal ultrasound of the uterus");
        List<ProposedAction> actions = List.of(
                ProposedAction.order("Order 3D ultrasound", ultrasound), ProposedAction.order("Order HSG", hsg));
        Finding separate = uterine(actions, false);
        Finding alternatives = uterine(actions, true);

        // when
        CardJson any = writer.write("p1", TODAY, List.of(separate)).cards().get(0);
        CardJson one = writer.write("p1", TODAY, List.of(alternatives)).cards().get(0);

        // then
        assertThat(any.selectionBehavior()).isEqualTo("any");
        assertThat(one.selectionBehavior()).isEqualTo("at-most-one");
        assertThat(one.suggestions()
                        .get(0)
                        .actions()
                        .get(0)
                        .resource()
                        .at("/code/text")
                        .asText())
                .isEqualTo("3D transvaginal ultrasound of the uterus");
    }

    @Test
    @DisplayName("Should write each suggested resource byte for byte as HAPI's own JSON encoding of it")
    void writesSuggestedResourcesAsHapiEncodesThem() throws Exception {
        // given one action of each kind, with text, dates and characters JSON escapes
        Concept tsh = new Concept("http://loinc.org", "3016-3", "TSH \"thyrotropin\" ≥ 2.5");
        Concept aspirin = new Concept("http://www.nlm.nih.gov/research/umls/rxnorm", "243670", "Aspirin 81 mg");
        Finding finding = withActions(
                "RPL-03",
                Indicator.WARNING,
                ProposedAction.problem("Add the problem", tsh),
                ProposedAction.order("Order TSH", tsh, "fasting\nin the morning")
                        .notBefore(TODAY.plusDays(30)),
                ProposedAction.prescription(
                        "Prescribe aspirin", aspirin, "81 mg daily", java.util.Optional.of(TODAY.plusWeeks(36))),
                ProposedAction.replace("Replace it", "the draft", "ServiceRequest/d1", tsh));
        ObjectMapper json = new ObjectMapper();

        // when
        CardJson card = writer.write("p1", TODAY, List.of(finding)).cards().get(0);

        // then
        List<ActionJson> creates = card.suggestions().stream()
                .flatMap(suggestion -> suggestion.actions().stream())
                .filter(action -> action.type().equals("create"))
                .toList();
        assertThat(creates).hasSize(4);
        for (ActionJson action : creates) {
            String written = json.writeValueAsString(action.resource());
            String hapi = Fhir.CONTEXT
                    .newJsonParser()
                    .encodeResourceToString(Fhir.CONTEXT.newJsonParser().parseResource(written));
            assertThat(written).isEqualTo(json.writeValueAsString(json.readTree(hapi)));
        }
    }

    @Test
    @DisplayName("Should date a repeat test's draft order from its first day, as occurrencePeriod.start (R14)")
    void datesARepeatTestFromItsFirstDay() {
        // given a repeat lupus anticoagulant not before 2026-03-01
        ProposedAction repeat = ProposedAction.order(
                        "Repeat lupus anticoagulant", new Concept("http://loinc.org", "15191-0", "LA"))
                .notBefore(LocalDate.of(2026, 3, 1));
        Finding finding = withActions("RPL-06", Indicator.INFO, repeat);

        // when
        CardJson card = writer.write("p1", TODAY, List.of(finding)).cards().get(0);

        // then
        assertThat(card.suggestions()
                        .get(0)
                        .actions()
                        .get(0)
                        .resource()
                        .at("/occurrencePeriod/start")
                        .asText())
                .isEqualTo("2026-03-01");
    }

    @Test
    @DisplayName("Should refuse a finding whose rules leave out its own rule")
    void refusesRulesWithoutTheCardsOwnRule() {
        // given: an RPL-01 card that names only RPL-02
        List<String> rules = List.of("RPL-02");

        // when / then
        assertThatThrownBy(() -> finding("RPL-01", Indicator.INFO, rules))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("leave out RPL-01");
    }
}
