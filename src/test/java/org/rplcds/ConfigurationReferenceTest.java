package org.rplcds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.FileSystemResource;

/**
 * {@code docs/configuration.md} against the settings the service binds. The settings are read from
 * the code: the components of {@link CdsSettings} and of the records it nests, by their relaxed
 * (kebab-case) names, each with the default its {@link DefaultValue} gives. A map is one documented
 * row with a placeholder ({@code cds.rules.<id>.mode}); a list of records is documented per item
 * ({@code cds.security.trusted-clients[n].issuer}). In a table row of the documentation the first
 * cell names the setting and the first code span of the second cell is its default; a setting
 * without a default has no code span there. Only tables whose second column is headed "Default" are
 * read: other tables may name {@code cds.} fields of logs and traces.
 */
@DisplayName("The configuration reference, docs/configuration.md")
class ConfigurationReferenceTest {

    static final Path REFERENCE = Path.of("docs/configuration.md");
    static final Path DOCS = Path.of("docs");
    static final Path APPLICATION_YML = Path.of("src/main/resources/application.yml");

    /** A table row that documents a setting: {@code | `cds.x.y` | `default` ... | meaning |}. */
    static final Pattern ROW = Pattern.compile("^\\|\\s*`(cds\\.[^`]+)`[^|]*\\|([^|]*)\\|");

    static final Pattern CODE_SPAN = Pattern.compile("`([^`]*)`");

    /**
     * One setting as the code binds it.
     *
     * @param name its relaxed name; {@code <*>} stands for a map key, {@code [*]} for a list index
     * @param defaultValue the default its annotation gives; empty when it has none
     * @param map whether it is a map, documented by one row per kind of key
     */
    record Bound(String name, Optional<String> defaultValue, boolean map) {

        boolean documentedBy(String documented) {
            return map ? documented.equals(name) || documented.startsWith(name + ".") : documented.equals(name);
        }
    }

    /**
     * One documented row.
     *
     * @param file where it is
     * @param name the setting as written, its placeholders made {@code <*>} and {@code [*]}
     * @param defaultValue the first code span of its default cell; empty when there is none
     */
    record Documented(Path file, String name, Optional<String> defaultValue) {}

    /** Every setting of {@link CdsSettings}, in the order its records declare them. */
    static List<Bound> bound() {
        List<Bound> settings = new ArrayList<>();
        collect(CdsSettings.class, "cds", settings);
        return settings;
    }

    private static void collect(Class<?> record, String prefix, List<Bound> settings) {
        RecordComponent[] components = record.getRecordComponents();
        Constructor<?> canonical;
        try {
            canonical = record.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(record + " has no canonical constructor", e);
        }
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            String name = prefix + "." + kebab(component.getName());
            Class<?> type = component.getType();
            // Spring Boot binds a record through its canonical constructor: the defaults are on its parameters.
            Optional<String> defaultValue = Optional.ofNullable(
                            canonical.getParameters()[i].getAnnotation(DefaultValue.class))
                    .map(DefaultValue::value)
                    .filter(values -> values.length > 0)
                    .map(values -> String.join(",", values));
            if (Map.class.isAssignableFrom(type)) {
                settings.add(new Bound(name + ".<*>", Optional.empty(), true));
            } else if (Collection.class.isAssignableFrom(type)
                    && elementType(component.getGenericType()).isRecord()) {
                collect(elementType(component.getGenericType()), name + "[*]", settings);
            } else if (type.isRecord()) {
                collect(type, name, settings);
            } else {
                settings.add(new Bound(name, defaultValue, false));
            }
        }
    }

    private static Class<?> elementType(Type type) {
        if (type instanceof ParameterizedType parameterized
                && parameterized.getActualTypeArguments()[0] instanceof Class<?> element) {
            return element;
        }
        return Object.class;
    }

    /** {@code jwksFailureTtl} as Spring's relaxed binding writes it in YAML: {@code jwks-failure-ttl}. */
    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    /** The documented rows of one file. */
    static List<Documented> documented(Path file) throws IOException {
        List<Documented> rows = new ArrayList<>();
        boolean fenced = false;
        boolean inTable = false;
        boolean settingsTable = false;
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            }
            boolean tableLine = !fenced && line.startsWith("|");
            if (tableLine && !inTable) {
                // a table of settings says so in its header: | Property | Default | Meaning |
                String[] header = line.split("\\|");
                settingsTable = header.length > 2 && header[2].trim().equals("Default");
            }
            inTable = tableLine;
            Matcher row = ROW.matcher(line);
            if (!tableLine || !settingsTable || !row.find()) {
                continue;
            }
            String name = row.group(1).replaceAll("<[^>]*>", "<*>").replaceAll("\\[[^\\]]*\\]", "[*]");
            Matcher span = CODE_SPAN.matcher(row.group(2));
            rows.add(new Documented(file, name, span.find() ? Optional.of(span.group(1)) : Optional.empty()));
        }
        return rows;
    }

    /** What is wrong with these rows against these settings, one line each; empty when nothing is. */
    static List<String> problems(List<Bound> settings, List<Documented> rows, boolean complete) {
        List<String> problems = new ArrayList<>();
        if (complete) {
            for (Bound setting : settings) {
                if (rows.stream().noneMatch(row -> setting.documentedBy(row.name()))) {
                    problems.add(setting.name() + " is bound but missing from " + REFERENCE
                            + setting.defaultValue()
                                    .map(value -> " (default `" + value + "`)")
                                    .orElse(""));
                }
            }
        }
        for (Documented row : rows) {
            Optional<Bound> setting = settings.stream()
                    .filter(candidate -> candidate.documentedBy(row.name()))
                    .findFirst();
            if (setting.isEmpty()) {
                problems.add(row.name() + " is documented in " + row.file() + " but no longer bound");
            } else if (!setting.get().map() && !setting.get().defaultValue().equals(row.defaultValue())) {
                problems.add(row.name() + " is documented in " + row.file() + " with the default "
                        + row.defaultValue().map(value -> "`" + value + "`").orElse("(none)")
                        + ", but the code's is "
                        + setting.get()
                                .defaultValue()
                                .map(value -> "`" + value + "`")
                                .orElse("(none)"));
            }
        }
        return problems;
    }

    @Test
    @DisplayName("Should list every bound setting with the code's default, and nothing that is not bound")
    void referenceMatchesTheCode() throws IOException {
        // given
        List<Bound> settings = bound();

        // when
        List<String> problems = problems(settings, documented(REFERENCE), true);

        // then
        assertThat(settings).extracting(Bound::name).contains("cds.fallback.max-servers", "cds.audit.purge-interval");
        assertThat(problems).as("docs/configuration.md against the code").isEmpty();
    }

    @Test
    @DisplayName("Should give the code's default wherever another page documents a setting")
    void otherPagesMatchTheCode() throws IOException {
        // given
        List<Documented> rows = new ArrayList<>();
        try (Stream<Path> pages = Files.list(DOCS)) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".md"))
                    .filter(p -> !p.equals(REFERENCE))
                    .sorted()
                    .toList()) {
                rows.addAll(documented(page));
            }
        }
        rows.addAll(documented(Path.of("README.md")));

        // when
        List<String> problems = problems(bound(), rows, false);

        // then
        assertThat(problems)
                .as("settings documented outside docs/configuration.md")
                .isEmpty();
    }

    @Test
    @DisplayName("Should default to what application.yml sets, so that the documented default is the one a site gets")
    void applicationYmlSetsTheDocumentedDefaults() {
        // given
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new FileSystemResource(APPLICATION_YML));
        Properties properties = yaml.getObject();
        Map<String, String> codeDefaults = new LinkedHashMap<>();
        bound().stream()
                .filter(setting -> setting.defaultValue().isPresent())
                .forEach(setting ->
                        codeDefaults.put(setting.name(), setting.defaultValue().get()));

        // when
        List<String> problems = new ArrayList<>();
        codeDefaults.forEach((name, value) -> {
            String set = properties.getProperty(name);
            if (set != null && !set.contains("${") && !set.equals(value)) {
                problems.add(name + " is " + set + " in application.yml, but the code's default is " + value);
            }
        });

        // then
        assertThat(problems).as("application.yml against the code's defaults").isEmpty();
    }

    @Nested
    @DisplayName("Its failures")
    class Failures {

        final List<Bound> settings = List.of(
                new Bound("cds.fallback.max-servers", Optional.of("200"), false),
                new Bound("cds.rules.<*>", Optional.empty(), true));

        @Test
        @DisplayName("Should name a bound setting the document leaves out")
        void namesAMissingSetting() {
            List<Documented> rows = List.of(new Documented(REFERENCE, "cds.rules.<*>.mode", Optional.of("on")));

            assertThat(problems(settings, rows, true))
                    .containsExactly("cds.fallback.max-servers is bound but missing from docs/configuration.md"
                            + " (default `200`)");
        }

        @Test
        @DisplayName("Should name a setting documented with another default")
        void namesAWrongDefault() {
            List<Documented> rows = List.of(
                    new Documented(REFERENCE, "cds.fallback.max-servers", Optional.of("100")),
                    new Documented(REFERENCE, "cds.rules.<*>.mode", Optional.of("on")));

            assertThat(problems(settings, rows, true))
                    .containsExactly("cds.fallback.max-servers is documented in docs/configuration.md with the"
                            + " default `100`, but the code's is `200`");
        }

        @Test
        @DisplayName("Should name a documented setting the code no longer binds")
        void namesAnUnboundSetting() {
            List<Documented> rows = List.of(
                    new Documented(REFERENCE, "cds.fallback.max-servers", Optional.of("200")),
                    new Documented(REFERENCE, "cds.rules.<*>.mode", Optional.of("on")),
                    new Documented(REFERENCE, "cds.fallback.max-hosts", Optional.of("200")));

            assertThat(problems(settings, rows, true))
                    .containsExactly(
                            "cds.fallback.max-hosts is documented in docs/configuration.md but no longer bound");
        }
    }
}
