package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rplcds.cards.CardWriter;
import org.rplcds.cards.CardsResponseJson;
import org.rplcds.facts.FactsReader;
import org.rplcds.prefetch.PrefetchResolver;
import org.rplcds.rules.GuidelineProfile;
import org.rplcds.rules.Recommendations;
import org.rplcds.support.CdsServiceTest;
import org.rplcds.support.HookRequests;
import org.rplcds.system.EvaluationDate;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every request of {@code hooks/examples/} against its expected cards. A file name says the rule
 * and the verdict ({@code rpl-01-in-...}, {@code rpl-01-out-...}); a request without its
 * {@code .cards.json} twin fails.
 */
@CdsServiceTest
@DisplayName("Example pairs in hooks/examples")
class ExamplesTest {

    static final Path EXAMPLES = Path.of("hooks/examples");
    static final Pattern NAME = Pattern.compile("(rpl-\\d\\d)-(in|out)-.+");

    @Autowired
    ServiceCatalog catalog;

    @Autowired
    PrefetchResolver prefetch;

    @Autowired
    FactsReader facts;

    @Autowired
    CardWriter cards;

    @Autowired
    EvaluationDate evaluationDate;

    @Autowired
    LimitsProperties limits;

    static List<String> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".request.json"))
                    .map(n -> n.substring(0, n.length() - ".request.json".length()))
                    .sorted()
                    .toList();
        }
    }

    /** A card as the expected file gives it; a null summary is not compared. */
    record Card(String rule, String indicator, String summary) {

        Card withoutSummaryIf(boolean drop) {
            return drop ? new Card(rule, indicator, null) : this;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    @DisplayName("Should answer the expected cards")
    void answersTheExpectedCards(String example) throws IOException {
        // given
        Matcher name = NAME.matcher(example);
        assertThat(name.matches()).as("file name rpl-NN-in|out-...").isTrue();
        Path expectedFile = EXAMPLES.resolve(example + ".cards.json");
        assertThat(expectedFile).as("expected-cards twin").exists();
        JsonNode expected = HookRequests.JSON.readTree(expectedFile.toFile());
        JsonNode request = HookRequests.JSON.readTree(
                EXAMPLES.resolve(example + ".request.json").toFile());
        GuidelineProfile profile =
                GuidelineProfile.named(expected.get("profile").asText()).orElseThrow();
        HookInvocations hooks = new HookInvocations(
                catalog,
                prefetch,
                facts,
                Recommendations.all(),
                profile,
                cards,
                evaluationDate,
                limits,
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry());

        // when
        CardsResponseJson response = hooks.invoke("recurrent-miscarriage", request);

        // then
        List<Card> wanted = new ArrayList<>();
        expected.get("cards")
                .forEach(c -> wanted.add(new Card(
                        c.get("rule").asText(),
                        c.get("indicator").asText(),
                        c.hasNonNull("summary") ? c.get("summary").asText() : null)));
        List<Card> actual = response.cards().stream()
                .map(c -> new Card(c.source().topic().code(), c.indicator(), c.summary()))
                .map(c -> c.withoutSummaryIf(
                        wanted.stream().anyMatch(w -> w.rule().equals(c.rule()) && w.summary() == null)))
                .toList();
        assertThat(actual).containsExactlyInAnyOrderElementsOf(wanted);
        String rule = name.group(1).toUpperCase();
        if (name.group(2).equals("in")) {
            assertThat(actual).extracting(Card::rule).contains(rule);
        } else {
            assertThat(actual).extracting(Card::rule).doesNotContain(rule);
        }
    }
}
