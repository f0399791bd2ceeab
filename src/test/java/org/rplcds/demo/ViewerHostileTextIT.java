package org.rplcds.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.rplcds.support.CdsServiceTest;
import org.rplcds.support.Chromium;
import org.rplcds.support.HookRequests;
import org.rplcds.support.Http;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Hostile words from a record, shown by the card viewer in a real headless Chromium. Every example
 * request of {@code hooks/examples/} is made hostile: each free-text field of each resource (code
 * and coding words, notes, dosage text, result words, report conclusions, the patient's name) opens
 * with a payload (a tag, a script, a markdown link or image, line breaks, an escape of the
 * service's escaping), the words of the code of each draft order and of the first record of each
 * kind end with 100 kB of text, and each record's id carries a tag. Pasted into the viewer as a whole hook request, as a clinician pastes her own
 * patient, each chart must show every card, its record words as text and plain fields within their
 * limits, and nothing of the record may become an element, an attribute, a link, a request or a
 * script. The sweep runs with the page's Content-Security-Policy bypassed, so that the viewer's own
 * escaping is what is tested; one test keeps the policy as served and expects it never to refuse
 * anything. {@code .ci/run} installs Debian's chromium and chromium-driver; under CI the test runs
 * whether or not they are found, so a missing browser fails.
 */
@CdsServiceTest
@EnabledIf(
        value = "browserAvailable",
        disabledReason = "/usr/bin/chromedriver not found: install Debian's chromium and chromium-driver")
@DisplayName("Hostile record text in the card viewer")
class ViewerHostileTextIT {

    static final Path EXAMPLES = Path.of("hooks/examples");

    /** Words that would become markup, a script, a link, an image or a second line if shown unescaped. */
    static final List<String> PAYLOADS = List.of(
            "<img src=x onerror=\"window.__pwned=1\">",
            "<script>window.__pwned=1</script>",
            "[x](javascript:window.__pwned=1)",
            "\"><svg onload=window.__pwned=1>",
            "![x](http://evil.example/x.png)",
            "<a href=\"javascript:window.__pwned=1\">pwned link</a>",
            "<iframe src=\"http://evil.example/\"></iframe>",
            "**pwned bold** _pwned_ `pwned` | pwned |",
            "\\<img src=x onerror=window.__pwned=1\\>",
            "&lt;img src=x onerror=window.__pwned=1&gt;",
            "<style>*{background:url(http://evil.example/x.png)}</style>",
            "# pwned heading",
            "pwned\r\n- line\n\nbreak\u2028separator\u2029paragraph\u0007bell");

    /** The payloads a viewer shows as they are, when they are shown: one line, no control characters. */
    static final List<String> VERBATIM = PAYLOADS.stream()
            .filter(p -> p.chars().noneMatch(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029'))
            .toList();

    /** What a record id carries: no slash, so that references still resolve. */
    static final String ID_PAYLOAD = "<img src=x onerror=window.__pwned=1>";

    /**
     * What the id of a selected draft carries: neither slash nor space, since the service refuses a
     * selection that is not a reference such as {@code MedicationRequest/123}.
     */
    static final String SELECTED_ID_PAYLOAD = "\"><b>pwned<i>";

    /** 100 kB of words, closing the words of a record's code. */
    static final String LONG = " " + "long-text ".repeat(10_000);

    /** Fields of free text, by their JSON name. */
    static final Set<String> TEXT_FIELDS =
            Set.of("text", "display", "family", "given", "conclusion", "valueString", "comment", "patientInstruction");

    static final int SUMMARY = 140;
    static final int LABEL = 120;
    static final int DESCRIPTION = 240;

    static ChromeDriver browser;

    static boolean browserAvailable() {
        return Chromium.available("ViewerHostileTextIT");
    }

    @BeforeAll
    static void start() throws Exception {
        browser = Chromium.start("viewer-hostile-chromium");
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Nested
    @DisplayName("Under the site's guideline profile (ESHRE 2022), one evaluation card")
    class UnderTheSiteProfile {

        @LocalServerPort
        int port;

        @TestFactory
        @DisplayName("Should show every example's cards with hostile words as text, and nothing as markup")
        Stream<DynamicNode> showsHostileWordsAsText() throws IOException {
            return sweep(port, examples(profile -> !profile.equals("SOURCE") && !separateWorkUp(profile)));
        }

        @Test
        @DisplayName("Should keep the Content-Security-Policy as served, which refuses nothing the viewer does")
        void refusesNothingUnderThePolicy() throws IOException {
            // given the page as served, and a listener for what its policy refuses
            Viewer viewer = new Viewer(port, false);
            assertThat(new Http(port).get("/").header("Content-Security-Policy"))
                    .contains("script-src 'self'");
            // the listener hears a refusal: an inline handler, as an injected tag would carry, is refused
            assertThat(viewer.canaryRuns()).isFalse();
            assertThat(viewer.refusals()).isNotEmpty();
            viewer.clearRefusals();

            // when: charts whose cards carry record words in every field, in both hooks
            for (String example : List.of(
                    "rpl-25-in-eshre-karyotype-46-xx-t-11-22",
                    "order-sign-rpl-27-in-therapeutic-lmwh-draft-on-warfarin",
                    "order-select-rpl-23-in-eshre-nk-cell-assay-selected")) {
                Shown shown = viewer.show(example, hostile(example, request(example)));

                // then
                assertThat(shown.problems()).as(example).isEmpty();
                assertThat(viewer.refusals()).as(example).isEmpty();
            }
        }

        @Test
        @DisplayName("Should show as text a pasted document it cannot read, whose words are hostile")
        @SuppressWarnings("unchecked")
        void showsWhatItCannotReadAsText() {
            // given
            Viewer viewer = new Viewer(port, true);
            for (String pasted : List.of(PAYLOADS.get(0), "{\"resourceType\":\"" + ID_PAYLOAD + "\"}")) {
                // when
                String status = viewer.paste(pasted);

                // then: the browser's words about it, or the viewer's, hold the record's as text
                assertThat(status).startsWith("Cannot read this JSON").contains("<img src=x");
                assertThat((List<String>) viewer.inspect().get("problems")).isEmpty();
            }
        }
    }

    @Nested
    @TestPropertySource(properties = {"cds.profile=SOURCE", "cds.ui.aggregate-workup=false"})
    @DisplayName("Under the SOURCE profile, a card for each part of the work-up")
    class UnderTheSourceProfile {

        @LocalServerPort
        int port;

        @TestFactory
        @DisplayName("Should show every example's cards with hostile words as text, and nothing as markup")
        Stream<DynamicNode> showsHostileWordsAsText() throws IOException {
            return sweep(port, examples(profile -> profile.equals("SOURCE") || separateWorkUp(profile)));
        }
    }

    static boolean separateWorkUp(String profileAndUi) {
        return profileAndUi.contains("\"aggregate-workup\":false");
    }

    /**
     * The examples whose expected cards name a profile (and ui settings) the predicate takes, by
     * name: "ESHRE2022 {}", "SOURCE {}", "ESHRE2022 {\"aggregate-workup\":false}".
     */
    static List<String> examples(Predicate<String> profile) throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".request.json"))
                    .map(n -> n.substring(0, n.length() - ".request.json".length()))
                    .sorted()
                    .toList();
            List<String> chosen = new ArrayList<>();
            for (String name : names) {
                JsonNode expected = HookRequests.JSON.readTree(
                        EXAMPLES.resolve(name + ".cards.json").toFile());
                String key = expected.path("profile").asText()
                        + (expected.has("ui")
                                ? " " + expected.get("ui").toString().replace(" ", "")
                                : "");
                if (profile.test(key)) {
                    chosen.add(name);
                }
            }
            return chosen;
        }
    }

    /** The rules whose cards the examples expect. */
    static Set<String> expectedRules(List<String> examples) throws IOException {
        Set<String> rules = new TreeSet<>();
        for (String example : examples) {
            HookRequests.JSON
                    .readTree(EXAMPLES.resolve(example + ".cards.json").toFile())
                    .path("cards")
                    .forEach(card -> rules.add(card.get("rule").asText()));
        }
        return rules;
    }

    /**
     * One test per example, then one that every kind of card the examples expect was shown, and
     * every payload shown as text in a summary and in a detail.
     */
    static Stream<DynamicNode> sweep(int port, List<String> examples) throws IOException {
        Set<String> expectedRules = expectedRules(examples);
        Set<String> shownRules = new TreeSet<>();
        Set<String> inPlainFields = new LinkedHashSet<>();
        Set<String> inDetails = new LinkedHashSet<>();
        Viewer[] viewer = new Viewer[1];
        Stream<DynamicNode> charts = examples.stream()
                .map(example -> DynamicTest.dynamicTest(example, () -> {
                    if (viewer[0] == null) {
                        viewer[0] = new Viewer(port, true);
                        // the canary: with the policy bypassed, an injected handler runs and is seen
                        assertThat(viewer[0].canaryRuns()).isTrue();
                    }
                    // given
                    ObjectNode request = hostile(example, request(example));

                    // when
                    Shown shown = viewer[0].show(example, request);

                    // then
                    assertThat(shown.problems()).isEmpty();
                    shownRules.addAll(shown.rules());
                    inPlainFields.addAll(shown.inPlainFields());
                    inDetails.addAll(shown.inDetails());
                }));
        DynamicTest coverage = DynamicTest.dynamicTest("every kind of card, every payload", () -> {
            assertThat(shownRules).as("rules whose cards were shown").containsAll(expectedRules);
            assertThat(inPlainFields)
                    .as("record markup shown as text in a summary or a label")
                    .anyMatch(opening -> opening.contains("<"));
            assertThat(inDetails).as("payloads shown whole as text in a detail").containsAll(VERBATIM);
        });
        return Stream.concat(charts, Stream.of(coverage));
    }

    static ObjectNode request(String example) throws IOException {
        return (ObjectNode) HookRequests.JSON.readTree(
                EXAMPLES.resolve(example + ".request.json").toFile());
    }

    // ------------------------------------------------------------------------------------------
    // Making a request hostile

    /**
     * The request with a payload opening each free-text field of each resource (the payloads in
     * turn, from a place the example's name sets, so that each payload reaches every kind of field
     * in some example), 100 kB of words closing the words of the code of each draft order and of
     * the first record of each kind, and a tag in each record's id (the references to it
     * following). The patient keeps her id: the hook's context names it.
     */
    static ObjectNode hostile(String example, ObjectNode request) {
        ObjectNode copy = request.deepCopy();
        List<ObjectNode> resources = resources(copy);
        Map<String, String> renamed = new HashMap<>();
        Set<String> selected = new HashSet<>();
        copy.at("/context/selections").forEach(selection -> selected.add(selection.asText()));
        for (ObjectNode resource : resources) {
            String type = resource.path("resourceType").asText();
            if (!type.equals("Patient") && resource.hasNonNull("id")) {
                String id = resource.get("id").asText();
                String hostileId = id + (selected.contains(type + "/" + id) ? SELECTED_ID_PAYLOAD : ID_PAYLOAD);
                resource.put("id", hostileId);
                renamed.put(type + "/" + id, type + "/" + hostileId);
            }
        }
        replaceReferences(copy, renamed);
        int[] turn = {Math.floorMod(example.hashCode(), PAYLOADS.size())};
        List<ObjectNode> drafts = new ArrayList<>();
        collect(copy.at("/context/draftOrders"), drafts);
        Set<String> lengthened = new HashSet<>();
        for (ObjectNode resource : resources) {
            words(resource, turn);
            boolean draft = drafts.stream().anyMatch(d -> d == resource);
            for (String concept : List.of("code", "medicationCodeableConcept")) {
                if (resource.path(concept).path("text").isTextual()
                        && (draft || lengthened.add(resource.get("resourceType").asText()))) {
                    ObjectNode code = (ObjectNode) resource.get(concept);
                    code.put("text", code.get("text").asText() + LONG);
                }
            }
        }
        return copy;
    }

    /** The resources of the prefetch and of the draft orders, outside the Bundles that hold them. */
    static List<ObjectNode> resources(ObjectNode request) {
        List<ObjectNode> resources = new ArrayList<>();
        request.path("prefetch").forEach(value -> collect(value, resources));
        collect(request.path("context").path("draftOrders"), resources);
        return resources;
    }

    private static void collect(JsonNode value, List<ObjectNode> resources) {
        if (!value.isObject()) {
            return;
        }
        if ("Bundle".equals(value.path("resourceType").asText())) {
            value.path("entry").forEach(entry -> collect(entry.path("resource"), resources));
        } else if (value.has("resourceType")) {
            resources.add((ObjectNode) value);
        }
    }

    private static void replaceReferences(JsonNode node, Map<String, String> renamed) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            List<String> keys = new ArrayList<>();
            object.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                JsonNode value = object.get(key);
                if (value.isTextual() && renamed.containsKey(value.asText())) {
                    object.put(key, renamed.get(value.asText()));
                } else {
                    replaceReferences(value, renamed);
                }
            }
        } else if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                JsonNode value = array.get(i);
                if (value.isTextual() && renamed.containsKey(value.asText())) {
                    array.set(i, new TextNode(renamed.get(value.asText())));
                } else {
                    replaceReferences(value, renamed);
                }
            }
        }
    }

    /** Each free-text field opens with the next payload. */
    private static void words(JsonNode node, int[] turn) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            List<String> keys = new ArrayList<>();
            object.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                JsonNode value = object.get(key);
                if (TEXT_FIELDS.contains(key) && value.isTextual()) {
                    object.put(key, next(turn) + " " + value.asText());
                } else if (TEXT_FIELDS.contains(key) && value.isArray()) {
                    ArrayNode array = (ArrayNode) value;
                    for (int i = 0; i < array.size(); i++) {
                        if (array.get(i).isTextual()) {
                            array.set(
                                    i,
                                    new TextNode(next(turn) + " " + array.get(i).asText()));
                        }
                    }
                } else {
                    words(value, turn);
                }
            }
        } else if (node.isArray()) {
            node.forEach(value -> words(value, turn));
        }
    }

    private static String next(int[] turn) {
        return PAYLOADS.get(turn[0]++ % PAYLOADS.size());
    }

    // ------------------------------------------------------------------------------------------
    // The viewer

    /**
     * What one chart showed.
     *
     * @param problems what is wrong with the answer or the page
     * @param rules the rules of the cards shown
     * @param inPlainFields the openings of the payloads a summary or a label showed as text
     * @param inDetails the payloads a detail showed whole as text
     */
    record Shown(List<String> problems, List<String> rules, Set<String> inPlainFields, Set<String> inDetails) {}

    /** The viewer's page, opened once, showing one pasted request after another. */
    static final class Viewer {

        final Http http;

        Viewer(int port, boolean bypassPolicy) {
            this.http = new Http(port);
            // Chrome DevTools Protocol, Page.setBypassCSP: the policy is not applied to the page.
            browser.executeCdpCommand("Page.setBypassCSP", Map.<String, Object>of("enabled", bypassPolicy));
            browser.get("http://localhost:" + port + "/");
            waiting().until(d -> browser.executeScript("return document.querySelectorAll('#patients button').length"
                            + " > 0 || document.getElementById('status').textContent.length > 0")
                    .equals(Boolean.TRUE));
            browser.executeScript(LISTEN);
        }

        static WebDriverWait waiting() {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            wait.pollingEvery(Duration.ofMillis(20));
            return wait;
        }

        /** Whether an inline handler of an injected tag runs on this page (it is then taken away). */
        boolean canaryRuns() {
            browser.executeScript("const probe = document.createElement('div'); probe.id = 'canary';"
                    + " probe.innerHTML = '<img src=\"data:,\" onerror=\"window.__canary=1\">';"
                    + " document.body.appendChild(probe);");
            try {
                waiting().withTimeout(Duration.ofSeconds(2)).until(d -> browser.executeScript(
                                "return window.__canary === 1")
                        .equals(Boolean.TRUE));
            } catch (TimeoutException refused) {
                // the handler did not run: the page's policy refused it
            }
            Object ran = browser.executeScript("const ran = window.__canary === 1; delete window.__canary;"
                    + " document.getElementById('canary').remove(); return ran;");
            return Boolean.TRUE.equals(ran);
        }

        @SuppressWarnings("unchecked")
        List<String> refusals() {
            return (List<String>) browser.executeScript("return window.__refusals.slice();");
        }

        void clearRefusals() {
            browser.executeScript("window.__refusals.length = 0;");
        }

        /** Pastes the request as a clinician pastes her own patient, and checks what is shown. */
        Shown show(String example, ObjectNode request) {
            String service =
                    switch (request.get("hook").asText()) {
                        case "order-sign" -> "recurrent-miscarriage-order-sign";
                        case "order-select" -> "recurrent-miscarriage-order-select";
                        default -> "recurrent-miscarriage";
                    };
            // what the service answers, as the viewer's call gets it
            Http.Answer answer = http.post("/cds-services/" + service + "/chart", request.toString());
            assertThat(answer.status()).as(example + ": " + answer.body()).isEqualTo(200);
            JsonNode chart = answer.json();
            List<String> problems = new ArrayList<>(answerProblems(chart));
            assertThat(paste(request.toString())).as(example).matches("\\d+ cards?");
            Set<String> inPlainFields = new LinkedHashSet<>();
            Set<String> inDetails = new LinkedHashSet<>();
            problems.addAll(pageProblems(request, chart, inPlainFields, inDetails));
            @SuppressWarnings("unchecked")
            List<String> rules = (List<String>) browser.executeScript(
                    "return Array.from(document.querySelectorAll('#cards .card')).map(card => card.dataset.rule);");

            // in ordering mode, accepting each suggestion marks the order being signed
            if (request.get("hook").asText().startsWith("order-")) {
                for (WebElement button : browser.findElements(By.cssSelector("#cards button.suggestion"))) {
                    WebElement card = button.findElement(By.xpath("ancestor::article"));
                    button.click();
                    waiting()
                            .until(ExpectedConditions.textToBePresentInElement(
                                    card.findElement(By.cssSelector(".feedback")), "Feedback stored."));
                }
                problems.addAll(pageProblems(request, chart, new LinkedHashSet<>(), new LinkedHashSet<>()));
            }
            return new Shown(problems, rules, inPlainFields, inDetails);
        }

        /** Pastes the text into "Your own patient" and shows it: the status line then. */
        String paste(String text) {
            browser.executeScript(
                    "performance.clearResourceTimings(); document.getElementById('status').textContent = '';"
                            + " document.getElementById('own-json').value = arguments[0];",
                    text);
            browser.findElement(By.id("own-show")).click();
            waiting()
                    .until(ExpectedConditions.textMatches(
                            By.id("status"), Pattern.compile("^\\d+ cards?$|HTTP|Cannot read")));
            return browser.findElement(By.id("status")).getText();
        }

        /** The page as {@link ViewerHostileTextIT#INSPECT} finds it. */
        @SuppressWarnings("unchecked")
        Map<String, Object> inspect() {
            return (Map<String, Object>) browser.executeScript(INSPECT);
        }

        /** What is wrong with the service's answer itself: plain fields too long or on two lines, markup in a detail. */
        static List<String> answerProblems(JsonNode chart) {
            List<String> problems = new ArrayList<>();
            for (JsonNode card : chart.path("cards")) {
                plain(problems, "summary", card.path("summary").asText(), SUMMARY);
                String detail = card.path("detail").asText();
                unescaped(detail).ifPresent(at -> problems.add("detail: unescaped markup at " + at + ": " + detail));
                for (JsonNode suggestion : card.path("suggestions")) {
                    plain(problems, "label", suggestion.path("label").asText(), LABEL);
                    for (JsonNode action : suggestion.path("actions")) {
                        plain(
                                problems,
                                "description",
                                action.path("description").asText(),
                                DESCRIPTION);
                    }
                }
            }
            return problems;
        }

        static void plain(List<String> problems, String field, String text, int max) {
            if (text.length() > max) {
                problems.add(field + " longer than " + max + ": " + text.length() + " characters");
            }
            if (text.chars().anyMatch(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029')) {
                problems.add(field + " holds a control or line-separator character: " + text);
            }
        }

        /**
         * Where a markdown detail holds a {@code <}, {@code >}, {@code [} or {@code ]} that no
         * backslash escapes: the service's own words hold none.
         */
        static Optional<Integer> unescaped(String markdown) {
            for (int i = 0; i < markdown.length(); i++) {
                char c = markdown.charAt(i);
                if (c == '\\') {
                    i++;
                } else if ("<>[]".indexOf(c) >= 0) {
                    return Optional.of(i);
                }
            }
            return Optional.empty();
        }

        /** What is wrong with the page as it shows the chart. */
        @SuppressWarnings("unchecked")
        List<String> pageProblems(
                ObjectNode request, JsonNode chart, Set<String> inPlainFields, Set<String> inDetails) {
            Map<String, Object> page = inspect();
            List<String> problems = new ArrayList<>((List<String>) page.get("problems"));
            List<Map<String, Object>> cards = (List<Map<String, Object>>) page.get("cards");
            JsonNode json = chart.path("cards");
            List<String> uuids = new ArrayList<>();
            json.forEach(card -> uuids.add(card.get("uuid").asText()));
            List<String> shownUuids =
                    cards.stream().map(card -> (String) card.get("uuid")).toList();
            if (!shownUuids.equals(uuids)) {
                problems.add("cards shown " + shownUuids + ", answered " + uuids);
                return problems;
            }
            for (int i = 0; i < json.size(); i++) {
                JsonNode card = json.get(i);
                Map<String, Object> shown = cards.get(i);
                String rule = card.at("/source/topic/code").asText();
                String summary = (String) shown.get("summary");
                if (!summary.equals(card.get("summary").asText())) {
                    problems.add(rule + ": summary shown as \"" + summary + "\", answered \""
                            + card.get("summary").asText() + "\"");
                }
                if (summary.length() > SUMMARY) {
                    problems.add(rule + ": summary shown " + summary.length() + " characters long");
                }
                List<String> labels = new ArrayList<>();
                card.path("suggestions").forEach(s -> labels.add(s.get("label").asText()));
                List<String> shownLabels = (List<String>) shown.get("labels");
                if (!shownLabels.equals(labels)) {
                    problems.add(rule + ": labels shown " + shownLabels + ", answered " + labels);
                }
                shownLabels.stream()
                        .filter(label -> label.length() > LABEL)
                        .forEach(
                                label -> problems.add(rule + ": a label shown " + label.length() + " characters long"));
                String detail = (String) shown.get("detail");
                String markdown = card.path("detail").asText();
                for (String payload : VERBATIM) {
                    // a summary or a label holds a few words of a record: the payload's opening
                    String opening = payload.substring(0, 12);
                    if (summary.contains(opening) || shownLabels.stream().anyMatch(label -> label.contains(opening))) {
                        inPlainFields.add(opening);
                    }
                    if (markdown.contains(markdownEscaped(payload))) {
                        if (detail.contains(payload)) {
                            inDetails.add(payload);
                        } else {
                            problems.add(rule + ": the detail does not show \"" + payload + "\" as text: " + detail);
                        }
                    }
                }
            }
            // the record's words the viewer shows outside the cards, as text
            String title = (String) page.get("title");
            String name = patientName(request);
            // The title is a heading: a browser shows its line breaks and runs of spaces as one space.
            if (!name.isEmpty() && !oneLine(title).equals(oneLine(name + " (your data)"))) {
                problems.add("chart title shown as \"" + title + "\", her name is \"" + name + "\"");
            }
            String timeline = (String) page.get("timeline");
            for (JsonNode item : chart.at("/timeline/workUp")) {
                String label = oneLine(item.get("label").asText());
                if (label.contains("<") && !timeline.contains(label)) {
                    problems.add("timeline does not show \"" + label + "\" as text");
                }
            }
            String pad = (String) page.get("pad");
            for (JsonNode entry : request.at("/context/draftOrders/entry")) {
                JsonNode draft = entry.path("resource");
                JsonNode concept = draft.has("medicationCodeableConcept")
                        ? draft.get("medicationCodeableConcept")
                        : draft.path("code");
                String words = oneLine(
                        concept.hasNonNull("text")
                                ? concept.get("text").asText()
                                : concept.at("/coding/0/display").asText());
                if (!words.isEmpty() && !pad.contains(words)) {
                    problems.add("the order pad does not show \"" + words + "\" as text: " + pad);
                }
            }
            return problems;
        }

        /**
         * A record's words as the viewer shows them in a line of its own making: on one line, cut
         * past the length of a card's label.
         */
        static String oneLine(String text) {
            String line = text.replaceAll("(?U)[\\p{Cntrl}\\s]+", " ").strip();
            return line.length() <= LABEL ? line : line.substring(0, LABEL - 1).stripTrailing() + "\u2026";
        }

        /** Her name as a clinician reads it: the given names, then the family name. */
        static String patientName(ObjectNode request) {
            JsonNode name = request.at("/prefetch/patient/name/0");
            if (name.isMissingNode()) {
                return "";
            }
            if (name.hasNonNull("text")) {
                return name.get("text").asText();
            }
            List<String> parts = new ArrayList<>();
            name.path("given").forEach(given -> parts.add(given.asText()));
            if (name.hasNonNull("family")) {
                parts.add(name.get("family").asText());
            }
            return String.join(" ", parts);
        }

        /** Record words as the service writes them into a detail: what markdown would misread, escaped. */
        static String markdownEscaped(String text) {
            StringBuilder out = new StringBuilder();
            for (char c : text.toCharArray()) {
                if ("\\`*_[]<>|".indexOf(c) >= 0) {
                    out.append('\\');
                }
                out.append(c);
            }
            return out.toString();
        }
    }

    /** Collects what the page's policy refuses. */
    static final String LISTEN =
            """
            window.__refusals = [];
            document.addEventListener('securitypolicyviolation',
              e => window.__refusals.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));
            """;

    /**
     * The page, inspected: no payload ran; in each part of the chart only the elements the viewer
     * makes; no event-handler attribute, no javascript: or outside address anywhere; no request
     * but to the service; and the cards' fields as the page shows them.
     */
    static final String INSPECT =
            """
            const problems = [];
            if (window.__pwned !== undefined) {
              problems.push('a payload ran: window.__pwned = ' + String(window.__pwned));
            }
            const made = {
              'cards': ['ARTICLE', 'P', 'SPAN', 'DIV', 'STRONG', 'UL', 'LI', 'BR', 'A', 'BUTTON', 'SELECT', 'OPTION',
                'DETAILS', 'SUMMARY', 'PRE'],
              'timeline': ['FIGCAPTION', 'DIV', 'UL', 'LI', 'SPAN', 'DETAILS', 'SUMMARY', 'svg', 'text', 'line', 'rect', 'title',
                'g', 'circle', 'path'],
              'patient-header': ['STRONG', 'SPAN'],
              'order-pad': ['LI'],
              'chart-title': [],
              'status': [],
              'audit': ['SUMMARY', 'P', 'TABLE', 'THEAD', 'TBODY', 'TR', 'TH', 'TD']
            };
            Object.entries(made).forEach(([id, tags]) => {
              document.getElementById(id).querySelectorAll('*').forEach(element => {
                if (!tags.includes(element.tagName)) {
                  problems.push('#' + id + ' holds a <' + element.tagName + '>: ' + element.outerHTML.slice(0, 300));
                }
              });
            });
            document.querySelectorAll('#cards a').forEach(a => {
              if (!a.parentElement.classList.contains('source')) {
                problems.push('a link in a card outside its source line: ' + a.outerHTML.slice(0, 300));
              }
            });
            document.querySelectorAll('#cards .detail strong').forEach(strong => {
              if (strong.textContent.includes('pwned')) {
                problems.push('record words in bold: ' + strong.outerHTML.slice(0, 300));
              }
            });
            const foreign = document.querySelectorAll('script:not([src$="viewer.js"]), iframe, frame, object, embed, img,'
              + ' style, base, link:not([href$="viewer.css"]):not([rel="icon"][href$="favicon.svg"]), form, meta[http-equiv]');
            foreign.forEach(element => problems.push('the page holds a <' + element.tagName + '>: '
              + element.outerHTML.slice(0, 300)));
            const addresses = ['src', 'href', 'srcset', 'action', 'formaction', 'poster', 'data', 'xlink:href', 'style',
              'background'];
            document.querySelectorAll('*').forEach(element => {
              for (const attribute of element.attributes) {
                const name = attribute.name.toLowerCase();
                if (name.startsWith('on')) {
                  problems.push('an event-handler attribute ' + name + ' on <' + element.tagName + '>: '
                    + element.outerHTML.slice(0, 300));
                }
                if (addresses.includes(name) && /javascript:|evil\\.example/i.test(attribute.value)) {
                  problems.push('an address from the record in ' + name + ' of <' + element.tagName + '>: '
                    + attribute.value.slice(0, 300));
                }
              }
            });
            // nothing shows a record's 100 kB but the draft resource itself, as the EHR would receive it
            ['cards', 'timeline', 'patient-header', 'order-pad', 'chart-title'].forEach(id => {
              const walker = document.createTreeWalker(document.getElementById(id), NodeFilter.SHOW_TEXT);
              for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const parent = node.parentElement;
                if (node.textContent.length > 2000 && !parent.closest('pre') && !parent.closest('[hidden]')) {
                  problems.push('#' + id + ' shows ' + node.textContent.length + ' characters in <'
                    + node.parentElement.tagName + '>: ' + node.textContent.slice(0, 120) + '...');
                }
              }
            });
            performance.getEntriesByType('resource')
              .filter(entry => !entry.name.startsWith(location.origin + '/'))
              .forEach(entry => problems.push('a request outside the service: ' + entry.name));
            const cards = Array.from(document.querySelectorAll('#cards article.card')).map(card => {
              const summary = card.querySelector('.summary');
              const indicator = summary.querySelector('.indicator');
              return {
                uuid: card.dataset.uuid,
                summary: summary.textContent.slice(indicator.textContent.length),
                detail: card.querySelector('.detail').textContent,
                labels: Array.from(card.querySelectorAll('button.suggestion')).map(b => b.textContent)
              };
            });
            return {
              problems,
              cards,
              title: document.getElementById('chart-title').textContent,
              timeline: document.getElementById('timeline').textContent,
              pad: document.getElementById('order-pad').textContent
            };
            """;
}
