package org.rplcds.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rplcds.support.ServiceProcess;

/**
 * Every bad setting a site can make stops the packaged jar with one short report: what is wrong,
 * what to set and the documentation section that says how; no stack trace, no failure of the server's own
 * start-up, nothing after the report. The jar is started once per case, two at a time.
 */
@DisplayName("A start refused for a bad setting, from the packaged jar")
class StartupReportsIT {

    /** What a case prepares in the service's folder before it starts. */
    interface Setup {
        void in(Path home) throws IOException;
    }

    /**
     * @param arguments the service's arguments; {@code {home}} is the service's folder and {@code
     *     {port}} a free port (none is added: a case without {@code --server.port={port}} sets PORT)
     * @param report what the report says, in its own words
     * @param section the documentation section the report sends the operator to
     */
    record Case(
            String name,
            Map<String, String> environment,
            List<String> arguments,
            Setup setup,
            List<String> report,
            Docs section) {

        @Override
        public String toString() {
            return name;
        }
    }

    /** The settings that make a production start, but for the one a case leaves out or gets wrong. */
    static final Map<String, String> EHR = Map.of(
            "CDS_SECURITY_AUDIENCE", "https://cds.example.org",
            "CDS_SECURITY_TRUSTEDCLIENTS_0_ISSUER", "https://ehr.example.org");

    static Map<String, String> ehrWith(String... more) {
        Map<String, String> environment = new java.util.HashMap<>(EHR);
        for (int i = 0; i < more.length; i += 2) {
            environment.put(more[i], more[i + 1]);
        }
        return environment;
    }

    static final String VALUE_SET_OF_ANOTHER =
            """
            {"resourceType": "ValueSet", "url": "http://hospital.example.org/fhir/ValueSet/tsh",
             "compose": {"include": [{"system": "http://hospital.example.org/lab-codes", "concept": [{"code": "TSH-L"}]}]}}
            """;

    /** Ports held open while the case that finds them taken runs. */
    static final List<ServerSocket> HELD = new ArrayList<>();

    static Case with(String name, Map<String, String> environment, String arguments, String... report) {
        return new Case(name, environment, split(arguments), home -> {}, List.of(report), null);
    }

    static List<String> split(String arguments) {
        return arguments.isBlank() ? List.of() : Arrays.asList(arguments.trim().split("\\s+"));
    }

    static Case in(Case base, Docs section) {
        return new Case(base.name(), base.environment(), base.arguments(), base.setup(), base.report(), section);
    }

    static Case prepared(Case base, Setup setup) {
        return new Case(base.name(), base.environment(), base.arguments(), setup, base.report(), base.section());
    }

    static final String PROD = "--server.port={port} --spring.profiles.active=prod";
    static final String DEMO = "--server.port={port}";

    static Stream<Case> cases() {
        return Stream.of(
                in(
                        with(
                                "no audience outside the demo",
                                Map.of(),
                                PROD,
                                "cds.security.audience is not set",
                                "Set CDS_SECURITY_AUDIENCE=https://cds.example.org"),
                        Docs.PROFILES),
                in(
                        with(
                                "no trusted client",
                                Map.of("CDS_SECURITY_AUDIENCE", "https://cds.example.org"),
                                PROD,
                                "cds.security.trusted-clients is empty",
                                "CDS_SECURITY_TRUSTEDCLIENTS_0_ISSUER=https://ehr.example.org and"
                                        + " CDS_SECURITY_TRUSTEDCLIENTS_0_JWKSURL="),
                        Docs.SECURE_IT),
                in(
                        with(
                                "a client without a key set",
                                EHR,
                                PROD,
                                "cds.security.trusted-clients[0] (https://ehr.example.org) names no key set",
                                "CDS_SECURITY_TRUSTEDCLIENTS_0_JWKSURL"),
                        Docs.SECURE_IT),
                in(
                        with(
                                "an http fhirServer",
                                ehrWith(
                                        "CDS_SECURITY_TRUSTEDCLIENTS_0_JWKSURL", "https://ehr.example.org/jwks.json",
                                        "CDS_SECURITY_TRUSTEDCLIENTS_0_FHIRSERVERS_0", "http://fhir.example.org"),
                                PROD,
                                "cds.security.trusted-clients[0].fhir-servers[0] of https://ehr.example.org is not an"
                                        + " https URL: 'http://fhir.example.org'"),
                        Docs.SECURE_IT),
                in(
                        with(
                                "a pinned key set file that is not there",
                                ehrWith("CDS_SECURITY_TRUSTEDCLIENTS_0_JWKS", "/nonexistent/jwks.json"),
                                PROD,
                                "cds.security.trusted-clients[0].jwks: cannot read the key set pinned for"
                                        + " https://ehr.example.org from /nonexistent/jwks.json (no such file)"),
                        Docs.SECURE_IT),
                in(
                        with(
                                "a pinned key set that is a folder",
                                ehrWith("CDS_SECURITY_TRUSTEDCLIENTS_0_JWKS", "{home}"),
                                PROD,
                                "cds.security.trusted-clients[0].jwks: cannot read the key set pinned for"
                                        + " https://ehr.example.org from ",
                                "(a folder, not a file)"),
                        Docs.SECURE_IT),
                prepared(
                        in(
                                with(
                                        "a pinned key set file that holds none",
                                        ehrWith("CDS_SECURITY_TRUSTEDCLIENTS_0_JWKS", "{home}/jwks.json"),
                                        PROD,
                                        "the key set pinned for https://ehr.example.org (in ",
                                        "is not a JWK Set"),
                                Docs.SECURE_IT),
                        home -> Files.writeString(home.resolve("jwks.json"), "-----BEGIN PUBLIC KEY-----")),
                in(
                        with(
                                "a pinned evaluation date outside the demo",
                                Map.of(),
                                PROD + " --cds.security.enabled=false --cds.evaluation-date=2025-06-01",
                                "cds.evaluation-date pins the evaluation date to 2025-06-01, which only the demo"
                                        + " profile accepts",
                                "Unset cds.evaluation-date (and CDS_EVALUATIONDATE) for a live service",
                                "cds.evaluation-date-outside-demo=allow"),
                        Docs.CONFIGURE_IT),
                in(
                        with(
                                "an evaluation date that is none",
                                Map.of("CDS_EVALUATIONDATE", "01/06/2025"),
                                DEMO,
                                "cds.evaluation-date: '01/06/2025' is not a date",
                                "Write it as 2025-06-01"),
                        Docs.CONFIGURE_IT),
                in(
                        with(
                                "a guideline threshold in the environment",
                                Map.of("CDS_GUIDELINES_PROFILES_ESHRE2022_THRESHOLDS_THYROID_TSHUPPER", "3.5"),
                                DEMO,
                                "CDS_GUIDELINES_PROFILES_ESHRE2022_THRESHOLDS_THYROID_TSHUPPER: guideline profile"
                                        + " values are set in configuration files",
                                "Unset CDS_GUIDELINES_PROFILES_ESHRE2022_THRESHOLDS_THYROID_TSHUPPER"),
                        Docs.SITE_CONFIGURATION),
                in(
                        with(
                                "a guideline threshold out of range",
                                Map.of(),
                                DEMO + " --cds.guidelines.profiles.ESHRE2022.thresholds.apl.repeat-weeks=0",
                                "cds.guidelines.profiles.ESHRE2022.thresholds.apl.repeat-weeks: must be greater than 0",
                                "guideline-profiles.yml"),
                        Docs.CONFIGURE_IT),
                in(
                        with(
                                "a guideline threshold that is no number",
                                Map.of(),
                                DEMO + " --cds.guidelines.profiles.ESHRE2022.thresholds.thyroid.tsh-upper=high",
                                "cds.guidelines.profiles.ESHRE2022.thresholds.thyroid.tsh-upper: 'high' is not a"
                                        + " number"),
                        Docs.CONFIGURE_IT),
                in(
                        with(
                                "a guideline threshold under its former name",
                                Map.of(),
                                DEMO + " --cds.guidelines.profiles.ESHRE2022.thresholds.tsh-upper=4.5",
                                "thresholds are grouped by domain now",
                                "thresholds.thyroid.tsh-upper instead"),
                        Docs.CONFIGURE_IT),
                in(
                        with(
                                "an unknown guideline profile",
                                Map.of("CDS_PROFILE", "NICE2024"),
                                DEMO,
                                "cds.profile: unknown guideline profile 'NICE2024'",
                                "Set cds.profile (CDS_PROFILE) to one of those profiles"),
                        Docs.CONFIGURE_IT),
                in(
                        with(
                                "an unknown setting",
                                Map.of(),
                                DEMO + " --cds.ui.unit=si",
                                "cds.ui.unit is not a setting of the service; cds.ui has aggregate-workup, units,"),
                        Docs.CONFIGURE_IT),
                in(
                        with(
                                "units that are none",
                                Map.of("CDS_UI_UNITS", "metric"),
                                DEMO,
                                "environment variable CDS_UI_UNITS: 'metric' is not one of conventional, si"),
                        Docs.CONFIGURE_IT),
                in(
                        with(
                                "negative snooze days",
                                Map.of(),
                                DEMO + " --cds.ui.snooze-days=-1",
                                "cds.ui.snooze-days must be 0 or more, is -1"),
                        Docs.CONFIGURE_IT),
                in(
                        with(
                                "an in-flight heap share out of range",
                                Map.of(),
                                DEMO + " --cds.http.in-flight-heap=95",
                                "cds.http.in-flight-heap must be a percentage from 5 to 90"),
                        Docs.CONFIGURE_IT),
                in(
                        with(
                                "a negative shutdown delay",
                                Map.of("CDS_HTTP_SHUTDOWNDELAY", "-1s"),
                                DEMO,
                                "cds.http.shutdown-delay must be 0s or longer"),
                        Docs.CONFIGURE_IT),
                in(
                        with(
                                "a shutdown delay the stop phase would cut short",
                                Map.of(),
                                DEMO + " --cds.http.shutdown-delay=20s",
                                "cds.http.shutdown-delay (20000 ms) is not shorter than"
                                        + " spring.lifecycle.timeout-per-shutdown-phase (20000 ms)",
                                "Set cds.http.shutdown-delay (CDS_HTTP_SHUTDOWNDELAY)"),
                        Docs.CONFIGURE_IT),
                in(
                        with(
                                "a duration that is none",
                                Map.of(),
                                DEMO + " --cds.fallback.total-timeout=soon",
                                "cds.fallback.total-timeout: 'soon' is not a duration"),
                        Docs.CONFIGURE_IT),
                in(
                        with(
                                "an unknown rule",
                                Map.of(),
                                DEMO + " --cds.rules.RPL-99.mode=silent",
                                "no recommendation has the id 'RPL-99'"),
                        Docs.RULE_MODES),
                in(
                        with(
                                "an unknown rule mode",
                                Map.of("CDS_RULES_RPL16_MODE", "loud"),
                                DEMO,
                                "'loud' is not a mode; choose on, silent or off"),
                        Docs.RULE_MODES),
                in(
                        with(
                                "a site value set folder that is not there",
                                Map.of("CDS_TERMINOLOGY_SITEVALUESETS", "/nonexistent/valuesets"),
                                DEMO,
                                "cds.terminology.site-value-sets: /nonexistent/valuesets: no such folder"),
                        Docs.LOCAL_CODES),
                prepared(
                        in(
                                with(
                                        "a site value set that is none of the shipped ones",
                                        Map.of("CDS_TERMINOLOGY_SITEVALUESETS", "{home}/valuesets"),
                                        DEMO,
                                        "its url http://hospital.example.org/fhir/ValueSet/tsh is none of the shipped"
                                                + " value sets"),
                                Docs.LOCAL_CODES),
                        home -> Files.writeString(
                                Files.createDirectories(home.resolve("valuesets"))
                                        .resolve("ValueSet-tsh.json"),
                                VALUE_SET_OF_ANOTHER)),
                prepared(
                        in(
                                with(
                                        "an embedded store folder it cannot create",
                                        Map.of(),
                                        DEMO,
                                        "The feedback store at jdbc:h2:file:./data/feedback cannot be opened",
                                        "Start the service in a folder it may write"),
                                Docs.PROFILES),
                        home -> Files.writeString(home.resolve("data"), "a file where the store's folder goes")),
                in(
                        with(
                                "a PostgreSQL that does not answer",
                                Map.of("CDS_DB_URL", "jdbc:postgresql://127.0.0.1:{closed}/cds"),
                                DEMO + " --spring.profiles.active=demo,postgres",
                                "The feedback store at jdbc:postgresql://127.0.0.1:",
                                "cannot be used",
                                "CDS_DB_URL, CDS_DB_USER and CDS_DB_PASSWORD"),
                        Docs.PROFILES),
                in(
                        with(
                                "a database URL that is none",
                                Map.of("CDS_DB_URL", "postgres://localhost:5432/cds"),
                                DEMO,
                                "The feedback store's URL postgres://localhost:5432/cds (CDS_DB_URL) is not a JDBC"
                                        + " URL"),
                        Docs.PROFILES),
                in(
                        with(
                                "a PORT that is no number",
                                Map.of("PORT", "eighty"),
                                "",
                                "The port PORT=eighty is not a number",
                                "PORT=8081"),
                        Docs.RUN_IT),
                in(
                        with("a PORT out of range", Map.of("PORT", "70000"), "", "The port PORT=70000 is out of range"),
                        Docs.RUN_IT),
                in(
                        with(
                                "a port in use",
                                Map.of(),
                                "--server.port={held}",
                                "is in use by another process",
                                "Stop the process that listens on"),
                        Docs.RUN_IT));
    }

    /** What a start left: its exit code and everything it printed. */
    record Run(int exit, String log) {}

    static final Map<String, Future<Run>> RUNS = new ConcurrentHashMap<>();
    static final ExecutorService STARTS = Executors.newFixedThreadPool(2);

    @TempDir
    static Path homes;

    @BeforeAll
    static void startEveryCase() {
        cases().forEach(c -> RUNS.put(c.name(), STARTS.submit(() -> run(c))));
    }

    @AfterAll
    static void stop() throws IOException {
        STARTS.shutdownNow();
        for (ServerSocket held : HELD) {
            held.close();
        }
    }

    static Run run(Case c) throws Exception {
        Path home = Files.createDirectories(homes.resolve(c.name().replaceAll("[^a-z0-9]+", "-")));
        c.setup().in(home);
        String port = Integer.toString(ServiceProcess.freePort());
        String closed = Integer.toString(ServiceProcess.freePort());
        String held = "";
        if (c.arguments().stream().anyMatch(argument -> argument.contains("{held}"))) {
            ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            synchronized (HELD) {
                HELD.add(socket);
            }
            held = Integer.toString(socket.getLocalPort());
        }
        String heldPort = held;
        List<String> arguments = new ArrayList<>(c.arguments().stream()
                .map(argument -> fill(argument, home, port, closed, heldPort))
                .toList());
        arguments.add("--server.address=127.0.0.1");
        Map<String, String> environment = c.environment().entrySet().stream()
                .collect(Collectors.toMap(
                        Map.Entry::getKey, entry -> fill(entry.getValue(), home, port, closed, heldPort)));
        Path log = home.resolve("service.log");
        int exit = ServiceProcess.runJar(home, log, environment, arguments, Duration.ofMinutes(5));
        return new Run(exit, Files.readString(log));
    }

    static String fill(String text, Path home, String port, String closed, String held) {
        return text.replace("{home}", home.toString())
                .replace("{port}", port)
                .replace("{closed}", closed)
                .replace("{held}", held);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @DisplayName("Should stop with one short report: what is wrong, what to set, where the documentation says how")
    void reportsInShort(Case c) throws Exception {
        // given the jar started with the bad setting
        Run run = RUNS.get(c.name()).get(12, TimeUnit.MINUTES);
        String log = run.log();

        // then it stopped on its own, with a report
        assertThat(run.exit()).as("exit code; the log:%n%s", log).isNotIn(0, -1);
        assertThat(log).as("the log").contains("APPLICATION FAILED TO START");
        String report = log.substring(log.indexOf("APPLICATION FAILED TO START"));
        assertThat(report).as("the report").contains(c.report());
        assertThat(report).as("the report").containsIgnoringCase(c.section().toString());

        // and nothing else: no stack trace, no failure of the server's start-up, no warning before it
        assertThat(log.lines())
                .as("the log")
                .noneMatch(line -> line.matches("^\\s+at .*"))
                .noneMatch(line -> line.contains("Caused by"))
                .noneMatch(line -> line.contains("TomcatStarter"))
                .noneMatch(line -> line.contains("appears to have started a thread"))
                .noneMatch(line -> line.contains(" WARN "))
                .filteredOn(line -> line.contains(" ERROR "))
                .allMatch(line -> line.contains("LoggingFailureAnalysisReporter"));

        // and nothing after it: the action is its last line
        List<String> lines = report.lines().toList();
        int action = lines.indexOf("Action:");
        assertThat(action).as("the report's action").isPositive();
        assertThat(lines.subList(action + 3, lines.size()))
                .as("what follows the action")
                .allMatch(String::isBlank);
    }
}
