package org.rplcds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The service refuses to start on a site value set it cannot use, and says in a few lines which
 * file and what is wrong, as it does for every refused setting: no stack trace to read through.
 */
@ExtendWith(OutputCaptureExtension.class)
@DisplayName("A start with site value sets that cannot be used")
class SiteValueSetsStartTest {

    /** Starts the service on the folder; the start must fail. */
    static void start(Path folder, String name) {
        ConfigurableApplicationContext started = null;
        try {
            started = new SpringApplicationBuilder(Application.class)
                    .run(
                            "--server.port=0",
                            "--spring.datasource.url=jdbc:h2:mem:site-start-" + name,
                            "--cds.demo.enabled=false",
                            "--cds.terminology.site-value-sets=" + folder);
        } catch (RuntimeException refused) {
            return;
        } finally {
            if (started != null) {
                started.close();
            }
        }
        fail("the service started");
    }

    static void assertShortReport(CapturedOutput output, String description, String action) {
        String out = output.getOut() + output.getErr();
        assertThat(out).contains("APPLICATION FAILED TO START");
        String report = out.substring(out.indexOf("APPLICATION FAILED TO START"));
        assertThat(report)
                .contains("Description:\n\n" + description + "\n")
                .contains("Action:\n\n" + action)
                .doesNotContain("Exception");
        assertThat(out).doesNotContain("\tat ");
    }

    @Test
    @DisplayName("Should name the file whose url is none of the shipped value sets")
    void refusesAnUnknownUrl(@TempDir Path folder, CapturedOutput output) throws IOException {
        // given
        Files.writeString(
                folder.resolve("ValueSet-tsh.json"),
                """
                {
                  "resourceType": "ValueSet",
                  "url": "http://hospital.example.org/fhir/ValueSet/tsh",
                  "compose": {"include": [{"system": "http://hospital.example.org/lab-codes", "concept": [{"code": "TSH-L"}]}]}
                }
                """);

        // when
        start(folder, "unknown-url");

        // then
        assertShortReport(
                output,
                "cds.terminology.site-value-sets: " + folder.resolve("ValueSet-tsh.json")
                        + ": its url http://hospital.example.org/fhir/ValueSet/tsh is none of the shipped value sets"
                        + " (http://recurrent-miscarriage-cds.org/fhir/ValueSet/<id>, as"
                        + " fhir-resources/valuesets/ValueSet-<id>.json gives it)",
                "Correct or remove that file");
    }

    @Test
    @DisplayName("Should name the folder that is not there")
    void refusesAMissingFolder(@TempDir Path parent, CapturedOutput output) {
        // given
        Path folder = parent.resolve("site-value-sets");

        // when
        start(folder, "missing-folder");

        // then
        assertShortReport(
                output,
                "cds.terminology.site-value-sets: " + folder + ": no such folder",
                "Point cds.terminology.site-value-sets (environment variable CDS_TERMINOLOGY_SITEVALUESETS) at a"
                        + " folder the service can read: the section \"Local codes\" of docs/governance.md says what it holds.");
    }
}
