package org.rplcds.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.rplcds.support.Chromium;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The viewer's address outside the demo profile, where client tokens are checked and a browser
 * page has none to send: a page that says so and how to run the viewer, in a real headless
 * Chromium. {@code .ci/run} installs Debian's chromium and chromium-driver; under CI the test runs
 * whether or not they are found.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:cds-viewer-outside-demo;DB_CLOSE_DELAY=-1")
@ActiveProfiles("production")
@EnabledIf(
        value = "browserAvailable",
        disabledReason = "/usr/bin/chromedriver not found: install Debian's chromium and chromium-driver")
@DisplayName("Card viewer outside the demo profile, in Chromium")
class ViewerOutsideDemoIT {

    static ChromeDriver browser;

    static boolean browserAvailable() {
        return Chromium.available("ViewerOutsideDemoIT");
    }

    @DynamicPropertySource
    static void clients(DynamicPropertyRegistry registry) throws Exception {
        String keys = new JWKSet(new ECKeyGenerator(Curve.P_384)
                        .keyID("ehr-1")
                        .generate()
                        .toPublicJWK())
                .toString(true);
        registry.add("cds.security.audience", () -> "https://cds.example.org");
        registry.add("cds.security.trusted-clients[0].issuer", () -> "https://ehr.example.org");
        registry.add("cds.security.trusted-clients[0].jwks", () -> keys);
    }

    @LocalServerPort
    int port;

    @BeforeAll
    static void start() throws Exception {
        browser = Chromium.start("viewer-outside-demo-chromium");
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/", "/index.html"})
    @DisplayName("Should say that the viewer needs the demo profile and how to start it, calling nothing")
    void saysTheViewerNeedsTheDemo(String address) {
        // given
        Chromium.consoleErrors(browser);

        // when
        browser.get("http://localhost:" + port + address);
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main")));

        // then
        assertThat(browser.findElement(By.tagName("h2")).getText()).isEqualTo("The card viewer needs the demo profile");
        String page = browser.findElement(By.tagName("main")).getText();
        assertThat(page)
                .contains("./mvnw spring-boot:run", "SPRING_PROFILES_ACTIVE=demo", "client token")
                .doesNotContain("did not answer discovery");
        assertThat(browser.findElements(By.id("patients"))).isEmpty();
        assertThat(browser.findElements(By.tagName("script"))).isEmpty();
        assertThat(Chromium.consoleErrors(browser)).isEmpty();
    }
}
