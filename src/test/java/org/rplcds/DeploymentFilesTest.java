package org.rplcds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rplcds.support.Dockerfile;
import org.yaml.snakeyaml.Yaml;

@DisplayName("Deployment files")
class DeploymentFilesTest {

    @Nested
    @DisplayName("docker-compose.yml")
    class Compose {

        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> services() throws IOException {
            Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
            return (Map<String, Map<String, Object>>) compose.get("services");
        }

        @Test
        @DisplayName("Should pin every image to a released tag, never latest")
        void pinsImages() throws IOException {
            services().forEach((name, service) -> {
                Object image = service.get("image");
                if (image != null) {
                    assertThat(image.toString()).as(name).contains(":").doesNotEndWith(":latest");
                }
            });
            assertThat(services().get("fhir").get("image")).isEqualTo("hapiproject/hapi:v8.8.0-1");
        }

        @Test
        @DisplayName("Should start a service only when each long-running service it needs is healthy")
        @SuppressWarnings("unchecked")
        void waitsForHealth() throws IOException {
            Map<String, Map<String, Object>> services = services();
            services.forEach((name, service) -> {
                var needs = (Map<String, Map<String, String>>) service.getOrDefault("depends_on", Map.of());
                needs.forEach((needed, how) -> {
                    boolean runsOnce = services.get(needed).containsKey("command")
                            && !services.get(needed).containsKey("healthcheck");
                    if (runsOnce) {
                        assertThat(how.get("condition"))
                                .as(name + " -> " + needed)
                                .isEqualTo("service_completed_successfully");
                    } else {
                        assertThat(how.get("condition"))
                                .as(name + " -> " + needed)
                                .isEqualTo("service_healthy");
                        assertThat(services.get(needed))
                                .as(needed + " health check")
                                .containsKey("healthcheck");
                    }
                });
            });
            assertThat((Map<String, Object>) services.get("cds").get("depends_on"))
                    .containsKeys("postgres", "fhir");
        }
    }

    @Test
    @DisplayName(
            "Should build the image from the jar's layers, with a class-data sharing archive and a readiness health check")
    void dockerfileHasLayersAndHealth() throws IOException {
        String dockerfile = Files.readString(Path.of("Dockerfile"));

        assertThat(dockerfile)
                .contains("-Djarmode=tools", "extract --layers")
                .contains("HEALTHCHECK")
                .contains("/actuator/health/readiness")
                .contains("-XX:ArchiveClassesAtExit=application.jsa", "-Dspring.context.exit=onRefresh")
                .contains("-XX:SharedArchiveFile=application.jsa -jar recurrent-miscarriage-cds.jar")
                .contains("-XX:+ExitOnOutOfMemoryError", "-Xmx${JAVA_HEAP}");
    }

    @Test
    @DisplayName("Should run as a numeric non-root user that owns the data folder, declared as a volume")
    void ownsItsDataFolder() throws IOException {
        // given
        Dockerfile dockerfile = Dockerfile.read(Path.of("Dockerfile"));
        String data = dockerfile.workingDirectory() + "/data";

        // when
        long uid = dockerfile.createdUid();
        long gid = dockerfile.createdGid();

        // then: H2's ./data/feedback of the default profile is writable by the user the image runs as
        assertThat(uid).isPositive();
        assertThat(dockerfile.user()).isEqualTo(uid + ":" + gid);
        assertThat(dockerfile.instructions()).anySatisfy(instruction -> assertThat(instruction.arguments())
                .contains("install -d -o " + uid + " -g " + gid + " " + data));
        assertThat(dockerfile.volumes()).containsExactly(data);
        assertThat(Files.readString(Path.of("src/main/resources/application.yml")))
                .contains("jdbc:h2:file:./data/feedback");
    }
}
