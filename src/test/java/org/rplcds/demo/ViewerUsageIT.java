package org.rplcds.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.rplcds.support.Chromium;
import org.rplcds.support.Http;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The viewer's usage view and a patient's audit list in a real headless Chromium, against what
 * {@code /governance/usage} and {@code /governance/AuditEvent} answer. {@code .ci/run} installs
 * Debian's chromium and chromium-driver; under CI the test runs whether or not they are found.
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
@DisplayName("Usage view and audit list of the card viewer in Chromium")
class ViewerUsageIT {

    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    static ChromeDriver browser;

    static boolean browserAvailable() {
        return Chromium.available("ViewerUsageIT");
    }

    @LocalServerPort
    int port;

    @BeforeAll
    static void start() throws Exception {
        browser = Chromium.start("viewer-usage-chromium");
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

    void go(String address) {
        browser.get("http://localhost:" + port + address);
    }

    void chartShown() {
        waiting()
                .until(ExpectedConditions.textMatches(By.id("status"), java.util.regex.Pattern.compile("\\d+ cards?")));
    }

    /** Sends feedback from a card and waits for it to be stored. */
    void feedback(WebElement card, String button) {
        card.findElement(By.cssSelector(button)).click();
        waiting()
                .until(ExpectedConditions.textToBePresentInElement(
                        card.findElement(By.cssSelector(".feedback")), "Feedback stored."));
    }

    @Test
    @DisplayName("Should show the open patient's calls in her audit list, as the AuditEvent search answers")
    void listsThePatientsCalls() {
        // given: her chart opened twice, once in ordering mode
        go("/?patient=demo-sch&hook=order-sign&draft=nk-cell");
        chartShown();
        go("/?patient=demo-sch&hook=patient-view");
        chartShown();
        int cards = browser.findElements(By.cssSelector("#cards .card")).size();

        // when
        browser.findElement(By.cssSelector("#audit summary")).click();
        waiting()
                .until(ExpectedConditions.textMatches(
                        By.id("audit-status"), java.util.regex.Pattern.compile("\\d+ calls?")));

        // then: her calls, newest first, as the trail holds them
        JsonNode bundle = new Http(port)
                .get("/governance/AuditEvent?patient=demo-sch&_count=500")
                .json();
        List<JsonNode> events = new ArrayList<>();
        bundle.get("entry").forEach(entry -> events.add(entry.get("resource")));
        assertThat(events).hasSizeGreaterThanOrEqualTo(2);
        List<WebElement> rows = browser.findElements(By.cssSelector("#audit-list tbody tr"));
        List<String> expectedIds = new ArrayList<>();
        for (int i = events.size() - 1; i >= 0 && expectedIds.size() < 20; i--) {
            expectedIds.add(events.get(i).get("id").asText());
        }
        assertThat(rows).extracting(row -> row.getAttribute("data-id")).containsExactlyElementsOf(expectedIds);
        assertThat(browser.findElement(By.id("audit-status")).getText()).contains(events.size() + " call");
        for (int i = 0; i < rows.size(); i++) {
            JsonNode event = events.get(events.size() - 1 - i);
            assertThat(cells(rows.get(i))).as(event.get("id").asText()).containsExactlyElementsOf(expected(event));
        }
        // the latest: the chart just opened, with its cards shown
        List<String> latest = cells(rows.get(0));
        assertThat(latest.get(1)).isEqualTo("patient-view (viewer chart)");
        assertThat(latest.get(2)).isEqualTo("HTTP 200");
        assertThat(latest.get(3)).isEqualTo(Integer.toString(cards));
        assertThat(cells(rows.get(1)).get(1)).isEqualTo("order-sign (viewer chart)");
    }

    static List<String> cells(WebElement row) {
        return row.findElements(By.tagName("td")).stream()
                .map(WebElement::getText)
                .toList();
    }

    /** An event's row as the audit list should show it: time, hook, status, cards shown, silent, snoozed. */
    static List<String> expected(JsonNode event) {
        String hook = "";
        String kind = "";
        for (JsonNode subtype : event.path("subtype")) {
            if (subtype.path("system").asText().endsWith("/hook")) {
                hook = subtype.get("code").asText();
            } else {
                kind = subtype.get("code").asText();
            }
        }
        int shown = 0;
        int silent = 0;
        int snoozed = 0;
        for (JsonNode entity : event.path("entity")) {
            for (JsonNode detail : entity.path("detail")) {
                if (detail.path("type").asText().equals("disposition")) {
                    switch (detail.get("valueString").asText()) {
                        case "shown" -> shown++;
                        case "silent" -> silent++;
                        case "snoozed" -> snoozed++;
                        default -> {}
                    }
                }
            }
        }
        String call = kind.equals("hook") ? hook : hook + " (viewer " + kind + ")";
        return List.of(
                TIME.format(java.time.OffsetDateTime.parse(event.get("recorded").asText())) + " UTC",
                call,
                event.get("outcomeDesc").asText(),
                Integer.toString(shown),
                Integer.toString(silent),
                Integer.toString(snoozed));
    }

    @Test
    @DisplayName(
            "Should show in the usage view the counts the usage report answers, feedback given in the viewer counted")
    void showsTheUsageReport() throws Exception {
        // given: a chart opened, its evaluation card dismissed with a reason, a suggestion accepted
        go("/?patient=demo-sch&hook=patient-view");
        chartShown();
        WebElement evaluation = browser.findElement(By.cssSelector("#cards .card[data-rule='RPL-01']"));
        Select reasons = new Select(evaluation.findElement(By.cssSelector("select")));
        reasons.selectByIndex(1);
        String reason = reasons.getFirstSelectedOption().getAttribute("value");
        feedback(evaluation, "button.dismiss");
        feedback(browser.findElement(By.cssSelector("#cards .card[data-rule='RPL-04']")), "button.suggestion");

        // when
        browser.findElement(By.id("view-usage")).click();
        List<Map<String, String>> shown = usageTable();

        // then: the table is the report's total, row by row
        JsonNode report = report();
        assertThat(shown).isEqualTo(rows(report.get("total")));
        Map<String, String> evaluationRow = row(shown, "RPL-01");
        assertThat(Long.parseLong(evaluationRow.get("overridden"))).isPositive();
        assertThat(evaluationRow.get("reasons")).contains(reason + " ");
        assertThat(Long.parseLong(row(shown, "RPL-04").get("accepted"))).isPositive();
        assertThat(Long.parseLong(row(shown, "RPL-04").get("shown"))).isPositive();
        assertThat(browser.getCurrentUrl()).contains("view=usage");
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target/viewer-usage.png"), browser.getScreenshotAs(OutputType.BYTES));

        // when: by day
        new Select(browser.findElement(By.id("usage-period"))).selectByValue("day");
        browser.findElement(By.id("usage-show")).click();
        waiting().until(ExpectedConditions.urlContains("period=day"));
        shown = usageTable();

        // then: the total again, and a table for each day with anything counted
        report = report();
        assertThat(report.get("period").asText()).isEqualTo("day");
        assertThat(shown).isEqualTo(rows(report.get("total")));
        List<String> days = new ArrayList<>();
        report.get("periods").forEach(period -> {
            if (!period.get("rules").isEmpty()) {
                days.add(period.get("start").asText());
            }
        });
        assertThat(browser.findElements(By.cssSelector("#usage-periods details")))
                .extracting(details -> details.getAttribute("data-start"))
                .containsExactlyElementsOf(newestFirst(days));
        WebElement today = browser.findElement(By.cssSelector("#usage-periods details"));
        today.findElement(By.tagName("summary")).click();
        JsonNode last = report.get("periods").get(report.get("periods").size() - 1);
        assertThat(tableRows(today)).isEqualTo(rows(last.get("rules")));
    }

    static List<String> newestFirst(List<String> days) {
        List<String> reversed = new ArrayList<>(days);
        java.util.Collections.reverse(reversed);
        return reversed;
    }

    /** The usage report for the range and period the view shows. */
    JsonNode report() {
        String from = browser.findElement(By.id("usage-from")).getAttribute("value");
        String to = browser.findElement(By.id("usage-to")).getAttribute("value");
        String period = browser.findElement(By.id("usage-period")).getAttribute("value");
        assertThat(from).matches("\\d{4}-\\d{2}-\\d{2}");
        return new Http(port)
                .get("/governance/usage?from=" + from + "&to=" + to + "&period=" + period)
                .json();
    }

    /** The total table once the view has shown it. */
    List<Map<String, String>> usageTable() {
        waiting()
                .until(ExpectedConditions.textMatches(
                        By.id("usage-status"), java.util.regex.Pattern.compile("^Usage from")));
        return tableRows(browser.findElement(By.id("usage-total")));
    }

    static List<Map<String, String>> tableRows(WebElement table) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (WebElement row : table.findElements(By.cssSelector("tbody tr"))) {
            List<String> cells = cells(row);
            rows.add(Map.of(
                    "rule", row.getAttribute("data-rule"),
                    "title", cells.get(0),
                    "mode", cells.get(1),
                    "shown", cells.get(2),
                    "silent", cells.get(3),
                    "snoozed", cells.get(4),
                    "accepted", cells.get(5),
                    "overridden", cells.get(6),
                    "reasons", cells.get(7)));
        }
        return rows;
    }

    /** The report's rows as the table should show them: override reasons counted, "code n", comma-separated. */
    static List<Map<String, String>> rows(JsonNode rules) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (JsonNode rule : rules) {
            JsonNode counts = rule.get("counts");
            List<String> reasons = new ArrayList<>();
            counts.get("reasons").fields().forEachRemaining(reason -> {
                if (reason.getValue().asLong() > 0) {
                    reasons.add(reason.getKey() + " " + reason.getValue().asLong());
                }
            });
            String id = rule.get("rule").asText();
            String title = rule.get("title").asText();
            rows.add(Map.of(
                    "rule", id,
                    "title", title.equals(id) ? id : id + " " + title,
                    "mode", rule.get("mode").asText(),
                    "shown", counts.get("shown").asText(),
                    "silent", counts.get("silent").asText(),
                    "snoozed", counts.get("snoozed").asText(),
                    "accepted", counts.get("accepted").asText(),
                    "overridden", counts.get("overridden").asText(),
                    "reasons", reasons.isEmpty() ? "-" : String.join(", ", reasons)));
        }
        return rows;
    }

    static Map<String, String> row(List<Map<String, String>> rows, String rule) {
        return rows.stream()
                .filter(row -> row.get("rule").equals(rule))
                .findFirst()
                .orElseThrow();
    }
}
