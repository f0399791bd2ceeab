package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rplcds.CdsSettings;
import org.rplcds.cards.ActionJson;
import org.rplcds.cards.CardJson;
import org.rplcds.cards.CardsResponseJson;
import org.rplcds.cards.SuggestionJson;
import org.rplcds.rules.GuidelineProfile;
import org.rplcds.rules.Presentation;
import org.rplcds.support.CdsServiceTest;
import org.rplcds.support.HookRequests;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every request of {@code hooks/examples/} against its expected cards. A file name says the rule
 * and the verdict ({@code rpl-01-in-...}, {@code rpl-01-out-...}); a request without its
 * {@code .cards.json} twin fails. A name that starts with {@code order-sign-} or {@code
 * order-select-} runs through that hook's service ({@code order-sign-rpl-23-in-...}); without a
 * rule after the hook ({@code order-sign-spec-...}) the expected file alone says the verdict. An
 * expected card may name words its detail must hold ({@code detailContains}) or must not ({@code
 * detailLacks}).
 */
@CdsServiceTest
@DisplayName("Example pairs in hooks/examples")
class ExamplesTest {

    static final Path EXAMPLES = Path.of("hooks/examples");
    static final Pattern NAME = Pattern.compile("(?:(order-sign|order-select)-)?(?:(rpl-\\d\\d)-(in|out)-)?.+");

    @Autowired
    CdsServiceRegistry services;

    @Autowired
    Pipeline pipeline;

    @Autowired
    CdsSettings.Guidelines profiles;

    @Autowired
    HookBodyReader bodies;

    /** The service an example runs through: the hook its name starts with, else patient-view. */
    static String service(String example) {
        if (example.startsWith("order-sign-")) {
            return "recurrent-miscarriage-order-sign";
        }
        if (example.startsWith("order-select-")) {
            return "recurrent-miscarriage-order-select";
        }
        return "recurrent-miscarriage";
    }

    static List<String> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".request.json"))
                    .map(n -> n.substring(0, n.length() - ".request.json".length()))
                    .sorted()
                    .toList();
        }
    }

    /**
     * What a suggestion proposes: the code of the record it creates (its text when it has no
     * code), {@code delete} and the record it withdraws, or {@code update}, the record and the status
     * it is given; a suggestion of several actions joins them with {@code " + "}.
     */
    record Suggestion(String code, boolean isRecommended) {

        static Suggestion of(SuggestionJson suggestion) {
            List<String> codes = new ArrayList<>();
            for (ActionJson action : suggestion.actions()) {
                codes.add(code(action));
            }
            return new Suggestion(String.join(" + ", codes), suggestion.isRecommended());
        }

        private static String code(ActionJson action) {
            if (action.type().equals("delete")) {
                return "delete " + action.resourceId();
            }
            JsonNode resource = action.resource();
            if (action.type().equals("update")) {
                return "update " + resource.get("resourceType").asText() + "/"
                        + resource.get("id").asText() + " "
                        + resource.get("status").asText();
            }
            JsonNode concept = resource.has("medicationCodeableConcept")
                    ? resource.get("medicationCodeableConcept")
                    : resource.get("code");
            return concept.has("coding")
                    ? concept.at("/coding/0/code").asText()
                    : concept.get("text").asText();
        }
    }

    /**
     * A card as the expected file gives it; a null summary is not compared. Its rules are those of
     * the card's extension; an expected card that names none holds its own rule's advice alone.
     */
    record Card(String rule, String indicator, String summary, List<Suggestion> suggestions, List<String> rules) {

        Card withoutSummaryIf(boolean drop) {
            return drop ? new Card(rule, indicator, null, suggestions, rules) : this;
        }

        static Card of(CardJson card) {
            return new Card(
                    card.source().topic().code(),
                    card.indicator(),
                    card.summary(),
                    card.suggestions().stream().map(Suggestion::of).toList(),
                    card.extension().rules());
        }

        static Card expected(JsonNode card) {
            assertThat(card.has("suggestions"))
                    .as("expected suggestions of " + card.get("rule"))
                    .isTrue();
            List<Suggestion> suggestions = new ArrayList<>();
            card.get("suggestions")
                    .forEach(s -> suggestions.add(new Suggestion(
                            s.get("code").asText(), s.get("isRecommended").asBoolean())));
            List<String> rules = new ArrayList<>();
            card.path("rules").forEach(r -> rules.add(r.asText()));
            String rule = card.get("rule").asText();
            return new Card(
                    rule,
                    card.get("indicator").asText(),
                    card.hasNonNull("summary") ? card.get("summary").asText() : null,
                    suggestions,
                    rules.isEmpty() ? List.of(rule) : rules);
        }
    }

    /**
     * The example's service as it runs, under the profile the example names and its {@code ui}
     * settings (those of {@code cds.ui.*}; the defaults when it names none).
     */
    CardsResponseJson answer(String example, JsonNode request, JsonNode expected) {
        return runner().answer(example, request, expected);
    }

    /** The services these examples run through, for every test that reads them. */
    Runner runner() {
        return new Runner(services, pipeline, profiles, bodies);
    }

    /**
     * Runs an example as the service would: its request read as a body is read, under the profile
     * and presentation its expected cards name.
     */
    record Runner(
            CdsServiceRegistry services, Pipeline pipeline, CdsSettings.Guidelines profiles, HookBodyReader bodies) {

        CardsResponseJson answer(String example, JsonNode request, JsonNode expected) {
            JsonNode ui = expected.path("ui");
            Presentation presentation = Presentation.DEFAULT
                    .withAggregateWorkup(ui.path("aggregate-workup").asBoolean(true))
                    .withUnits(Presentation.UnitSystem.valueOf(
                            ui.path("units").asText("conventional").toUpperCase(Locale.ROOT)));
            GuidelineProfile profile =
                    profiles.named(expected.get("profile").asText()).orElseThrow();
            return services.with(pipeline.with(profile, presentation)).call(service(example), request);
        }

        /** The answer to the example's request, under the profile and presentation its expected cards name. */
        CardsResponseJson answer(String example) throws IOException {
            JsonNode expected = HookRequests.JSON.readTree(
                    EXAMPLES.resolve(example + ".cards.json").toFile());
            return answer(example, request(example), expected);
        }

        /** The example's request, read as the service reads a body: its prefetch selected as it streams in. */
        JsonNode request(String example) throws IOException {
            return bodies.read(Files.readAllBytes(EXAMPLES.resolve(example + ".request.json")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    @DisplayName("Should answer the expected cards in the expected order, with their suggestions and rule ids")
    void answersTheExpectedCards(String example) throws IOException {
        // given
        Matcher name = NAME.matcher(example);
        assertThat(name.matches() && (name.group(1) != null || name.group(2) != null))
                .as("file name rpl-NN-in|out-... or order-sign|order-select-...")
                .isTrue();
        Path expectedFile = EXAMPLES.resolve(example + ".cards.json");
        assertThat(expectedFile).as("expected-cards twin").exists();
        JsonNode expected = HookRequests.JSON.readTree(expectedFile.toFile());
        JsonNode request = request(example);

        // when
        CardsResponseJson response = answer(example, request, expected);

        // then
        List<Card> wanted = new ArrayList<>();
        expected.get("cards").forEach(c -> wanted.add(Card.expected(c)));
        List<Card> actual = response.cards().stream()
                .map(Card::of)
                .map(c -> c.withoutSummaryIf(
                        wanted.stream().anyMatch(w -> w.rule().equals(c.rule()) && w.summary() == null)))
                .toList();
        assertThat(actual).containsExactlyElementsOf(wanted);
        // A suggestion the expected file dates ("notBefore") creates an order not to be done before then.
        for (int c = 0; c < wanted.size(); c++) {
            JsonNode suggestions = expected.get("cards").get(c).get("suggestions");
            for (int i = 0; i < suggestions.size(); i++) {
                if (suggestions.get(i).has("notBefore")) {
                    JsonNode resource = response.cards()
                            .get(c)
                            .suggestions()
                            .get(i)
                            .actions()
                            .get(0)
                            .resource();
                    assertThat(resource.at("/occurrencePeriod/start").asText())
                            .as(wanted.get(c).rule() + " suggestion " + i)
                            .isEqualTo(suggestions.get(i).get("notBefore").asText());
                }
            }
        }
        // A card's detail holds the words the expected file names, and none it rules out.
        for (int c = 0; c < wanted.size(); c++) {
            JsonNode card = expected.get("cards").get(c);
            String detail = response.cards().get(c).detail();
            String rule = wanted.get(c).rule() + " detail";
            card.path("detailContains")
                    .forEach(words -> assertThat(detail).as(rule).contains(words.asText()));
            card.path("detailLacks")
                    .forEach(words -> assertThat(detail).as(rule).doesNotContain(words.asText()));
        }
        if (name.group(2) == null) {
            return;
        }
        // The verdict is on the rule's advice, on a card of its own or on the evaluation card.
        String rule = name.group(2).toUpperCase(Locale.ROOT);
        if (name.group(3).equals("in")) {
            assertThat(actual).flatExtracting(Card::rules).contains(rule);
        } else {
            assertThat(actual).flatExtracting(Card::rules).doesNotContain(rule);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    @DisplayName("Should close every card's detail with its citation, under the example's profile, as the Sources line")
    void closesEveryDetailWithItsCitation(String example) throws IOException {
        // given the example's request, under its profile and presentation
        // when
        CardsResponseJson response = answer(example);

        // then
        // The Sources line names the card's own source first, then every other it cites, linked or not.
        assertThat(response.cards()).allSatisfy(card -> {
            String sources = lastParagraph(card.detail());
            assertThat(sources)
                    .as(card.source().topic().code())
                    .startsWith("Sources: " + card.source().label())
                    .endsWith(".");
            card.links()
                    .forEach(link ->
                            assertThat(sources).as(card.source().topic().code()).contains(link.label()));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    @DisplayName("Should list the cards critical, then warning, then info, each indicator in rule order")
    void listsTheCardsByUrgencyThenRule(String example) throws IOException {
        // given the example's request, under its profile and presentation
        // when
        CardsResponseJson response = answer(example);

        // then
        List<String> urgency = List.of("critical", "warning", "info");
        assertThat(response.cards())
                .extracting(card -> urgency.indexOf(card.indicator()) + " "
                        + card.source().topic().code())
                .isSorted();
    }

    /** The answer to the example's request, under the profile and presentation its expected cards name. */
    CardsResponseJson answer(String example) throws IOException {
        return runner().answer(example);
    }

    JsonNode request(String example) throws IOException {
        return runner().request(example);
    }

    /** A markdown detail's closing paragraph. */
    static String lastParagraph(String markdown) {
        return markdown.substring(markdown.lastIndexOf("\n\n") + 1).strip();
    }
}
