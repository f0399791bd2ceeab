package org.rplcds.system;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.SystemEnvironmentOrigin;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.FieldError;

/**
 * A {@code cds.*} setting refused while it is bound is reported by the name it has in the YAML,
 * without a stack trace: Spring Boot's own report names a refused value by its Java field
 * ({@code thyroid.tshUpper}), and a former name only as "left unbound". Ahead of Spring Boot's
 * analyzers, which stay in charge of everything else.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class BindingFailureAnalyzer extends AbstractFailureAnalyzer<BindException> {

    /**
     * The guideline profile thresholds before they were grouped by domain, and where each is now:
     * a site that still sets one must hear where it went, not have it ignored.
     */
    static final Map<String, String> FORMER_THRESHOLDS = Map.ofEntries(
            Map.entry("tsh-upper", "thyroid.tsh-upper"),
            Map.entry("tsh-pregnant-upper", "thyroid.tsh-pregnant-upper"),
            Map.entry("tsh-tpo-treat", "thyroid.tsh-tpo-treat"),
            Map.entry("tsh-overt", "thyroid.tsh-overt"),
            Map.entry("ft4-low", "thyroid.ft4-low"),
            Map.entry("tpo-positive", "thyroid.tpo-positive"),
            Map.entry("thyroid-test-months", "thyroid.test-months"),
            Map.entry("acl-positive", "apl.acl-positive"),
            Map.entry("apl-repeat-weeks", "apl.repeat-weeks"),
            Map.entry("hba1c-target", "diabetes.hba1c-target"),
            Map.entry("hba1c-pregnant-target", "diabetes.hba1c-pregnant-target"),
            Map.entry("hba1c-max-age-days", "diabetes.hba1c-max-age-days"),
            Map.entry("hba1c-pregnant-max-age-days", "diabetes.hba1c-pregnant-max-age-days"),
            Map.entry("hb-non-pregnant", "anaemia.hb-non-pregnant"),
            Map.entry("hb-first-third-trimester", "anaemia.hb-first-third-trimester"),
            Map.entry("hb-second-trimester", "anaemia.hb-second-trimester"),
            Map.entry("hb-severe", "anaemia.hb-severe"),
            Map.entry("hb-max-age-days", "anaemia.hb-max-age-days"),
            Map.entry("short-cervix-mm", "cervix.short-length-mm"),
            Map.entry("cervical-length-max-age-days", "cervix.length-max-age-days"),
            Map.entry("prolactin-upper", "prolactin.upper"),
            Map.entry("audit-c-positive", "lifestyle.audit-c-positive"),
            Map.entry("bmi-high", "lifestyle.bmi-high"),
            Map.entry("bmi-low", "lifestyle.bmi-low"),
            Map.entry("lifestyle-max-age-months", "lifestyle.max-age-months"),
            Map.entry("bmi-max-age-months", "lifestyle.bmi-max-age-months"),
            Map.entry("bmi-pregnant-before-days", "lifestyle.bmi-pregnant-before-days"),
            Map.entry("fever-window-hours", "fever.window-hours"),
            Map.entry("bleeding-window-days", "bleeding.window-days"));

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
        if (!cause.getName().toString().startsWith("cds")) {
            return null;
        }
        if (cause.getCause() instanceof BindValidationException refused) {
            String settings = refused.getValidationErrors().getAllErrors().stream()
                    .map(error -> error instanceof FieldError field
                            ? refused.getValidationErrors().getName() + "." + dashed(field.getField()) + ": "
                                    + field.getDefaultMessage()
                            : refused.getValidationErrors().getName() + ": " + error.getDefaultMessage())
                    .sorted()
                    .collect(Collectors.joining("\n    ", "    ", ""));
            return new FailureAnalysis(
                    "These settings are missing or out of range:\n" + settings,
                    "Set them in the site's configuration; guideline-profiles.yml gives every profile value"
                            + " with its unit, and " + Docs.CONFIGURE_IT + " says how to change one.",
                    cause);
        }
        Optional<String> refusedByCheck = refusedByCheck(cause);
        if (refusedByCheck.isPresent()) {
            return new FailureAnalysis(
                    refusedByCheck.get(),
                    "Correct it in the site's configuration; " + Docs.CONFIGURE_IT + " gives each setting's values.",
                    cause);
        }
        if (cause.getCause() instanceof UnboundConfigurationPropertiesException unbound) {
            Optional<FailureAnalysis> moved = unbound.getUnboundProperties().stream()
                    .map(ConfigurationProperty::getName)
                    .map(Object::toString)
                    .map(BindingFailureAnalyzer::renamed)
                    .flatMap(Optional::stream)
                    .findFirst()
                    .map(report -> new FailureAnalysis(
                            report,
                            "Set the new name; the former one is not read any more. " + Docs.CONFIGURE_IT.atStart()
                                    + " names every setting.",
                            cause));
            return moved.orElseGet(() -> unknown(cause, unbound));
        }
        if (cause.getCause() instanceof ConversionFailedException conversion && cause.getProperty() != null) {
            ConfigurationProperty property = cause.getProperty();
            return new FailureAnalysis(
                    written(property) + ": '" + property.getValue() + "' is not "
                            + expected(conversion.getTargetType().getType()),
                    "Correct it where the site sets it; " + section(property.getName()) + " gives its values"
                            + (property.getName().toString().startsWith("cds.guidelines.")
                                    ? ", and guideline-profiles.yml every profile value with its unit."
                                    : "."),
                    cause);
        }
        return null;
    }

    /**
     * A name under {@code cds} that no setting has: a setting misspelt would otherwise change
     * nothing without a word. The report names the settings there are beside it.
     */
    private static FailureAnalysis unknown(BindException cause, UnboundConfigurationPropertiesException unbound) {
        List<ConfigurationProperty> names = List.copyOf(unbound.getUnboundProperties());
        ConfigurationProperty first = names.get(0);
        ConfigurationPropertyName parent = first.getName().getParent();
        String description = names.stream().map(BindingFailureAnalyzer::written).collect(Collectors.joining(", "))
                + (names.size() == 1 ? " is not a setting of the service" : " are not settings of the service");
        List<String> beside = settingsUnder(cause.getTarget().getType().resolve(), parent);
        if (!beside.isEmpty()) {
            description += "; " + writtenParent(first) + " has " + String.join(", ", beside);
        }
        return new FailureAnalysis(
                description,
                "Correct the name where the site sets it, or remove it: a name the service does not read would"
                        + " change nothing, so it stops the start. "
                        + section(first.getName()).substring(0, 1).toUpperCase(Locale.ROOT)
                        + section(first.getName()).substring(1) + " names every setting.",
                cause);
    }

    /**
     * The settings a settings record has under that name ({@code cds.ui}: {@code aggregate-workup,
     * units, ...}), by their YAML names; none when the name leads to no record.
     */
    static List<String> settingsUnder(Class<?> root, ConfigurationPropertyName name) {
        Type type = root;
        for (int i = 1; i < name.getNumberOfElements(); i++) {
            Class<?> raw = raw(type);
            if (raw == null) {
                return List.of();
            }
            if (Map.class.isAssignableFrom(raw) || List.class.isAssignableFrom(raw)) {
                // A key or an index: the element type comes next.
                type = type instanceof ParameterizedType generic
                        ? generic.getActualTypeArguments()[generic.getActualTypeArguments().length - 1]
                        : Object.class;
                continue;
            }
            String element = name.getElement(i, ConfigurationPropertyName.Form.DASHED);
            Type next = null;
            for (RecordComponent component : raw.isRecord() ? raw.getRecordComponents() : new RecordComponent[0]) {
                if (DataObjectPropertyName.toDashedForm(component.getName()).equals(element)) {
                    next = component.getGenericType();
                }
            }
            if (next == null) {
                return List.of();
            }
            type = next;
        }
        Class<?> raw = raw(type);
        if (raw == null || !raw.isRecord()) {
            return List.of();
        }
        return Arrays.stream(raw.getRecordComponents())
                .map(component -> DataObjectPropertyName.toDashedForm(component.getName()))
                .toList();
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> plain) {
            return plain;
        }
        return type instanceof ParameterizedType generic && generic.getRawType() instanceof Class<?> plain
                ? plain
                : null;
    }

    /**
     * A setting as the site wrote it: the environment variable or the argument by its own name, a
     * YAML file's setting with its file and line.
     */
    static String written(ConfigurationProperty property) {
        Origin origin = property.getOrigin();
        Origin inner = origin instanceof PropertySourceOrigin source && source.getOrigin() != null
                ? source.getOrigin()
                : origin;
        if (inner instanceof SystemEnvironmentOrigin variable) {
            return "environment variable " + variable.getProperty();
        }
        if (inner instanceof TextResourceOrigin text && text.getResource() != null) {
            return property.getName() + " (" + text + ")";
        }
        if (origin instanceof PropertySourceOrigin source) {
            return source.getPropertyName();
        }
        return property.getName().toString();
    }

    /** The group a setting is in, as the site wrote it: {@code cds.guidelines.profiles.ESHRE2022.thresholds}. */
    private static String writtenParent(ConfigurationProperty property) {
        String written = written(property);
        String name = property.getName().toString();
        if (!written.contains(" ") && written.contains(".") && written.equalsIgnoreCase(name)) {
            return written.substring(0, written.lastIndexOf('.'));
        }
        return property.getName().getParent().toString();
    }

    /** What a value of that type is written as. */
    static String expected(Class<?> type) {
        if (type.isEnum()) {
            return "one of "
                    + Arrays.stream(type.getEnumConstants())
                            .map(constant -> ((Enum<?>) constant)
                                    .name()
                                    .toLowerCase(Locale.ROOT)
                                    .replace('_', '-'))
                            .collect(Collectors.joining(", "));
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Duration.class) {
            return "a duration (such as 500ms, 2s or 1h)";
        }
        if (type == DataSize.class) {
            return "a size (such as 64KB or 16MB)";
        }
        return "a value of type " + type.getSimpleName();
    }

    private static String section(ConfigurationPropertyName name) {
        String setting = name.toString();
        if (setting.startsWith("cds.security.")) {
            return Docs.SECURE_IT.toString();
        }
        if (setting.startsWith("cds.rules.")) {
            return Docs.RULE_MODES.toString();
        }
        if (setting.startsWith("cds.terminology.")) {
            return Docs.LOCAL_CODES.toString();
        }
        return Docs.CONFIGURE_IT.toString();
    }

    /**
     * The message of a settings record's own check ({@code cds.ui.snooze-days must be 0 or more}),
     * which names the setting first; Spring Boot would report it as the exception it is.
     */
    static Optional<String> refusedByCheck(BindException failure) {
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IllegalArgumentException refused
                    && refused.getMessage() != null
                    && refused.getMessage().startsWith("cds.")) {
                return Optional.of(refused.getMessage());
            }
        }
        return Optional.empty();
    }

    /** Thresholds renamed within their group (2.0.0), and their names now. */
    static final Map<String, String> RENAMED_THRESHOLDS = Map.of("cervix.short-mm", "cervix.short-length-mm");

    /** "x.thresholds.tsh-upper is now x.thresholds.thyroid.tsh-upper", for a former threshold name. */
    static Optional<String> renamed(String setting) {
        int at = setting.lastIndexOf(".thresholds.");
        if (at < 0) {
            return Optional.empty();
        }
        String former = setting.substring(at + ".thresholds.".length());
        String now = setting.substring(0, at) + ".thresholds.";
        Optional<String> grouped = Optional.ofNullable(FORMER_THRESHOLDS.get(former))
                .map(group -> setting + ": thresholds are grouped by domain now; set " + now + group + " instead");
        return grouped.or(() -> Optional.ofNullable(RENAMED_THRESHOLDS.get(former))
                .map(name -> setting + " is renamed; set " + now + name + " instead"));
    }

    /**
     * A field path as the YAML names it: {@code profiles[ESHRE2022].thresholds.lifestyle.auditCPositive}
     * is {@code profiles.ESHRE2022.thresholds.lifestyle.audit-c-positive}.
     */
    static String dashed(String field) {
        StringBuilder path = new StringBuilder();
        for (String part : field.split("\\.")) {
            int key = part.indexOf('[');
            path.append(path.isEmpty() ? "" : ".")
                    .append(DataObjectPropertyName.toDashedForm(key < 0 ? part : part.substring(0, key)));
            if (key >= 0) {
                path.append('.').append(part, key + 1, part.length() - 1);
            }
        }
        return path.toString();
    }
}
