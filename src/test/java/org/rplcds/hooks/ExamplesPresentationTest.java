package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rplcds.CdsSettings;
import org.rplcds.cards.CardJson;
import org.rplcds.cards.CardsResponseJson;
import org.rplcds.cards.LinkJson;
import org.rplcds.cards.SuggestionJson;
import org.rplcds.support.CdsServiceTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * How every card of {@code hooks/examples/} reads, whatever its rule: optional advice looks
 * optional and comes last, a card links each source once and three at most, its detail escapes
 * only what markdown would misread, and an evaluation card offers one uterine test.
 */
@CdsServiceTest
@DisplayName("Cards of the example pairs, as a clinician reads them")
class ExamplesPresentationTest {

    /** Escapes a markdown reader never needs inside a line: each shows as a stray backslash. */
    static final List<String> NEEDLESS_ESCAPES = List.of("\\-", "\\(", "\\)", "\\.", "\\!");

    /** The uterine cavity tests a card can offer, by code or by text. */
    static final List<String> UTERINE_TESTS =
            List.of("25022-5", "3D transvaginal ultrasound of the uterus", "Sonohysterography", "36542-9");

    @Autowired
    CdsServiceRegistry services;

    @Autowired
    Pipeline pipeline;

    @Autowired
    CdsSettings.Guidelines profiles;

    @Autowired
    HookBodyReader bodies;

    static List<String> examples() throws IOException {
        return ExamplesTest.examples();
    }

    CardsResponseJson answer(String example) throws IOException {
        return new ExamplesTest.Runner(services, pipeline, profiles, bodies).answer(example);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    @DisplayName("Should label every optional suggestion \"Optional: \" and list it after the recommended ones")
    void marksOptionalAdvice(String example) throws IOException {
        // when
        CardsResponseJson response = answer(example);

        // then
        assertThat(response.cards()).allSatisfy(card -> {
            List<SuggestionJson> suggestions = card.suggestions();
            int firstOptional = suggestions.size();
            for (int i = 0; i < suggestions.size(); i++) {
                SuggestionJson suggestion = suggestions.get(i);
                assertThat(suggestion.label().startsWith("Optional: "))
                        .as(card.summary() + ": " + suggestion.label())
                        .isEqualTo(!suggestion.isRecommended());
                if (!suggestion.isRecommended()) {
                    firstOptional = Math.min(firstOptional, i);
                } else {
                    assertThat(i)
                            .as(card.summary() + ": recommended after optional")
                            .isLessThan(firstOptional);
                }
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    @DisplayName("Should link three sources at most, none under a label or address given twice or combined")
    void linksEachSourceOnce(String example) throws IOException {
        // when
        CardsResponseJson response = answer(example);

        // then
        assertThat(response.cards()).allSatisfy(card -> {
            List<LinkJson> links = card.links();
            assertThat(links).as(card.summary()).hasSizeLessThanOrEqualTo(3);
            assertThat(links).extracting(LinkJson::label).doesNotHaveDuplicates();
            assertThat(links).extracting(LinkJson::url).doesNotHaveDuplicates();
            assertThat(links).extracting(LinkJson::label).allSatisfy(label -> assertThat(label)
                    .doesNotContain(";")
                    .doesNotContainIgnoringCase("source text"));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    @DisplayName("Should escape in a card only what markdown would misread: no \\- \\( \\) \\. or \\!")
    void escapesOnlyWhatMarkdownMisreads(String example) throws IOException {
        // when
        CardsResponseJson response = answer(example);

        // then
        assertThat(response.cards()).allSatisfy(card -> {
            for (String text : texts(card)) {
                for (String escape : NEEDLESS_ESCAPES) {
                    assertThat(text).as(card.summary()).doesNotContain(escape);
                }
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    @DisplayName("Should offer at most one uterine test on an evaluation card, and name items, never count them")
    void offersOneUterineTestOnTheEvaluationCard(String example) throws IOException {
        // when
        CardsResponseJson response = answer(example);

        // then
        assertThat(response.cards())
                .filteredOn(card -> card.extension().rules().size() > 1)
                .allSatisfy(card -> assertThat(card.suggestions())
                        .as(card.summary())
                        .filteredOn(suggestion -> UTERINE_TESTS.contains(
                                ExamplesTest.Suggestion.of(suggestion).code()))
                        .hasSizeLessThanOrEqualTo(1));
        assertThat(response.cards()).extracting(CardJson::summary).allSatisfy(summary -> assertThat(summary)
                .doesNotContain("items, see the checklist"));
    }

    /** Everything a card shows as text: summary, detail, source, suggestion and link labels. */
    static List<String> texts(CardJson card) {
        List<String> texts = new java.util.ArrayList<>();
        texts.add(card.summary());
        if (card.detail() != null) {
            texts.add(card.detail());
        }
        texts.add(card.source().label());
        card.suggestions().forEach(s -> texts.add(s.label()));
        card.links().forEach(l -> texts.add(l.label()));
        return texts;
    }
}
