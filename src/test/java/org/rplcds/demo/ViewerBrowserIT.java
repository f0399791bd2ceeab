package org.rplcds.demo;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
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
        properties = "spring.datasource.url=jdbc:h2:mem:cds-viewer;DB_CLOSE_DELAY=-1")
@ActiveProfiles("demo")
@EnabledIf("browserAvailable")
@DisplayName("Card viewer in Chromium")
class ViewerBrowserIT {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static WebDriver browser;

    static boolean browserAvailable() {
        return Files.isExecutable(Path.of(CHROMEDRIVER)) || "true".equals(System.getenv("CI"));
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void start() throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1300,1100",
                "--user-data-dir=" + Files.createTempDirectory("viewer-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
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
        waiting()
                .until(ExpectedConditions.textMatches(By.id("status"), java.util.regex.Pattern.compile("\\d+ cards?")));
        return browser.findElements(By.cssSelector("#cards .card")).stream()
                .map(card -> card.getAttribute("data-rule"))
                .toList();
    }

    @Test
    @DisplayName("Should show every demo patient's cards, store feedback, and draw the indicator colours")
    void showsCardsAndStoresFeedback() throws Exception {
        // given
        browser.get("http://localhost:" + port + "/");
        waiting().until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#patients button"), 11));
        Map<String, List<String>> expected = Map.ofEntries(
                Map.entry("demo-two-losses", List.of("RPL-01", "RPL-02", "RPL-03", "RPL-05", "RPL-08")),
                Map.entry("demo-sch", List.of("RPL-01", "RPL-02", "RPL-04", "RPL-05", "RPL-08")),
                Map.entry("demo-aps-pregnant", List.of("RPL-01", "RPL-02", "RPL-03", "RPL-07")),
                Map.entry("demo-cerclage-window", List.of("RPL-05", "RPL-12")),
                Map.entry("demo-bleeding", List.of("RPL-10")),
                Map.entry("demo-unexplained", List.of("RPL-01", "RPL-21")),
                Map.entry("demo-male", List.of()),
                Map.entry("demo-induced-only", List.of()),
                Map.entry("demo-apl-once", List.of("RPL-01", "RPL-02", "RPL-03", "RPL-06", "RPL-08")),
                Map.entry("demo-diabetes", List.of("RPL-01", "RPL-02", "RPL-03", "RPL-05", "RPL-08", "RPL-14")),
                Map.entry("demo-anaemia", List.of("RPL-18")),
                Map.entry("demo-fever", List.of("RPL-17")),
                Map.entry("demo-cerclage-removal", List.of("RPL-24")),
                Map.entry("demo-low-value", List.of("RPL-01", "RPL-21", "RPL-23")),
                Map.entry("demo-lifestyle", List.of("RPL-01", "RPL-02", "RPL-03", "RPL-05", "RPL-08", "RPL-16")),
                Map.entry("demo-septum", List.of("RPL-05", "RPL-09")));

        // when / then: every chart
        for (var patient : expected.entrySet()) {
            assertThat(open(patient.getKey())).as(patient.getKey()).containsExactlyElementsOf(patient.getValue());
        }

        // when: a clinician dismisses one card and accepts a suggestion on another
        open("demo-sch");
        int before = jdbc.queryForObject("select count(*) from feedback", Integer.class);
        List<WebElement> cards = browser.findElements(By.cssSelector("#cards .card"));
        cards.get(0).findElement(By.cssSelector("button.dismiss")).click();
        waiting()
                .until(ExpectedConditions.textToBePresentInElement(
                        cards.get(0).findElement(By.cssSelector(".feedback")), "Feedback stored."));
        WebElement warning = browser.findElement(By.cssSelector("#cards .card.warning"));
        warning.findElement(By.cssSelector("button.suggestion")).click();
        waiting()
                .until(ExpectedConditions.textToBePresentInElement(
                        warning.findElement(By.cssSelector(".feedback")), "Feedback stored."));

        // then
        assertThat(jdbc.queryForObject("select count(*) from feedback", Integer.class))
                .isEqualTo(before + 2);
        assertThat(jdbc.queryForObject("select count(*) from feedback where outcome = 'accepted'", Integer.class))
                .isPositive();
        assertThat(warning.findElement(By.cssSelector(".detail")).getText()).contains("TSH 6.2 mIU/L");
        assertThat(browser.findElement(By.cssSelector("#cards")).getAttribute("innerHTML"))
                .doesNotContain("**");

        byte[] png = ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES);
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target/viewer-demo-sch.png"), png);
        BufferedImage screenshot = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(countPixels(screenshot, 0x1f6feb)).as("info blue").isGreaterThan(500);
        assertThat(countPixels(screenshot, 0xd29922)).as("warning amber").isGreaterThan(500);
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
