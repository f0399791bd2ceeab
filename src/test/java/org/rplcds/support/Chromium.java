package org.rplcds.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * Debian's headless Chromium and its driver, for the tests of the card viewer. {@code .ci/run}
 * installs them; under CI the tests run whether or not they are found, so a missing browser fails.
 */
public final class Chromium {

    public static final String BINARY = "/usr/bin/chromium";
    public static final String DRIVER = "/usr/bin/chromedriver";

    private Chromium() {}

    /**
     * Whether the browser tests can run; when not, a {@code [SKIPPED]} line says why, since Surefire
     * and Failsafe count a disabled test as "Skipped" without a reason.
     */
    public static boolean available(String test) {
        boolean available = Files.isExecutable(Path.of(DRIVER)) || "true".equals(System.getenv("CI"));
        if (!available) {
            System.out.println("[SKIPPED] " + test + ": " + DRIVER + " not found; install chromium and"
                    + " chromium-driver (apt-get install chromium chromium-driver), or run .ci/run");
        }
        return available;
    }

    /**
     * A new headless browser, 1300 x 1100, with a profile of its own; what the page writes to its
     * console, and what the browser reports there (a resource not found, a policy refusal), is kept
     * for {@link #consoleErrors}.
     */
    public static ChromeDriver start(String profile) throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY);
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
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
                "--user-data-dir=" + Files.createTempDirectory(profile));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(DRIVER).toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    /** The errors in the browser's console since the last call: a resource not found, a script error. */
    public static List<String> consoleErrors(WebDriver browser) {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }
}
