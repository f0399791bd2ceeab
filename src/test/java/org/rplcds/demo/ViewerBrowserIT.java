package org.rplcds.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.rplcds.support.Chromium;
import org.rplcds.support.HookRequests;
import org.rplcds.support.Http;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The card viewer in a real headless Chromium: every demo patient's chart opens with the cards
 * its scenario calls for, dismissing and accepting send feedback the service stores, and a
 * screenshot shows the indicator colours. {@code .ci/run} installs Debian's chromium and
 * chromium-driver; under CI the test runs whether or not they are found, so a missing browser fails.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:cds-viewer;DB_CLOSE_DELAY=-1",
            // a test of the viewer, not of the deadline: the first reads of a cold service on a busy machine are slow
            "cds.fallback.total-timeout=10s"
        })
@ActiveProfiles("demo")
@EnabledIf(
        value = "browserAvailable",
        disabledReason = "/usr/bin/chromedriver not found: install Debian's chromium and chromium-driver")
@DisplayName("Card viewer in Chromium")
class ViewerBrowserIT {

    static WebDriver browser;

    static boolean browserAvailable() {
        return Chromium.available("ViewerBrowserIT");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry metrics;

    @BeforeAll
    static void start() throws Exception {
        browser = Chromium.start("viewer-chromium");
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    List<String> open(String patientId) {
        browser.findElement(By.cssSelector("button[data-patient='" + patientId + "']"))
                .click();
        return shownRules();
    }

    @Test
    @DisplayName("Should show every demo patient's cards, store feedback, and draw the indicator colours")
    void showsCardsAndStoresFeedback() throws Exception {
        // given
        browser.get("http://localhost:" + port + "/");
        waiting().until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#patients button"), 11));
        // In the order the service answers: warnings first, then info, each in rule order.
        Map<String, List<String>> expected = Map.ofEntries(
                Map.entry("demo-two-losses", List.of("RPL-01")),
                Map.entry("demo-sch", List.of("RPL-01", "RPL-04")),
                Map.entry("demo-aps-pregnant", List.of("RPL-07", "RPL-01")),
                Map.entry("demo-cerclage-window", List.of("RPL-12", "RPL-05")),
                Map.entry("demo-bleeding", List.of("RPL-10")),
                Map.entry("demo-unexplained", List.of("RPL-21")),
                Map.entry("demo-male", List.of()),
                Map.entry("demo-induced-only", List.of()),
                Map.entry("demo-apl-once", List.of("RPL-01", "RPL-06")),
                Map.entry("demo-diabetes", List.of("RPL-14", "RPL-01")),
                Map.entry("demo-anaemia", List.of("RPL-18")),
                Map.entry("demo-fever", List.of("RPL-17")),
                Map.entry("demo-cerclage-removal", List.of("RPL-24")),
                Map.entry("demo-low-value", List.of("RPL-21", "RPL-23")),
                Map.entry("demo-lifestyle", List.of("RPL-01", "RPL-16")),
                Map.entry("demo-septum", List.of("RPL-05", "RPL-09")));

        // when / then: every chart, with one card at most about the work-up
        for (var patient : expected.entrySet()) {
            List<String> rules = open(patient.getKey());
            assertThat(rules).as(patient.getKey()).containsExactlyElementsOf(patient.getValue());
            assertThat(rules)
                    .as(patient.getKey() + ": work-up cards")
                    .filteredOn(List.of("RPL-01", "RPL-02", "RPL-03", "RPL-05", "RPL-08")::contains)
                    .hasSizeLessThanOrEqualTo(1);
        }

        // when: a clinician dismisses one card and accepts a suggestion on another
        open("demo-sch");
        int before = jdbc.queryForObject("select count(*) from feedback", Integer.class);
        // The evaluation card is dismissed; RPL-04's (a raised TSH on one test: repeat it) is accepted.
        WebElement dismissed = browser.findElement(By.cssSelector("#cards .card[data-rule='RPL-01']"));
        dismissed.findElement(By.cssSelector("button.dismiss")).click();
        waiting()
                .until(ExpectedConditions.textToBePresentInElement(
                        dismissed.findElement(By.cssSelector(".feedback")), "Feedback stored."));
        WebElement thyroid = browser.findElement(By.cssSelector("#cards .card[data-rule='RPL-04']"));
        thyroid.findElement(By.cssSelector("button.suggestion")).click();
        waiting()
                .until(ExpectedConditions.textToBePresentInElement(
                        thyroid.findElement(By.cssSelector(".feedback")), "Feedback stored."));

        // then
        assertThat(jdbc.queryForObject("select count(*) from feedback", Integer.class))
                .isEqualTo(before + 2);
        assertThat(jdbc.queryForObject("select count(*) from feedback where outcome = 'accepted'", Integer.class))
                .isPositive();
        assertThat(thyroid.findElement(By.cssSelector(".detail")).getText()).contains("TSH 6.2 mIU/L");
        assertThat(browser.findElement(By.cssSelector("#cards")).getAttribute("innerHTML"))
                .doesNotContain("**");

        byte[] png = ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES);
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target/viewer-demo-sch.png"), png);
        BufferedImage screenshot = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(countPixels(screenshot, 0x1f6feb)).as("info blue").isGreaterThan(500);
        // A warning is drawn amber: APS in pregnancy.
        open("demo-aps-pregnant");
        BufferedImage aps =
                ImageIO.read(new ByteArrayInputStream(((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES)));
        assertThat(countPixels(aps, 0xd29922)).as("warning amber").isGreaterThan(500);
    }

    void go(String address) {
        browser.get("http://localhost:" + port + address);
    }

    List<String> shownRules() {
        waiting()
                .until(ExpectedConditions.textMatches(By.id("status"), java.util.regex.Pattern.compile("\\d+ cards?")));
        return browser.findElements(By.cssSelector("#cards .card")).stream()
                .map(card -> card.getAttribute("data-rule"))
                .toList();
    }

    @Test
    @DisplayName("Should show the evaluation card's checklist with a status badge on every line")
    void showsTheChecklist() {
        // given
        browser.get("http://localhost:" + port + "/");
        waiting().until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#patients button"), 11));

        // when
        List<String> rules = open("demo-sch");

        // then
        assertThat(rules).containsExactly("RPL-01", "RPL-04");
        WebElement evaluation = browser.findElement(By.cssSelector("#cards .card[data-rule='RPL-01']"));
        List<WebElement> lines = evaluation.findElements(By.cssSelector(".detail ul.checklist li.check"));
        assertThat(lines).hasSize(4);
        assertThat(lines)
                .extracting(line -> line.findElement(By.cssSelector("strong")).getText())
                .allMatch(status -> List.of("Done", "Ordered", "To do", "Later", "Not needed")
                        .contains(status));
        WebElement toDo = evaluation.findElement(By.cssSelector("li.check.to-do strong"));
        assertThat(toDo.getCssValue("background-color")).isEqualTo("rgba(255, 241, 229, 1)");
        assertThat(evaluation.findElement(By.cssSelector(".detail")).getText())
                .contains("Support:")
                .doesNotContain("**");
    }

    @Test
    @DisplayName("Should open a chart, its cards, header and timeline, with one run of the pipeline")
    void opensAChartWithOneRun() {
        // given
        long before = pipelineRuns();

        // when
        go("/?patient=demo-sch&hook=patient-view");

        // then
        assertThat(shownRules()).containsExactly("RPL-01", "RPL-04");
        assertThat(browser.findElement(By.id("patient-header")).isDisplayed()).isTrue();
        assertThat(browser.findElements(By.cssSelector("#timeline svg g.event")))
                .isNotEmpty();
        assertThat(pipelineRuns() - before).isEqualTo(1);
    }

    /** Runs of the pipeline so far: each is observed once, and timed under its outcome. */
    long pipelineRuns() {
        return metrics.find("cds.hook.latency").timers().stream()
                .mapToLong(io.micrometer.core.instrument.Timer::count)
                .sum();
    }

    @Test
    @DisplayName("Should open a patient from her address with her header and timeline drawn from the facts")
    void opensAPatientFromHerAddress() throws Exception {
        // when
        go("/?patient=demo-aps-pregnant&hook=patient-view");

        // then
        assertThat(shownRules()).containsExactly("RPL-07", "RPL-01");
        WebElement header = browser.findElement(By.id("patient-header"));
        assertThat(header.getText())
                .contains("Lena Fischer", "34 years", "pregnant at 9+1 weeks", "2 losses (2 consecutive)");
        assertThat(browser.findElements(By.cssSelector("#timeline svg g.event[data-loss='true']")))
                .hasSize(2);
        assertThat(browser.findElements(By.cssSelector("#timeline svg rect.pregnancy")))
                .hasSize(1);
        assertThat(browser.findElements(By.cssSelector("#timeline svg g.item")).stream()
                        .map(item -> item.getAttribute("data-category"))
                        .toList())
                .containsExactly("diagnosis", "prescription");
        assertThat(browser.findElement(By.cssSelector("#timeline .workup-list")).getText())
                .contains("antiphospholipid syndrome", "aspirin (active)");
        BufferedImage picture = timelinePicture("target/viewer-demo-aps-pregnant.png");
        assertThat(countPixels(picture, 0x54aeff)).as("current pregnancy bar").isGreaterThan(200);
        assertThat(countPixels(picture, 0xcf222e)).as("two losses in red").isGreaterThan(200);
        assertThat(countPixels(picture, 0x8250df)).as("a diagnosis in purple").isGreaterThan(50);

        // when: another patient is picked, the address follows
        open("demo-two-losses");

        // then
        assertThat(browser.getCurrentUrl()).endsWith("/?patient=demo-two-losses&hook=patient-view");
        assertThat(browser.findElement(By.id("patient-header")).getText()).contains("not pregnant", "2 losses");

        // when: the address names a hook no service answers
        go("/?patient=demo-sch&hook=encounter-start");

        // then
        waiting()
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.id("status"), "No service of this deployment answers the encounter-start hook"));
    }

    /** Picks the draft order of the ordering mode and signs it. */
    List<String> sign(String draft) {
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("draft-order"))).selectByValue(draft);
        waiting().until(ExpectedConditions.urlContains("draft=" + draft));
        return shownRules();
    }

    @Test
    @DisplayName(
            "Should show in ordering mode the cards order-sign returns on a draft, and what accepting a suggestion does")
    void showsTheCardsOfTheOrderBeingSigned() {
        // given
        go("/?patient=demo-low-value&hook=order-sign&draft=nk-cell");

        // when
        List<String> rules = shownRules();

        // then: the draft NK-cell assay gets RPL-23, whose suggestion withdraws that draft
        assertThat(rules).containsExactly("RPL-23");
        assertThat(browser.findElement(By.id("ordering")).isDisplayed()).isTrue();
        WebElement card = browser.findElement(By.cssSelector("#cards .card"));
        assertThat(card.findElement(By.cssSelector(".summary")).getText())
                .contains("Not recommended for recurrent pregnancy loss (ESHRE 2022): NK-cell assay");
        assertThat(card.findElement(By.cssSelector(".accepting")).getText())
                .contains("withdraws the draft ServiceRequest/draft-nk-cell from this order");
        assertThat(browser.findElement(By.cssSelector("#order-pad li")).getText())
                .contains("NK-cell assay");

        // when: the clinician accepts the suggestion
        int before = jdbc.queryForObject(
                "select count(*) from feedback where service_id = 'recurrent-miscarriage-order-sign'", Integer.class);
        card.findElement(By.cssSelector("button.suggestion")).click();
        waiting()
                .until(ExpectedConditions.textToBePresentInElement(
                        card.findElement(By.cssSelector(".feedback")), "Feedback stored."));

        // then: the draft is struck off the order, and the feedback stored under the order-sign service
        assertThat(browser.findElement(By.cssSelector("#order-pad li")).getAttribute("class"))
                .contains("withdrawn");
        assertThat(jdbc.queryForObject(
                        "select count(*) from feedback where service_id = 'recurrent-miscarriage-order-sign'",
                        Integer.class))
                .isEqualTo(before + 1);

        // when / then: a thrombophilia panel is withdrawn for the antiphospholipid tests only when they were not done
        assertThat(sign("thrombophilia")).containsExactly("RPL-23");
        assertThat(browser.findElement(By.cssSelector("#cards .accepting")).getText())
                .doesNotContain("adds a draft");

        // when / then: aspirin in her unexplained RPL; a TSH is no business of the order-time rules
        open("demo-unexplained");
        assertThat(sign("aspirin")).containsExactly("RPL-23");
        assertThat(browser.getCurrentUrl()).contains("patient=demo-unexplained", "hook=order-sign", "draft=aspirin");
        assertThat(sign("tsh")).isEmpty();
        assertThat(browser.findElement(By.cssSelector("#cards .empty")).getText())
                .contains("nothing to add before it is signed");

        // when / then: progesterone after a mid-trimester loss with cervical insufficiency has that indication;
        // in recurrent pregnancy loss at 9 weeks without bleeding it is asked about; heparin for APS in pregnancy
        // is indicated
        open("demo-cerclage-window");
        assertThat(sign("progesterone")).isEmpty();
        open("demo-aps-pregnant");
        assertThat(sign("progesterone")).containsExactly("RPL-11");
        assertThat(sign("enoxaparin")).isEmpty();

        // when: back to chart review, the same patient's patient-view cards
        browser.findElement(By.cssSelector("input[name='mode'][value='patient-view']"))
                .click();

        // then
        waiting().until(ExpectedConditions.urlContains("hook=patient-view"));
        assertThat(shownRules()).containsExactly("RPL-07", "RPL-01");
        assertThat(browser.findElement(By.id("ordering")).isDisplayed()).isFalse();
    }

    @Test
    @DisplayName("Should show the cards and timeline of a Bundle pasted in, and of a prefetch uploaded as a file")
    void showsYourOwnPatient() throws Exception {
        // given: three miscarriages and a TSH result, none of it on the demo server
        String bundle = "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":["
                + "{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"own-1\",\"gender\":\"female\","
                + "\"birthDate\":\"1991-03-04\",\"name\":[{\"given\":[\"Ada\"],\"family\":\"Own\"}]}},"
                + miscarriage("own-1", "c1", "2021-02-01") + "," + miscarriage("own-1", "c2", "2022-05-01") + ","
                + miscarriage("own-1", "c3", "2023-09-01") + ","
                + "{\"resource\":{\"resourceType\":\"Observation\",\"id\":\"tsh\",\"status\":\"final\","
                + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"3016-3\"}]},"
                + "\"subject\":{\"reference\":\"Patient/own-1\"},\"effectiveDateTime\":\"2024-01-15\","
                + "\"valueQuantity\":{\"value\":2.1,\"unit\":\"mIU/L\",\"system\":\"http://unitsofmeasure.org\","
                + "\"code\":\"m[IU]/L\"}}}]}";
        go("/");
        waiting().until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#patients button"), 11));

        // when
        WebElement text = browser.findElement(By.id("own-json"));
        ((ChromeDriver) browser).executeScript("arguments[0].value = arguments[1];", text, bundle);
        browser.findElement(By.id("own-show")).click();

        // then
        assertThat(shownRules()).contains("RPL-01").doesNotContain("RPL-02", "RPL-05");
        assertThat(browser.findElement(By.id("chart-title")).getText()).isEqualTo("Ada Own (your data)");
        assertThat(browser.findElement(By.id("patient-header")).getText()).contains("3 losses (3 consecutive)");
        assertThat(browser.findElements(By.cssSelector("#timeline svg g.event[data-loss='true']")).stream()
                        .map(e -> e.getAttribute("data-date"))
                        .toList())
                .containsExactly("2021-02-01", "2022-05-01", "2023-09-01");
        assertThat(browser.findElements(By.cssSelector("#timeline svg g.item[data-category='result']")))
                .hasSize(1);

        // when: a prefetch object is uploaded as a file, the patient under "patient" and every other
        // key discovery names sent as null (CDS Hooks 2.0: known not to exist)
        ObjectNode prefetch = HookRequests.JSON.createObjectNode();
        new Http(port)
                .get("/cds-services")
                .json()
                .at("/services/0/prefetch")
                .fieldNames()
                .forEachRemaining(prefetch::putNull);
        prefetch.set(
                "patient",
                HookRequests.JSON.readTree("{\"resourceType\":\"Patient\",\"id\":\"own-2\",\"gender\":\"male\"}"));
        Path file = Files.createTempFile("prefetch", ".json");
        Files.writeString(file, prefetch.toString());
        browser.findElement(By.id("own-file")).sendKeys(file.toString());

        // then
        waiting()
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.id("chart-title"), "Patient own-2 (your data)"));
        assertThat(shownRules()).isEmpty();
        assertThat(browser.findElement(By.id("patient-header")).getText()).contains("male", "0 losses");

        // when: the JSON is not a chart
        ((ChromeDriver) browser)
                .executeScript("arguments[0].value = arguments[1];", text, "{\"resourceType\":\"Patient\"}");
        browser.findElement(By.id("own-show")).click();

        // then
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Cannot read this JSON"));
    }

    /** Three miscarriages of a patient the demo server does not hold. */
    static final String OWN_BUNDLE = "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":["
            + "{\"resource\":{\"resourceType\":\"Patient\",\"id\":\"own-1\",\"gender\":\"female\","
            + "\"birthDate\":\"1991-03-04\",\"name\":[{\"given\":[\"Ada\"],\"family\":\"Own\"}]}},"
            + miscarriage("own-1", "c1", "2021-02-01") + "," + miscarriage("own-1", "c2", "2022-05-01") + ","
            + miscarriage("own-1", "c3", "2023-09-01") + "]}";

    void waitForTheList() {
        waiting().until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#patients button"), 11));
    }

    /** Pastes the JSON into "Your own patient" and shows her cards. */
    void pasteAndShow(String json) {
        ((ChromeDriver) browser)
                .executeScript(
                        "document.getElementById('status').textContent = '';"
                                + " document.getElementById('own-json').value = arguments[0];",
                        json);
        browser.findElement(By.id("own-show")).click();
    }

    /** Waits for the chart to be opened again after an action, then gives its title and rules. */
    List<String> afterReopening(Runnable action) {
        ((ChromeDriver) browser).executeScript("document.getElementById('status').textContent = '';");
        action.run();
        return shownRules();
    }

    @Test
    @DisplayName("Should keep your own patient in ordering mode: switching to it, picking a draft and signing")
    void keepsYourOwnPatientInOrderingMode() {
        // given: a demo patient opened, then her own patient pasted
        go("/?patient=demo-sch&hook=patient-view");
        shownRules();
        pasteAndShow(OWN_BUNDLE);
        shownRules();
        assertThat(browser.findElement(By.id("chart-title")).getText()).isEqualTo("Ada Own (your data)");

        // when: ordering mode
        List<String> rules =
                afterReopening(() -> browser.findElement(By.cssSelector("input[name='mode'][value='order-sign']"))
                        .click());

        // then: her chart, with the draft of the list on the order pad
        assertThat(browser.findElement(By.id("chart-title")).getText()).isEqualTo("Ada Own (your data)");
        assertThat(browser.findElement(By.id("patient-header")).getText()).contains("Ada Own", "3 losses");
        assertThat(browser.findElement(By.id("ordering")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.cssSelector("#order-pad li")).getText())
                .contains("NK-cell assay");
        assertThat(rules).containsExactly("RPL-23");
        assertThat(browser.getCurrentUrl()).doesNotContain("patient=").contains("hook=order-sign");

        // when: another draft is picked, then signed
        afterReopening(() -> new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("draft-order")))
                .selectByValue("tsh"));

        // then
        assertThat(browser.findElement(By.id("chart-title")).getText()).isEqualTo("Ada Own (your data)");
        assertThat(browser.findElement(By.cssSelector("#order-pad li")).getText())
                .contains("TSH");
        afterReopening(() -> browser.findElement(By.id("sign")).click());
        assertThat(browser.findElement(By.id("chart-title")).getText()).isEqualTo("Ada Own (your data)");
        assertThat(browser.findElement(By.cssSelector("#order-pad li")).getText())
                .contains("TSH");

        // when: back to chart review
        rules = afterReopening(() -> browser.findElement(By.cssSelector("input[name='mode'][value='patient-view']"))
                .click());

        // then: still hers
        assertThat(browser.findElement(By.id("chart-title")).getText()).isEqualTo("Ada Own (your data)");
        assertThat(browser.findElement(By.id("ordering")).isDisplayed()).isFalse();
        assertThat(rules).contains("RPL-01");
    }

    @Test
    @DisplayName(
            "Should open a pasted order-sign request in ordering mode with its own drafts, and keep her on a new draft")
    void opensAPastedOrderRequestInOrderingMode() throws Exception {
        // given: a whole order-sign request of the examples, pasted in chart review
        go("/?patient=demo-sch&hook=patient-view");
        shownRules();
        String request =
                Files.readString(Path.of("hooks/examples/order-sign-rpl-23-in-eshre-nk-cell-assay.request.json"));
        String patient =
                HookRequests.JSON.readTree(request).at("/context/patientId").asText();

        // when
        pasteAndShow(request);
        List<String> rules = shownRules();

        // then: ordering mode, the request's own drafts on the pad
        assertThat(rules).containsExactly("RPL-23");
        assertThat(browser.findElement(By.cssSelector("input[name='mode'][value='order-sign']"))
                        .isSelected())
                .isTrue();
        assertThat(browser.findElement(By.id("ordering")).isDisplayed()).isTrue();
        assertThat(new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("draft-order")))
                        .getFirstSelectedOption()
                        .getAttribute("value"))
                .isEqualTo("pasted");

        // when: a draft of the list instead
        rules = afterReopening(
                () -> new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("draft-order")))
                        .selectByValue("tsh"));

        // then: the same patient, her TSH draft
        assertThat(browser.findElement(By.id("chart-title")).getText()).endsWith("(your data)");
        assertThat(browser.findElements(By.cssSelector("#order-pad li")))
                .extracting(WebElement::getText)
                .singleElement()
                .asString()
                .contains("TSH", "draft");
        assertThat(browser.findElement(By.cssSelector("#order-pad li")).getText())
                .doesNotContain("NK-cell");
        assertThat(rules).doesNotContain("RPL-23");
        assertThat(patient).isNotBlank();
    }

    @Test
    @DisplayName("Should show each demo patient's id beside her name in the list")
    void showsIdsBesideNames() {
        // when
        go("/");
        waitForTheList();

        // then
        List<WebElement> buttons = browser.findElements(By.cssSelector("#patients button[data-patient]"));
        assertThat(buttons).hasSizeGreaterThan(11);
        for (WebElement button : buttons) {
            WebElement name = button.findElement(By.cssSelector(".name"));
            WebElement id = button.findElement(By.cssSelector(".id"));
            assertThat(id.getText()).isEqualTo(button.getAttribute("data-patient"));
            // beside it: on the name's line
            assertThat(id.getRect().getY())
                    .isBetween(
                            name.getRect().getY() - 4,
                            name.getRect().getY() + name.getRect().getHeight());
        }
    }

    @Test
    @DisplayName("Should link its icon as SVG, serve /favicon.ico, and log no error in the browser's console")
    void servesItsIcon() {
        // given
        Chromium.consoleErrors(browser);

        // when
        go("/?patient=demo-sch&hook=patient-view");
        shownRules();

        // then
        String href = browser.findElement(By.cssSelector("link[rel='icon']")).getAttribute("href");
        Http.Answer svg = new Http(port).get(java.net.URI.create(href).getPath());
        assertThat(svg.status()).isEqualTo(200);
        assertThat(svg.header("Content-Type")).startsWith("image/svg+xml");
        assertThat(svg.body()).contains("<svg");
        Http.Answer ico = new Http(port).get("/favicon.ico");
        assertThat(ico.status()).isEqualTo(200);
        assertThat(ico.header("Content-Type")).isIn("image/x-icon", "image/vnd.microsoft.icon");
        assertThat(Chromium.consoleErrors(browser)).isEmpty();
    }

    @Test
    @DisplayName("Should draw a Synthea chart's timeline with no label over another, one list row per kind of work-up")
    void foldsASyntheaChart() throws Exception {
        // given: a Synthea chart of decades of visits, each with BMI, smoking status and more
        String bundle = Files.readString(Path.of("src/test/resources/synthea/Bundle-two-losses-now-pregnant.json"));
        JsonNode timeline = new Http(port)
                .post("/cds-services/recurrent-miscarriage/timeline", viewerRequest(bundle))
                .json();
        Map<String, List<JsonNode>> kinds = new java.util.LinkedHashMap<>();
        timeline.get("workUp").forEach(item -> kinds.computeIfAbsent(
                        item.get("category").asText() + ": " + item.get("kind").asText(),
                        k -> new java.util.ArrayList<>())
                .add(item));
        List<JsonNode> bmi = kinds.get("result: BMI");
        assertThat(bmi).as("the chart's BMI results").hasSizeGreaterThan(20);
        go("/");
        waitForTheList();

        // when
        pasteAndShow(bundle);
        shownRules();

        // then: every pregnancy outcome drawn and labelled, and no text of the picture over another
        assertThat(browser.findElements(By.cssSelector("#timeline svg g.event")))
                .hasSize(timeline.get("events").size());
        assertThat(browser.findElements(By.cssSelector("#timeline svg g.event text.event-label")))
                .hasSize(timeline.get("events").size());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> texts = (List<Map<String, Object>>)
                ((ChromeDriver) browser)
                        .executeScript(
                                "return Array.from(document.querySelectorAll('#timeline svg text'))"
                                        + ".filter(t => t.textContent.trim()).map(t => { const r = t.getBoundingClientRect();"
                                        + " return { text: t.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom }; });");
        assertThat(texts).hasSizeGreaterThan(timeline.get("events").size());
        for (int i = 0; i < texts.size(); i++) {
            for (int j = i + 1; j < texts.size(); j++) {
                assertThat(overlap(texts.get(i), texts.get(j)))
                        .as(texts.get(i).get("text") + " and " + texts.get(j).get("text"))
                        .isFalse();
            }
        }
        timelinePicture("target/viewer-synthea-timeline.png");

        // then: one row per kind of work-up, in place of a row per record
        List<WebElement> rows = browser.findElements(By.cssSelector("#timeline .workup-list > li"));
        assertThat(rows).hasSize(kinds.size());
        WebElement bmiRow = rows.stream()
                .filter(row -> row.getText().contains("result: BMI"))
                .findFirst()
                .orElseThrow();
        JsonNode latest = bmi.get(bmi.size() - 1);
        assertThat(bmiRow.getText())
                .contains(bmi.size() + " results")
                .contains("latest " + latest.get("label").asText());

        // when: the row is opened
        bmiRow.findElement(By.tagName("summary")).click();

        // then: every BMI result, newest first
        List<WebElement> results = bmiRow.findElements(By.cssSelector("li"));
        assertThat(results).hasSize(bmi.size());
        assertThat(results.get(0).getText()).contains(latest.get("label").asText());
    }

    static boolean overlap(Map<String, Object> a, Map<String, Object> b) {
        return number(a, "left") < number(b, "right")
                && number(b, "left") < number(a, "right")
                && number(a, "top") < number(b, "bottom")
                && number(b, "top") < number(a, "bottom");
    }

    static double number(Map<String, Object> box, String key) {
        return ((Number) box.get(key)).doubleValue();
    }

    /**
     * The patient-view request the viewer makes of a pasted Bundle: its resources sorted by type
     * into the service's prefetch keys, a search's under a searchset Bundle.
     */
    String viewerRequest(String bundle) throws Exception {
        JsonNode resources = HookRequests.JSON.readTree(bundle).get("entry");
        JsonNode templates = new Http(port).get("/cds-services").json().at("/services/0/prefetch");
        ObjectNode prefetch = HookRequests.JSON.createObjectNode();
        String patientId = "";
        for (var key = templates.fieldNames(); key.hasNext(); ) {
            String name = key.next();
            String template = templates.get(name).asText();
            String type = template.split("[/?]")[0];
            List<JsonNode> ofType = new java.util.ArrayList<>();
            resources.forEach(entry -> {
                if (entry.at("/resource/resourceType").asText().equals(type)) {
                    ofType.add(entry.get("resource"));
                }
            });
            if (template.contains("?")) {
                ObjectNode search = prefetch.putObject(name);
                search.put("resourceType", "Bundle").put("type", "searchset").put("total", ofType.size());
                ofType.forEach(resource -> search.withArray("entry").addObject().set("resource", resource));
            } else {
                prefetch.set(name, ofType.get(0));
                patientId = ofType.get(0).get("id").asText();
            }
        }
        ObjectNode request = HookRequests.JSON.createObjectNode();
        request.put("hook", "patient-view")
                .put("hookInstance", java.util.UUID.randomUUID().toString());
        request.putObject("context").put("userId", "Practitioner/viewer").put("patientId", patientId);
        request.set("prefetch", prefetch);
        return request.toString();
    }

    static String miscarriage(String patient, String id, String date) {
        return "{\"resource\":{\"resourceType\":\"Condition\",\"id\":\"" + id + "\",\"code\":{\"coding\":"
                + "[{\"system\":\"http://snomed.info/sct\",\"code\":\"17369002\"}]},\"subject\":"
                + "{\"reference\":\"Patient/" + patient + "\"},\"onsetDateTime\":\"" + date + "\"}}";
    }

    @Test
    @DisplayName("Should draw an optional suggestion as an outlined grey button titled \"not routinely recommended\"")
    void drawsOptionalAdviceAsOptional() {
        // given two losses under ESHRE 2022: the parental karyotype is offered, not recommended
        go("/?patient=demo-two-losses&hook=patient-view");
        shownRules();

        // when
        List<WebElement> buttons = browser.findElements(By.cssSelector("#cards .card button.suggestion"));
        WebElement optional = buttons.stream()
                .filter(b -> b.getText().startsWith("Optional: "))
                .findFirst()
                .orElseThrow();
        WebElement recommended = buttons.stream()
                .filter(b -> !b.getText().startsWith("Optional: "))
                .findFirst()
                .orElseThrow();

        // then
        assertThat(optional.getAttribute("title")).isEqualTo("not routinely recommended");
        assertThat(optional.getCssValue("background-color")).isEqualTo("rgba(255, 255, 255, 1)");
        assertThat(optional.getCssValue("color")).isEqualTo("rgba(87, 96, 106, 1)");
        assertThat(optional.getCssValue("border-top-style")).isEqualTo("solid");
        assertThat(recommended.getAttribute("title")).isNullOrEmpty();
        assertThat(recommended.getCssValue("background-color")).isEqualTo("rgba(31, 136, 61, 1)");
        assertThat(buttons.indexOf(optional)).isGreaterThan(buttons.indexOf(recommended));
    }

    @Test
    @DisplayName("Should show the draft resource behind a suggestion and pre-select no dismiss reason")
    void showsDraftsAndChoosesNoReason() {
        // given
        go("/?patient=demo-sch&hook=patient-view");
        shownRules();

        // when
        WebElement thyroid = browser.findElement(By.cssSelector("#cards .card[data-rule='RPL-04']"));
        WebElement draft = thyroid.findElement(By.cssSelector("details.draft"));
        draft.findElement(By.tagName("summary")).click();

        // then
        assertThat(draft.getAttribute("open")).isNotNull();
        assertThat(draft.findElement(By.tagName("pre")).getText())
                .startsWith("create {")
                .contains("\"resourceType\"")
                .contains("\"status\": \"draft\"");
        List<WebElement> reasons = browser.findElements(By.cssSelector("#cards select"));
        assertThat(reasons).isNotEmpty();
        assertThat(reasons)
                .allSatisfy(select -> assertThat(select.getAttribute("value")).isEmpty());

        // when: dismissed without choosing a reason
        WebElement card = browser.findElements(By.cssSelector("#cards .card")).get(1);
        String uuid = card.getAttribute("data-uuid");
        card.findElement(By.cssSelector("button.dismiss")).click();
        waiting()
                .until(ExpectedConditions.textToBePresentInElement(
                        card.findElement(By.cssSelector(".feedback")), "Feedback stored."));

        // then
        assertThat(jdbc.queryForObject(
                        "select count(*) from feedback where card_uuid = ? and outcome = 'overridden'"
                                + " and override_reason is null",
                        Integer.class,
                        uuid))
                .isEqualTo(1);
    }

    @Test
    @DisplayName("Should lay the chart out in one column at 800 px, nothing wider than the window, timeline drawn")
    void fitsEightHundredPixels() throws Exception {
        // given
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(800, 1100));
        try {
            // when
            go("/?patient=demo-sch&hook=patient-view");
            shownRules();

            // then
            ChromeDriver chrome = (ChromeDriver) browser;
            long scrollWidth = (Long) chrome.executeScript("return document.documentElement.scrollWidth;");
            long viewport = (Long) chrome.executeScript("return document.documentElement.clientWidth;");
            assertThat(scrollWidth).isLessThanOrEqualTo(viewport);
            WebElement patients = browser.findElement(By.cssSelector(".patients"));
            WebElement chart = browser.findElement(By.cssSelector(".chart"));
            assertThat(chart.getRect().getY())
                    .isGreaterThanOrEqualTo(
                            patients.getRect().getY() + patients.getRect().getHeight());
            assertThat(chart.getRect().getWidth()).isGreaterThan(700);
            BufferedImage picture = timelinePicture("target/viewer-800px-demo-sch.png");
            assertThat(countPixels(picture, 0xcf222e))
                    .as("loss red in the timeline")
                    .isGreaterThan(150);
            assertThat(countPixels(picture, 0x1f6feb))
                    .as("result blue in the timeline")
                    .isGreaterThan(50);
        } finally {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(1300, 1100));
        }
    }

    /** A screenshot of the page scrolled to the timeline, saved, and cut to the timeline picture. */
    BufferedImage timelinePicture(String saveAs) throws Exception {
        ChromeDriver chrome = (ChromeDriver) browser;
        WebElement timeline = browser.findElement(By.cssSelector("#timeline svg"));
        chrome.executeScript("arguments[0].scrollIntoView();", timeline);
        byte[] png = chrome.getScreenshotAs(OutputType.BYTES);
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of(saveAs), png);
        BufferedImage screenshot = ImageIO.read(new ByteArrayInputStream(png));
        var box = timeline.getRect();
        int top = (int) (box.getY() - (Long) chrome.executeScript("return Math.round(window.scrollY);"));
        return screenshot.getSubimage(
                box.getX(),
                top,
                Math.min(box.getWidth(), screenshot.getWidth() - box.getX()),
                Math.min(box.getHeight(), screenshot.getHeight() - top));
    }

    static int countPixels(BufferedImage image, int rgb) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    count++;
                }
            }
        }
        return count;
    }
}
