package org.rplcds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
            "Should build the image from the jar's layers, with an ahead-of-time cache trained with the entry point's object headers, and a readiness health check")
    void dockerfileHasLayersAndHealth() throws IOException {
        // given
        String text = Files.readString(Path.of("Dockerfile"));
        Dockerfile dockerfile = Dockerfile.read(Path.of("Dockerfile"));

        // when
        List<String> training = dockerfile.trainingJavaOptions();
        List<String> entryPoint = dockerfile.javaOptions();

        // then: the jar's layers, a health check on readiness
        assertThat(text).contains("-Djarmode=tools", "extract --layers");
        assertThat(dockerfile.healthCheck())
                .hasValueSatisfying(check -> assertThat(check).contains("/actuator/health/readiness"));
        // the cache is made by a start that Spring Boot ends at refresh, and the entry point uses it
        assertThat(dockerfile.baseImage()).startsWith("eclipse-temurin:25");
        assertThat(training).contains("-XX:AOTCacheOutput=app.aot", "-Dspring.context.exit=onRefresh");
        assertThat(entryPoint)
                .contains("-XX:AOTCache=app.aot", "-XX:+ExitOnOutOfMemoryError")
                .anySatisfy(option -> assertThat(option).startsWith("-Xmx"));
        assertThat(dockerfile.jar()).isEqualTo("recurrent-miscarriage-cds.jar");
        // the JVM refuses a cache made with other object headers: the training has the entry point's
        assertThat(objectHeaders(training))
                .isEqualTo(objectHeaders(entryPoint))
                .containsExactly("-XX:+UseCompactObjectHeaders");
    }

    /** The options that choose the object headers' layout (compact headers, compressed class pointers). */
    static List<String> objectHeaders(List<String> options) {
        return options.stream()
                .filter(option -> option.contains("CompactObjectHeaders") || option.contains("CompressedClassPointers"))
                .toList();
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
