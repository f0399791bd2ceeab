package org.rplcds;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1ConfigMapVolumeSource;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ContainerPort;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1HTTPGetAction;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1PodSecurityContext;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Probe;
import io.kubernetes.client.openapi.models.V1SecurityContext;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServicePort;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import io.kubernetes.client.openapi.models.V2MetricSpec;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rplcds.support.Dockerfile;
import org.rplcds.support.KubernetesManifests;
import org.springframework.boot.convert.DurationStyle;
import org.yaml.snakeyaml.Yaml;

/**
 * The Kubernetes manifests of deploy/kubernetes: each object read strictly against the Kubernetes
 * API's object model ({@link KubernetesManifests}), and the facts they share with the service
 * (its settings), the image (the Dockerfile) and each other checked together. A broken copy of the
 * manifests shows that each check can fail.
 */
@DisplayName("Kubernetes manifests")
class DeploymentManifestsTest {

    static final Path FOLDER = Path.of("deploy/kubernetes");

    /** What the kustomization may say: the fields of Kustomize's Kustomization that these files use or may use. */
    static final Set<String> KUSTOMIZE_FIELDS = Set.of(
            "apiVersion",
            "kind",
            "resources",
            "labels",
            "commonAnnotations",
            "namespace",
            "namePrefix",
            "nameSuffix",
            "configMapGenerator",
            "secretGenerator",
            "generatorOptions",
            "images",
            "patches",
            "replicas");

    /** Memory the measured JVM held beside its heap (the figures in deployment.yaml): about 280 MB. */
    static final long BESIDE_HEAP_BYTES = 300L * 1024 * 1024;

    /** Closing the context after the drain (pools, database) takes well under this. */
    static final Duration CLOSING = Duration.ofSeconds(5);

    /** Everything the checks read: the manifests of one folder, the image and the service's settings. */
    record Facts(
            KubernetesManifests manifests,
            Map<String, Object> kustomization,
            Dockerfile dockerfile,
            Map<String, Object> settings,
            String postgresSettings,
            Map<String, Object> compose,
            String version) {

        static Facts of(Path folder) throws IOException {
            return new Facts(
                    KubernetesManifests.read(folder),
                    yaml(folder.resolve(KubernetesManifests.KUSTOMIZATION)),
                    Dockerfile.read(Path.of("Dockerfile")),
                    yaml(Path.of("src/main/resources/application.yml")),
                    Files.readString(Path.of("src/main/resources/application-postgres.yml")),
                    yaml(Path.of("docker-compose.yml")),
                    projectVersion());
        }

        Path folder() {
            return manifests.folder();
        }

        V1Deployment deployment() {
            return manifests.only(V1Deployment.class);
        }

        V1PodSpec pod() {
            return deployment().getSpec().getTemplate().getSpec();
        }

        V1Container container() {
            return pod().getContainers().get(0);
        }

        Map<String, String> podLabels() {
            return deployment().getSpec().getTemplate().getMetadata().getLabels();
        }

        Optional<V1EnvVar> env(String name) {
            return Optional.ofNullable(container().getEnv()).orElse(List.of()).stream()
                    .filter(variable -> variable.getName().equals(name))
                    .findFirst();
        }

        /** A setting of application.yml by its dotted path, as written there. */
        Object setting(String path) {
            return at(settings, path);
        }

        /** The configMapGenerator entries of the kustomization: name, then key to file. */
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Path>> generatedConfigMaps() {
            Map<String, Map<String, Path>> configMaps = new LinkedHashMap<>();
            for (Map<String, Object> generator :
                    (List<Map<String, Object>>) kustomization.getOrDefault("configMapGenerator", List.of())) {
                Map<String, Path> keys = new LinkedHashMap<>();
                for (String file : (List<String>) generator.getOrDefault("files", List.of())) {
                    String[] keyFile = file.split("=", 2);
                    Path source = folder().resolve(keyFile.length == 2 ? keyFile[1] : keyFile[0]);
                    keys.put(
                            keyFile.length == 2
                                    ? keyFile[0]
                                    : source.getFileName().toString(),
                            source);
                }
                configMaps.put((String) generator.get("name"), keys);
            }
            return configMaps;
        }
    }

    /** A fact the files must share: what breaks it, one line each; none when it holds. */
    record Check(String name, Function<Facts, List<String>> problems) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Check> CHECKS = List.of(
            new Check(
                    "the kustomization lists every manifest, with known fields",
                    DeploymentManifestsTest::kustomization),
            new Check("the container listens on the image's port", DeploymentManifestsTest::port),
            new Check("every probe asks a health group the service serves", DeploymentManifestsTest::probes),
            new Check("the Service selects the pods and sends to their port", DeploymentManifestsTest::service),
            new Check(
                    "the disruption budget and the autoscaler name the Deployment's pods",
                    DeploymentManifestsTest::scaling),
            new Check(
                    "the site's configuration is mounted where SPRING_CONFIG_ADDITIONAL_LOCATION says",
                    DeploymentManifestsTest::siteConfiguration),
            new Check(
                    "secrets are referenced, never written, and the postgres profile gets all it reads",
                    DeploymentManifestsTest::secretsAndProfile),
            new Check("the pod runs as the image's user on a read-only root", DeploymentManifestsTest::security),
            new Check(
                    "the grace period outlasts the preStop pause, the drain and the close",
                    DeploymentManifestsTest::gracePeriod),
            new Check("the image's heap fits the memory limit", DeploymentManifestsTest::memory),
            new Check("the image is the project's version", DeploymentManifestsTest::image));

    @Nested
    @DisplayName("Against the Kubernetes API's object model")
    class Schema {

        @Test
        @DisplayName("Should read every object strictly into its model")
        void readsStrictly() throws IOException {
            // when
            KubernetesManifests manifests = KubernetesManifests.read(FOLDER);

            // then
            assertThat(manifests.problems()).isEmpty();
            assertThat(manifests.all())
                    .extracting(KubernetesManifests.Manifest::kind)
                    .containsExactlyInAnyOrder(
                            "Deployment", "HorizontalPodAutoscaler", "PodDisruptionBudget", "Service");
        }
    }

    @Nested
    @DisplayName("Beside the service, the image and each other")
    class CrossFile {

        static Stream<Check> checks() {
            return CHECKS.stream();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("checks")
        @DisplayName("Should hold")
        void holds(Check check) throws IOException {
            // given
            Facts facts = Facts.of(FOLDER);

            // when
            List<String> problems = check.problems().apply(facts);

            // then
            assertThat(problems).isEmpty();
        }

        @Test
        @DisplayName("Should give docker compose's container longer to stop than the drain, as Kubernetes gets")
        void composeOutlastsTheDrain() throws IOException {
            // given
            Facts facts = Facts.of(FOLDER);
            @SuppressWarnings("unchecked")
            Map<String, Object> cds = (Map<String, Object>) at(facts.compose(), "services.cds");

            // when
            Duration stop = DurationStyle.detectAndParse(String.valueOf(cds.get("stop_grace_period")));

            // then
            assertThat(stop).isGreaterThan(drain(facts));
        }
    }

    @Nested
    @DisplayName("A broken copy")
    class Broken {

        @TempDir
        Path copy;

        /** The manifests copied, with one text replaced in one file. */
        Facts broken(String file, String text, String replacement) throws IOException {
            try (Stream<Path> files = Files.walk(FOLDER)) {
                for (Path source : files.toList()) {
                    Path target = copy.resolve(FOLDER.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target);
                    }
                }
            }
            Path target = copy.resolve(file);
            String content = Files.readString(target);
            assertThat(content).as("the text to break in " + file).contains(text);
            Files.writeString(target, content.replace(text, replacement));
            return Facts.of(copy);
        }

        static Stream<Arguments> schemaBreaks() {
            return Stream.of(
                    Arguments.of(
                            "a misspelt probe",
                            "deployment.yaml",
                            "readinessProbe:",
                            "readinesProbe:",
                            "The field `readinesProbe` in the JSON string is not defined in the `V1Container` properties"),
                    Arguments.of(
                            "a misspelt field deep in the pod",
                            "deployment.yaml",
                            "allowPrivilegeEscalation:",
                            "allowPriviledgeEscalation:",
                            "`allowPriviledgeEscalation` in the JSON string is not defined in the `V1SecurityContext`"),
                    Arguments.of(
                            "a field of another kind",
                            "service.yaml",
                            "  type: ClusterIP",
                            "  type: ClusterIP\n  replicas: 2",
                            "`replicas` in the JSON string is not defined in the `V1ServiceSpec`"),
                    Arguments.of(
                            "a name where a port number belongs",
                            "deployment.yaml",
                            "containerPort: 8080",
                            "containerPort: http",
                            "a value of the wrong type"),
                    Arguments.of(
                            "a string where a boolean belongs",
                            "deployment.yaml",
                            "runAsNonRoot: true",
                            "runAsNonRoot: \"yes\"",
                            "/spec/template/spec/securityContext/runAsNonRoot: \"yes\" written, read as false"),
                    Arguments.of(
                            "a quoted number",
                            "deployment.yaml",
                            "terminationGracePeriodSeconds: 35",
                            "terminationGracePeriodSeconds: \"35\"",
                            "/spec/template/spec/terminationGracePeriodSeconds: \"35\" written, read as 35"),
                    Arguments.of(
                            "a string where a list belongs",
                            "deployment.yaml",
                            "drop: [ALL]",
                            "drop: ALL",
                            "Expected the field `drop` to be an array"),
                    Arguments.of(
                            "a required field left out",
                            "horizontalpodautoscaler.yaml",
                            "  maxReplicas: 6\n",
                            "",
                            "The required field `maxReplicas` is not found"),
                    Arguments.of(
                            "an API version the kind does not have",
                            "horizontalpodautoscaler.yaml",
                            "apiVersion: autoscaling/v2",
                            "apiVersion: autoscaling/v3",
                            "no model for apiVersion autoscaling/v3 kind HorizontalPodAutoscaler"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("schemaBreaks")
        @DisplayName("Should be refused by the API's model for")
        void refusedByTheModel(String what, String file, String text, String replacement, String problem)
                throws IOException {
            // given
            Facts facts = broken(file, text, replacement);

            // when
            List<String> problems = facts.manifests().problems();

            // then
            assertThat(problems).singleElement().asString().startsWith(file).contains(problem);
        }

        static Stream<Arguments> crossFileBreaks() {
            return Stream.of(
                    Arguments.of(
                            "a ConfigMap key the generator does not make",
                            "deployment.yaml",
                            "- key: application.yml",
                            "- key: application.yaml",
                            "the site's configuration is mounted",
                            "key application.yaml"),
                    Arguments.of(
                            "a mount the configuration location does not name",
                            "deployment.yaml",
                            "mountPath: /etc/cds/config",
                            "mountPath: /etc/cds/site",
                            "the site's configuration is mounted",
                            "/etc/cds/config/"),
                    Arguments.of(
                            "another uid than the image's",
                            "deployment.yaml",
                            "runAsUser: 10001",
                            "runAsUser: 1000",
                            "the pod runs as the image's user",
                            "runAsUser 1000"),
                    Arguments.of(
                            "a probe path the service does not serve",
                            "deployment.yaml",
                            "path: /actuator/health/readiness",
                            "path: /actuator/health/ready",
                            "every probe asks a health group",
                            "/actuator/health/ready"),
                    Arguments.of(
                            "a probe on a port the container does not declare",
                            "deployment.yaml",
                            "port: http\n            periodSeconds: 10",
                            "port: web\n            periodSeconds: 10",
                            "every probe asks a health group",
                            "port web"),
                    Arguments.of(
                            "a grace period shorter than the drain",
                            "deployment.yaml",
                            "terminationGracePeriodSeconds: 35",
                            "terminationGracePeriodSeconds: 20",
                            "the grace period outlasts",
                            "20 s"),
                    Arguments.of(
                            "a password written into the manifest",
                            "deployment.yaml",
                            "- name: CDS_DB_PASSWORD\n              valueFrom:\n                secretKeyRef:\n"
                                    + "                  name: recurrent-miscarriage-cds\n"
                                    + "                  key: db-password",
                            "- name: CDS_DB_PASSWORD\n              value: cds",
                            "secrets are referenced",
                            "CDS_DB_PASSWORD"),
                    Arguments.of(
                            "a Service selecting no pod",
                            "service.yaml",
                            "  selector:\n    app.kubernetes.io/name: recurrent-miscarriage-cds",
                            "  selector:\n    app.kubernetes.io/name: cds",
                            "the Service selects the pods",
                            "selector"),
                    Arguments.of(
                            "another port than the image's",
                            "deployment.yaml",
                            "containerPort: 8080",
                            "containerPort: 8081",
                            "the container listens on the image's port",
                            "the image exposes [8080]"),
                    Arguments.of(
                            "an autoscaler of another Deployment",
                            "horizontalpodautoscaler.yaml",
                            "    name: recurrent-miscarriage-cds\n  minReplicas",
                            "    name: cds\n  minReplicas",
                            "the disruption budget and the autoscaler",
                            "the autoscaler scales Deployment cds"),
                    Arguments.of(
                            "a memory limit the heap does not fit in",
                            "deployment.yaml",
                            "limits:\n              cpu: \"2\"\n              memory: 1Gi",
                            "limits:\n              cpu: \"2\"\n              memory: 768Mi",
                            "the image's heap fits",
                            "a memory limit of 768Mi"),
                    Arguments.of(
                            "an image of another version",
                            "deployment.yaml",
                            "image: recurrent-miscarriage-cds:2.0.0",
                            "image: recurrent-miscarriage-cds:1.9.0",
                            "the image is the project's version",
                            "the project is version 2.0.0"),
                    Arguments.of(
                            "a manifest the kustomization leaves out",
                            "kustomization.yaml",
                            "  - service.yaml\n",
                            "",
                            "the kustomization lists every manifest",
                            "service.yaml"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("crossFileBreaks")
        @DisplayName("Should break a shared fact with")
        void breaksASharedFact(
                String what, String file, String text, String replacement, String checkName, String problem)
                throws IOException {
            // given
            Facts facts = broken(file, text, replacement);
            Check check = CHECKS.stream()
                    .filter(candidate -> candidate.name().startsWith(checkName))
                    .findFirst()
                    .orElseThrow();
            assertThat(facts.manifests().problems())
                    .as("still valid for the API")
                    .isEmpty();

            // when
            List<String> problems = check.problems().apply(facts);

            // then
            assertThat(problems).isNotEmpty().anySatisfy(line -> assertThat(line)
                    .contains(problem));
        }
    }

    // The checks, each a list of problems.

    @SuppressWarnings("unchecked")
    static List<String> kustomization(Facts facts) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> kustomization = facts.kustomization();
        kustomization.keySet().stream()
                .filter(field -> !KUSTOMIZE_FIELDS.contains(field))
                .forEach(field -> problems.add("kustomization.yaml: field " + field + " is not Kustomize's"));
        if (!"kustomize.config.k8s.io/v1beta1".equals(kustomization.get("apiVersion"))
                || !"Kustomization".equals(kustomization.get("kind"))) {
            problems.add("kustomization.yaml: not a kustomize.config.k8s.io/v1beta1 Kustomization");
        }
        Set<String> listed = Set.copyOf((List<String>) kustomization.getOrDefault("resources", List.of()));
        try {
            for (Path file : KubernetesManifests.manifestFiles(facts.folder())) {
                if (!listed.contains(file.getFileName().toString())) {
                    problems.add("kustomization.yaml: resources leave out " + file.getFileName());
                }
            }
        } catch (IOException e) {
            problems.add(e.toString());
        }
        for (String resource : listed) {
            if (!Files.isRegularFile(facts.folder().resolve(resource))) {
                problems.add("kustomization.yaml: resource " + resource + " is no file");
            }
        }
        facts.generatedConfigMaps()
                .forEach((name, keys) -> keys.forEach((key, file) -> {
                    if (!Files.isRegularFile(file)) {
                        problems.add("kustomization.yaml: ConfigMap " + name + " key " + key + " reads " + file
                                + ", no file");
                    }
                }));
        return problems;
    }

    static List<String> port(Facts facts) {
        List<String> problems = new ArrayList<>();
        List<Integer> containerPorts = Optional.ofNullable(facts.container().getPorts()).orElse(List.of()).stream()
                .map(V1ContainerPort::getContainerPort)
                .toList();
        String imagePort = facts.dockerfile().environment().get("PORT");
        if (!facts.dockerfile().exposedPorts().equals(containerPorts)) {
            problems.add("container ports " + containerPorts + ", the image exposes "
                    + facts.dockerfile().exposedPorts());
        }
        if (!containerPorts.equals(List.of(Integer.valueOf(imagePort)))) {
            problems.add("container ports " + containerPorts + ", the image's PORT is " + imagePort);
        }
        if (!"${PORT:8080}".equals(facts.setting("server.port"))) {
            problems.add("application.yml server.port is " + facts.setting("server.port") + ", not ${PORT:8080}");
        }
        if (facts.env("PORT").isPresent()) {
            problems.add("the Deployment sets PORT: the image's is the one its probes and ports are written for");
        }
        return problems;
    }

    static List<String> probes(Facts facts) {
        List<String> problems = new ArrayList<>();
        V1Container container = facts.container();
        if (!Boolean.TRUE.equals(facts.setting("management.endpoint.health.probes.enabled"))) {
            problems.add("application.yml does not enable the health probes");
        }
        if (!String.valueOf(facts.setting("management.endpoints.web.exposure.include"))
                .contains("health")) {
            problems.add("application.yml does not expose the health endpoint");
        }
        Set<String> portNames = Optional.ofNullable(container.getPorts()).orElse(List.of()).stream()
                .map(V1ContainerPort::getName)
                .filter(Objects::nonNull)
                .collect(java.util.stream.Collectors.toSet());
        Map<String, V1Probe> probes = new LinkedHashMap<>();
        probes.put("startupProbe", container.getStartupProbe());
        probes.put("livenessProbe", container.getLivenessProbe());
        probes.put("readinessProbe", container.getReadinessProbe());
        Map<String, String> paths = Map.of(
                "startupProbe", "/actuator/health/liveness",
                "livenessProbe", "/actuator/health/liveness",
                "readinessProbe", "/actuator/health/readiness");
        probes.forEach((name, probe) -> {
            V1HTTPGetAction get = probe == null ? null : probe.getHttpGet();
            if (get == null) {
                problems.add(name + " is no HTTP GET");
                return;
            }
            if (!paths.get(name).equals(get.getPath())) {
                problems.add(name + " asks " + get.getPath() + ", the service's is " + paths.get(name));
            }
            IntOrString port = get.getPort();
            if (port.isInteger()
                    ? !containerPortNumbers(container).contains(port.getIntValue())
                    : !portNames.contains(port.getStrValue())) {
                problems.add(name + " asks port " + port + ", which the container does not declare");
            }
        });
        String healthCheck = facts.dockerfile().healthCheck().orElse("");
        if (!healthCheck.contains(paths.get("readinessProbe"))) {
            problems.add("the image's HEALTHCHECK does not ask " + paths.get("readinessProbe"));
        }
        return problems;
    }

    static List<Integer> containerPortNumbers(V1Container container) {
        return Optional.ofNullable(container.getPorts()).orElse(List.of()).stream()
                .map(V1ContainerPort::getContainerPort)
                .toList();
    }

    static List<String> service(Facts facts) {
        List<String> problems = new ArrayList<>();
        V1Service service = facts.manifests().only(V1Service.class);
        Map<String, String> selector = service.getSpec().getSelector();
        if (selector == null
                || selector.isEmpty()
                || !facts.podLabels().entrySet().containsAll(selector.entrySet())) {
            problems.add("the Service's selector " + selector + " does not select pods labelled " + facts.podLabels());
        }
        for (V1ServicePort port : service.getSpec().getPorts()) {
            IntOrString target = port.getTargetPort();
            boolean declared = target.isInteger()
                    ? containerPortNumbers(facts.container()).contains(target.getIntValue())
                    : facts.container().getPorts().stream()
                            .anyMatch(p -> target.getStrValue().equals(p.getName()));
            if (!declared) {
                problems.add("the Service sends to port " + target + ", which the container does not declare");
            }
        }
        return problems;
    }

    static List<String> scaling(Facts facts) {
        List<String> problems = new ArrayList<>();
        V1Deployment deployment = facts.deployment();
        if (!facts.podLabels()
                .entrySet()
                .containsAll(deployment.getSpec().getSelector().getMatchLabels().entrySet())) {
            problems.add("the Deployment's selector does not select its own pods");
        }
        V1PodDisruptionBudget budget = facts.manifests().only(V1PodDisruptionBudget.class);
        if (!facts.podLabels()
                .entrySet()
                .containsAll(budget.getSpec().getSelector().getMatchLabels().entrySet())) {
            problems.add("the PodDisruptionBudget's selector does not select the pods");
        }
        V2HorizontalPodAutoscaler autoscaler = facts.manifests().only(V2HorizontalPodAutoscaler.class);
        var target = autoscaler.getSpec().getScaleTargetRef();
        if (!"Deployment".equals(target.getKind())
                || !"apps/v1".equals(target.getApiVersion())
                || !deployment.getMetadata().getName().equals(target.getName())) {
            problems.add("the autoscaler scales " + target.getKind() + " " + target.getName());
        }
        int least = Optional.ofNullable(autoscaler.getSpec().getMinReplicas()).orElse(1);
        IntOrString minAvailable = budget.getSpec().getMinAvailable();
        if (minAvailable == null || !minAvailable.isInteger() || minAvailable.getIntValue() >= least) {
            problems.add("the budget keeps " + minAvailable + " of at least " + least + " pods: none may be drained");
        }
        if (deployment.getSpec().getReplicas() != null) {
            problems.add("the Deployment sets replicas, which each apply would reset under the autoscaler");
        }
        for (V2MetricSpec metric : autoscaler.getSpec().getMetrics()) {
            String resource =
                    metric.getResource() == null ? null : metric.getResource().getName();
            Map<String, Quantity> requests = facts.container().getResources().getRequests();
            if (resource != null && (requests == null || !requests.containsKey(resource))) {
                problems.add("the autoscaler reads " + resource + " use, which the container does not request");
            }
        }
        return problems;
    }

    static List<String> siteConfiguration(Facts facts) {
        List<String> problems = new ArrayList<>();
        String location = facts.env("SPRING_CONFIG_ADDITIONAL_LOCATION")
                .map(V1EnvVar::getValue)
                .orElse(null);
        if (location == null) {
            problems.add("no SPRING_CONFIG_ADDITIONAL_LOCATION");
            return problems;
        }
        Map<String, Map<String, Path>> configMaps = facts.generatedConfigMaps();
        for (V1Volume volume : facts.pod().getVolumes()) {
            V1ConfigMapVolumeSource source = volume.getConfigMap();
            if (source == null) {
                continue;
            }
            Map<String, Path> keys = configMaps.get(source.getName());
            if (keys == null) {
                problems.add("volume " + volume.getName() + " mounts ConfigMap " + source.getName()
                        + ", which the kustomization does not make");
                continue;
            }
            Optional.ofNullable(source.getItems()).orElse(List.of()).forEach(item -> {
                if (!keys.containsKey(item.getKey())) {
                    problems.add("volume " + volume.getName() + " asks key " + item.getKey() + " of ConfigMap "
                            + source.getName() + ", which has " + keys.keySet());
                }
            });
            List<V1VolumeMount> mounts = facts.container().getVolumeMounts().stream()
                    .filter(mount -> mount.getName().equals(volume.getName()))
                    .toList();
            for (V1VolumeMount mount : mounts) {
                if (!(mount.getMountPath() + "/").equals(location)) {
                    problems.add("ConfigMap " + source.getName() + " is mounted at " + mount.getMountPath()
                            + ", SPRING_CONFIG_ADDITIONAL_LOCATION names " + location);
                }
                if (!Boolean.TRUE.equals(mount.getReadOnly())) {
                    problems.add("ConfigMap " + source.getName() + " is mounted writable");
                }
            }
            keys.forEach((key, file) -> {
                try {
                    new Yaml().load(Files.readString(file));
                } catch (IOException | RuntimeException e) {
                    problems.add("ConfigMap key " + key + " (" + file + ") is not YAML: " + e.getMessage());
                }
            });
        }
        if (configMaps.isEmpty()) {
            problems.add("the kustomization makes no ConfigMap for the site's configuration");
        }
        return problems;
    }

    static List<String> secretsAndProfile(Facts facts) {
        List<String> problems = new ArrayList<>();
        for (String secret : List.of("CDS_DB_USER", "CDS_DB_PASSWORD", "CDS_SECURITY_AUDIENCE")) {
            Optional<V1EnvVar> variable = facts.env(secret);
            boolean referenced = variable.map(V1EnvVar::getValueFrom)
                    .map(from -> from.getSecretKeyRef() != null)
                    .orElse(false);
            if (!referenced) {
                problems.add(secret + " is not taken from a Secret (secretKeyRef)");
            }
        }
        for (V1EnvVar variable : facts.container().getEnv()) {
            if (variable.getValue() != null && variable.getName().matches(".*(PASSWORD|SECRET|TOKEN|KEY).*")) {
                problems.add(variable.getName() + " is written into the manifest");
            }
        }
        if (facts.manifests().all().stream().anyMatch(manifest -> "Secret".equals(manifest.kind()))) {
            problems.add("a Secret is kept among the manifests");
        }
        String profiles =
                facts.env("SPRING_PROFILES_ACTIVE").map(V1EnvVar::getValue).orElse("");
        if (!List.of(profiles.split(",")).contains("postgres")
                || List.of(profiles.split(",")).contains("demo")) {
            problems.add("SPRING_PROFILES_ACTIVE is '" + profiles + "', not the production database's postgres");
        }
        Matcher placeholder = Pattern.compile("\\$\\{(\\w+)").matcher(facts.postgresSettings());
        while (placeholder.find()) {
            if (facts.env(placeholder.group(1)).isEmpty()) {
                problems.add("application-postgres.yml reads " + placeholder.group(1) + ", which the pod does not set");
            }
        }
        return problems;
    }

    static List<String> security(Facts facts) {
        List<String> problems = new ArrayList<>();
        V1PodSecurityContext pod = facts.pod().getSecurityContext();
        V1SecurityContext container = facts.container().getSecurityContext();
        long uid = facts.dockerfile().createdUid();
        long gid = facts.dockerfile().createdGid();
        if (!facts.dockerfile().user().equals(uid + ":" + gid)) {
            problems.add("the image's USER " + facts.dockerfile().user() + " is not " + uid + ":" + gid
                    + " as numbers (runAsNonRoot needs them)");
        }
        if (pod == null || !Boolean.TRUE.equals(pod.getRunAsNonRoot())) {
            problems.add("the pod does not ask runAsNonRoot");
        }
        if (pod == null || !Long.valueOf(uid).equals(pod.getRunAsUser())) {
            problems.add("runAsUser " + (pod == null ? null : pod.getRunAsUser()) + ", the image's uid is " + uid);
        }
        if (pod == null || !Long.valueOf(gid).equals(pod.getRunAsGroup())) {
            problems.add("runAsGroup " + (pod == null ? null : pod.getRunAsGroup()) + ", the image's gid is " + gid);
        }
        if (container == null
                || !Boolean.TRUE.equals(container.getReadOnlyRootFilesystem())
                || !Boolean.FALSE.equals(container.getAllowPrivilegeEscalation())) {
            problems.add("the container's root is not read-only, or it may gain privileges");
        }
        boolean tmp = facts.container().getVolumeMounts().stream()
                .filter(mount -> mount.getMountPath().equals("/tmp"))
                .anyMatch(mount -> facts.pod().getVolumes().stream()
                        .anyMatch(volume -> volume.getName().equals(mount.getName()) && volume.getEmptyDir() != null));
        if (!tmp) {
            problems.add("no emptyDir at /tmp for the JVM's and Tomcat's temporary files");
        }
        return problems;
    }

    static List<String> gracePeriod(Facts facts) {
        List<String> problems = new ArrayList<>();
        if (!"graceful".equals(facts.setting("server.shutdown"))) {
            problems.add("application.yml server.shutdown is not graceful");
        }
        Duration pause = Optional.ofNullable(facts.container().getLifecycle())
                .map(lifecycle -> lifecycle.getPreStop())
                .map(preStop -> preStop.getExec())
                .map(exec -> exec.getCommand())
                .filter(command -> command.size() == 2 && command.get(0).equals("sleep"))
                .map(command -> Duration.ofSeconds(Long.parseLong(command.get(1))))
                .orElse(Duration.ZERO);
        Duration needed = pause.plus(drain(facts)).plus(CLOSING);
        long grace = Optional.ofNullable(facts.pod().getTerminationGracePeriodSeconds())
                .orElse(30L);
        if (grace < needed.toSeconds()) {
            problems.add("terminationGracePeriodSeconds " + grace + " s, less than the preStop pause "
                    + pause.toSeconds() + " s + the drain " + drain(facts).toSeconds() + " s + " + CLOSING.toSeconds()
                    + " s to close");
        }
        return problems;
    }

    static List<String> memory(Facts facts) {
        List<String> problems = new ArrayList<>();
        String imageHeap = facts.dockerfile().environment().get("JAVA_HEAP");
        String heap = facts.env("JAVA_HEAP").map(V1EnvVar::getValue).orElse(imageHeap);
        if (!heap.equals(imageHeap)) {
            problems.add("JAVA_HEAP " + heap + ", the image's is " + imageHeap + " (the measured figures are for it)");
        }
        Quantity limit = facts.container().getResources().getLimits().get("memory");
        Quantity request = facts.container().getResources().getRequests().get("memory");
        if (limit == null || request == null) {
            problems.add("no memory request and limit");
            return problems;
        }
        BigDecimal needed = BigDecimal.valueOf(javaBytes(heap) + BESIDE_HEAP_BYTES);
        if (limit.getNumber().compareTo(needed) < 0) {
            problems.add("a memory limit of " + limit.toSuffixedString() + " under the heap " + heap
                    + " and the 300 MB beside it");
        }
        if (request.getNumber().compareTo(limit.getNumber()) != 0) {
            problems.add("a memory request below the limit: the node may not have what the JVM will take");
        }
        return problems;
    }

    static List<String> image(Facts facts) {
        String image = facts.container().getImage();
        return image.endsWith(":" + facts.version())
                ? List.of()
                : List.of("image " + image + ", the project is version " + facts.version());
    }

    // Reading the files.

    static Duration drain(Facts facts) {
        return DurationStyle.detectAndParse(
                String.valueOf(facts.setting("spring.lifecycle.timeout-per-shutdown-phase")));
    }

    /** A JVM size ({@code 512m}, {@code 1g}) in bytes. */
    static long javaBytes(String size) {
        Matcher matcher = Pattern.compile("(\\d+)([kKmMgG]?)").matcher(size);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a JVM size: " + size);
        }
        long number = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2).toLowerCase()) {
            case "k" -> number << 10;
            case "m" -> number << 20;
            case "g" -> number << 30;
            default -> number;
        };
    }

    static Map<String, Object> yaml(Path file) throws IOException {
        return new Yaml().load(Files.readString(file));
    }

    /** The value at a dotted path of nested maps, or null. */
    @SuppressWarnings("unchecked")
    static Object at(Map<String, Object> map, String path) {
        Object value = map;
        for (String key : path.split("\\.")) {
            if (!(value instanceof Map)) {
                return null;
            }
            value = ((Map<String, Object>) value).get(key);
        }
        return value;
    }

    static String projectVersion() throws IOException {
        Matcher version = Pattern.compile(
                        "<artifactId>recurrent-miscarriage-cds</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        if (!version.find()) {
            throw new IllegalStateException("no version in pom.xml");
        }
        return version.group(1);
    }
}
