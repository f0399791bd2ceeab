package org.rplcds.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rplcds.facts.Analyte;
import org.rplcds.facts.CodedKind;
import org.rplcds.facts.Drug;
import org.rplcds.facts.ProblemKind;
import org.rplcds.facts.ProcedureKind;
import org.rplcds.facts.ValueSets;
import org.rplcds.rules.derived.DerivedFacts;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;

/**
 * What the code of a recommendation reads, found in its source text with the comments left out:
 * the guideline-profile settings it names, the value sets it names through the kinds of facts
 * ({@link Analyte}, {@link ProblemKind}, {@link ProcedureKind}, {@link Drug}, {@link ValueSets}), the
 * citations, the indicators and the codes it suggests. A rule's own code is its class with the
 * other classes of {@code rules/} it uses; the derived facts it reads ({@link DerivedFacts}) are followed
 * apart, to what computes them.
 */
final class CodeReading {

    static final Path RULES = Path.of("src/main/java/org/rplcds/rules");
    static final Path DERIVED = RULES.resolve("derived");

    /**
     * Classes of {@code rules/} that every recommendation speaks through, or that the catalogue
     * shows apart (the gates, the evaluation card): a rule's use of them says nothing of what it reads.
     */
    static final Set<String> SHARED = Set.of(
            "Assessment",
            "Citation",
            "Concept",
            "Detail",
            "Eligibility",
            "EvaluationCard",
            "Finding",
            "GuidelineProfile",
            "Indicator",
            "KaryotypePolicy",
            "OrderAdvice",
            "Presentation",
            "Quantities",
            "Recommendation",
            "Recommendations",
            "Rule",
            "RuleModes",
            "Settings",
            "SuggestedCodes",
            "Thresholds",
            "WorkUpPart");

    /**
     * What each derived fact computed inside {@link DerivedFacts#of} is computed from: settings by
     * their path in the profile, kinds of facts, other derived facts ({@code fact:}) and classes of
     * {@code rules/derived/} ({@code class:}). A fact whose type is a class of {@code rules/derived/}
     * is read from that class as well. A test keeps this in step with DerivedFacts.
     */
    static final Map<String, String> DERIVED_FACTS = Map.ofEntries(
            Map.entry("rplIdentified", "min-losses require-consecutive viability-weeks count-biochemical"),
            Map.entry("rplOrderUnknown", "fact:rplIdentified"),
            Map.entry("thyroid", ""),
            Map.entry("thyroidTested", "thresholds.thyroid.test-months Analyte.TSH Analyte.TPO_ANTIBODY"),
            Map.entry(
                    "aplTested",
                    "Analyte.LUPUS_ANTICOAGULANT Analyte.ANTICARDIOLIPIN_IGG Analyte.ANTICARDIOLIPIN_IGM"
                            + " Analyte.ANTICARDIOLIPIN_PANEL Analyte.BETA2_GLYCOPROTEIN"),
            Map.entry("positiveApl", "class:Antiphospholipid"),
            Map.entry(
                    "apsConfirmed",
                    "fact:positiveApl thresholds.apl.repeat-weeks ProblemKind.ANTIPHOSPHOLIPID_SYNDROME"),
            Map.entry("karyotypeDone", "Analyte.KARYOTYPE ProcedureKind.KARYOTYPE"),
            Map.entry(
                    "uterusAssessed",
                    "ProblemKind.MULLERIAN_ANOMALY ProblemKind.UTERINE_SEPTUM ProblemKind.SUBMUCOUS_FIBROID"
                            + " ProblemKind.INTRAUTERINE_ADHESIONS Analyte.UTERINE_IMAGING"
                            + " ProcedureKind.UTERINE_ASSESSMENT ProcedureKind.UTERINE_CORRECTION"),
            Map.entry(
                    "causeIdentified",
                    "fact:apsConfirmed fact:thyroid ProblemKind.MULLERIAN_ANOMALY ProblemKind.SUBMUCOUS_FIBROID"
                            + " ProblemKind.INTRAUTERINE_ADHESIONS ProblemKind.BALANCED_TRANSLOCATION"
                            + " ProblemKind.CERVICAL_INSUFFICIENCY ProblemKind.DIABETES Analyte.HBA1C"
                            + " thresholds.diabetes.hba1c-target"),
            Map.entry(
                    "workupComplete",
                    "fact:thyroidTested fact:aplTested fact:uterusAssessed fact:karyotypeDone fact:workUp"
                            + " karyotype-policy"),
            Map.entry("workUp", ""),
            Map.entry("bleeding", "ProblemKind.EARLY_PREGNANCY_BLEEDING thresholds.bleeding.window-days"),
            Map.entry("cerclage", ""),
            Map.entry("bodyWeight", "Analyte.BODY_WEIGHT"),
            Map.entry("thrombosis", "fact:apsConfirmed"),
            Map.entry("preeclampsiaHighRisk", "fact:apsConfirmed"),
            Map.entry("aplPositive", "fact:positiveApl"),
            Map.entry("unexplained", "fact:rplIdentified fact:workupComplete fact:positiveApl fact:causeIdentified"));

    /**
     * The methods of the profile's records that are no component: what each reads, by the paths of
     * the settings relative to the record that declares it. A test keeps this in step with them.
     */
    static final Map<String, List<String>> PROFILE_METHODS = Map.of(
            "GuidelineProfile.definitionText",
                    List.of("min-losses", "require-consecutive", "viability-weeks", "count-biochemical"),
            "GuidelineProfile.lossCounting", List.of("viability-weeks", "count-biochemical"),
            "GuidelineProfile.named", List.of(),
            "Cervix.isShort", List.of("short-length-mm", "short-inclusive"),
            "Cervix.limit", List.of("short-length-mm", "short-inclusive"),
            "Workup.deferFromDays", List.of("defer-from-weeks"));

    private static final Pattern KIND =
            Pattern.compile("\\b(Analyte|ProblemKind|ProcedureKind|Drug)\\.([A-Z][A-Z0-9_]*)\\b");
    private static final Pattern NAMED_VALUE_SET = Pattern.compile("\\bValueSets\\.([A-Z][A-Z0-9_]*)\\b");
    private static final Pattern CITATION = Pattern.compile("\\bCitation\\.([A-Z][A-Z0-9_]*)\\b");
    private static final Pattern INDICATOR = Pattern.compile("\\bIndicator\\.(CRITICAL|WARNING|INFO)\\b");
    private static final Pattern SUGGESTED = Pattern.compile("\\bSuggestedCodes\\.([A-Z][A-Z0-9_]*)\\b");
    /** Text written in words, of one string or of several joined with {@code +}. */
    private static final Pattern SUGGESTED_TEXT =
            Pattern.compile("\\bSuggestedCodes\\.text\\(((?:\\s*\"(?:[^\"\\\\]|\\\\.)*\"\\s*\\+?)+)\\)");

    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern ACTION = Pattern.compile("\\bProposedAction\\.(\\w+)\\(");
    private static final Pattern CODED = Pattern.compile(
            "\\bnew Concept\\(\\s*Concept\\.([A-Z0-9]+),\\s*\"([^\"]+)\",\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*\\)");
    private static final Pattern TEXT_ONLY =
            Pattern.compile("\\bnew Concept\\(\\s*null,\\s*null,\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*\\)");
    private static final Pattern DERIVED_READ = Pattern.compile("(?:\\bderived\\(\\)|\\bderived)\\.(\\w+)\\(");
    private static final Pattern PROFILE_NAME = Pattern.compile("\\.name\\(\\)\\.equals\\(\"(\\w+)\"\\)");

    /**
     * What a piece of code reads.
     *
     * @param settings the settings, by path in the profile ({@code thresholds.cervix.short-length-mm})
     * @param valueSets the canonical URLs of the value sets
     * @param citations the citations it names, by constant name
     * @param indicators the indicators its cards may have
     * @param suggestions the codes its suggestions may carry
     * @param actions what its suggestions may do, by the {@link ProposedAction} method that makes them
     * @param facts the derived facts it reads, by name in {@link DerivedFacts}
     * @param derivedClasses the classes of {@code rules/derived/} it uses itself
     * @param profileNames the profiles it tells apart by name
     */
    record Reads(
            Set<String> settings,
            Set<String> valueSets,
            Set<String> citations,
            Set<Indicator> indicators,
            Set<Concept> suggestions,
            Set<String> actions,
            Set<String> facts,
            Set<String> derivedClasses,
            Set<String> profileNames) {}

    /**
     * One setting of a guideline profile.
     *
     * @param path its path in the profile, as the YAML names it: {@code thresholds.thyroid.tsh-upper}
     * @param accessors the record accessors that read it from the profile, in order
     */
    record Setting(String path, List<Method> accessors) {

        /** Its value in this profile, as the YAML would write it. */
        String value(GuidelineProfile profile) {
            Object value = profile;
            try {
                for (Method accessor : accessors) {
                    value = accessor.invoke(value);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (value instanceof Citation citation) {
                return citation.label();
            }
            if (value instanceof BigDecimal number) {
                return number.toPlainString();
            }
            return String.valueOf(value);
        }

        Method leaf() {
            return accessors.get(accessors.size() - 1);
        }

        /** The record that declares it, or null for the profile itself. */
        Method parent() {
            return accessors.size() < 2 ? null : accessors.get(accessors.size() - 2);
        }
    }

    /** The code of each file read, once. */
    private static final Map<Path, String> CODE = new ConcurrentHashMap<>();

    /** What each class of {@code rules/derived/} reads, once. */
    private static final Map<String, Reads> CLASSES = new ConcurrentHashMap<>();

    /** A whole word, by the word: the names of classes looked for in code. */
    private static final Map<String, Pattern> WORDS = new ConcurrentHashMap<>();

    /** Every setting of a profile but its name and label, in the order the profile declares them. */
    static final List<Setting> SETTINGS = settings();

    private CodeReading() {}

    /** What the code of these classes of {@code rules/} reads, with the other classes of {@code rules/} it uses. */
    static Reads own(List<String> classNames) {
        return read(code(closure(classNames)));
    }

    /**
     * The settings and value sets a derived fact is computed from, by the derived facts and classes
     * the rule reads: each setting and value set with the names it is read through.
     */
    static Map<String, Set<String>> throughSettings(Reads own) {
        return through(own, true);
    }

    static Map<String, Set<String>> throughValueSets(Reads own) {
        return through(own, false);
    }

    private static Map<String, Set<String>> through(Reads own, boolean settings) {
        Map<String, Set<String>> through = new TreeMap<>();
        for (String fact : own.facts()) {
            Reads reads = fact(fact, new LinkedHashSet<>());
            (settings ? reads.settings() : reads.valueSets())
                    .forEach(s ->
                            through.computeIfAbsent(s, k -> new TreeSet<>()).add(fact));
        }
        Set<String> factTypes = new TreeSet<>();
        own.facts().forEach(fact -> derivedType(fact).ifPresent(factTypes::add));
        for (String type : own.derivedClasses()) {
            if (factTypes.contains(type)) {
                continue;
            }
            Reads reads = derivedClass(type);
            (settings ? reads.settings() : reads.valueSets())
                    .forEach(s ->
                            through.computeIfAbsent(s, k -> new TreeSet<>()).add(type));
        }
        return through;
    }

    /** What a derived fact is computed from. */
    static Reads fact(String name, Set<String> seen) {
        String tokens = DERIVED_FACTS.get(name);
        if (tokens == null) {
            throw new IllegalStateException(
                    "the derived fact '" + name + "' is not in CodeReading.DERIVED_FACTS: say there what computes it");
        }
        Reads reads = empty();
        if (!seen.add(name)) {
            return reads;
        }
        List<String> all = new ArrayList<>(Arrays.asList(tokens.split("\\s+")));
        derivedType(name).ifPresent(type -> all.add("class:" + type));
        for (String token : all) {
            if (token.isBlank()) {
                continue;
            }
            if (token.startsWith("fact:")) {
                add(reads, fact(token.substring(5), seen));
            } else if (token.startsWith("class:")) {
                add(reads, derivedClass(token.substring(6)));
            } else if (token.contains(".") && Character.isUpperCase(token.charAt(0))) {
                String[] kind = token.split("\\.");
                reads.valueSets().addAll(valueSets(kind[0], kind[1]));
            } else {
                reads.settings().add(setting(token).path());
            }
        }
        return reads;
    }

    /** What a class of {@code rules/derived/} reads, with the other classes of {@code rules/} it uses. */
    private static Reads derivedClass(String type) {
        return CLASSES.computeIfAbsent(type, t -> read(code(closure(List.of(t)))));
    }

    /** The class of {@code rules/derived/} a derived fact is, if it is one. */
    static Optional<String> derivedType(String fact) {
        for (RecordComponent component : DerivedFacts.class.getRecordComponents()) {
            Class<?> type = component.getType();
            if (component.getName().equals(fact)
                    && type.getPackageName().equals(DerivedFacts.class.getPackageName())
                    && Files.exists(DERIVED.resolve(type.getSimpleName() + ".java"))) {
                return Optional.of(type.getSimpleName());
            }
        }
        return Optional.empty();
    }

    /** The setting at that path. */
    static Setting setting(String path) {
        return SETTINGS.stream()
                .filter(s -> s.path().equals(path))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no setting " + path));
    }

    /** What this code reads. */
    static Reads read(String code) {
        Reads reads = empty();
        for (Setting setting : SETTINGS) {
            if (names(code, setting)) {
                reads.settings().add(setting.path());
            }
        }
        Matcher kind = KIND.matcher(code);
        while (kind.find()) {
            valueSets(kind.group(1), kind.group(2)).forEach(reads.valueSets()::add);
        }
        Matcher named = NAMED_VALUE_SET.matcher(code);
        while (named.find()) {
            reads.valueSets().add((String) constant(ValueSets.class, named.group(1)));
        }
        Matcher citation = CITATION.matcher(code);
        while (citation.find()) {
            // A citation compared with the profile's definition, or whose address another borrows, is no
            // source of a card itself.
            boolean used = code.startsWith(".", citation.end())
                    || Pattern.compile("(\\.equals\\(|[=!]=\\s*)$")
                            .matcher(code.substring(Math.max(0, citation.start() - 20), citation.start()))
                            .find();
            if (!used && constant(Citation.class, citation.group(1)) instanceof Citation) {
                reads.citations().add(citation.group(1));
            }
        }
        Matcher indicator = INDICATOR.matcher(code);
        while (indicator.find()) {
            reads.indicators().add(Indicator.valueOf(indicator.group(1)));
        }
        Matcher suggested = SUGGESTED.matcher(code);
        while (suggested.find()) {
            if (constant(SuggestedCodes.class, suggested.group(1)) instanceof Concept concept) {
                reads.suggestions().add(concept);
            }
        }
        Matcher text = SUGGESTED_TEXT.matcher(code);
        while (text.find()) {
            StringBuilder words = new StringBuilder();
            Matcher literal = LITERAL.matcher(text.group(1));
            while (literal.find()) {
                words.append(literal.group(1));
            }
            reads.suggestions().add(new Concept(null, null, words.toString()));
        }
        Matcher action = ACTION.matcher(code);
        while (action.find()) {
            reads.actions().add(action.group(1));
        }
        Matcher textOnly = TEXT_ONLY.matcher(code);
        while (textOnly.find()) {
            reads.suggestions().add(new Concept(null, null, textOnly.group(1)));
        }
        Matcher coded = CODED.matcher(code);
        while (coded.find()) {
            reads.suggestions()
                    .add(new Concept((String) constant(Concept.class, coded.group(1)), coded.group(2), coded.group(3)));
        }
        Matcher derived = DERIVED_READ.matcher(code);
        while (derived.find()) {
            reads.facts().add(derived.group(1));
        }
        if (code.contains(".rpl()")) {
            reads.facts().add("rplIdentified");
        }
        for (String type : derivedClasses()) {
            if (word(type).matcher(code).find()) {
                reads.derivedClasses().add(type);
            }
        }
        Matcher profile = PROFILE_NAME.matcher(code);
        while (profile.find()) {
            reads.profileNames().add(profile.group(1));
        }
        return reads;
    }

    /** The classes of {@code rules/derived/} a rule may use itself, the facts and their holder left out. */
    static List<String> derivedClasses() {
        return list(DERIVED).stream()
                .filter(name -> !name.equals("DerivedFacts") && !name.equals("Fact"))
                .toList();
    }

    /**
     * Whether the code names the setting: calls its accessor (or a method of its record that reads
     * it) on the record that holds it, known by the accessor that leads to it or by its type.
     */
    private static boolean names(String code, Setting setting) {
        List<String> methods = new ArrayList<>(List.of(setting.leaf().getName()));
        Class<?> holder = setting.leaf().getDeclaringClass();
        String relative = DataObjectPropertyName.toDashedForm(setting.leaf().getName());
        PROFILE_METHODS.forEach((method, reads) -> {
            if (method.startsWith(holder.getSimpleName() + ".") && reads.contains(relative)) {
                methods.add(method.substring(method.indexOf('.') + 1));
            }
        });
        if (methods.stream().noneMatch(m -> code.contains("." + m + "("))) {
            return false;
        }
        if (setting.parent() == null) {
            return true;
        }
        // The record that holds it, named by its type or reached through the accessor that leads to it:
        // profile.thyroid() is the profile's thyroid tests, thresholds().thyroid() the thyroid limits.
        String type = holder.getEnclosingClass().getSimpleName() + "." + holder.getSimpleName();
        String receiver = setting.parent().getDeclaringClass() == GuidelineProfile.class
                ? "(\\bprofile|\\bprofile\\(\\))"
                : "(\\bthresholds\\(\\)|\\blimits)";
        return code.contains(type)
                || Pattern.compile(receiver + "\\." + setting.parent().getName() + "\\(\\)")
                        .matcher(code)
                        .find();
    }

    private static List<String> valueSets(String kind, String constant) {
        Object value =
                switch (kind) {
                    case "Analyte" -> Analyte.valueOf(constant);
                    case "ProblemKind" -> ProblemKind.valueOf(constant);
                    case "ProcedureKind" -> ProcedureKind.valueOf(constant);
                    case "Drug" -> Drug.valueOf(constant);
                    default -> throw new IllegalArgumentException(kind);
                };
        List<String> urls = new ArrayList<>();
        if (value instanceof Drug drug) {
            if (drug.valueSet() != null) {
                urls.add(drug.valueSet());
            }
            if (drug.never() != null) {
                urls.add(drug.never());
            }
        } else if (value instanceof CodedKind coded) {
            urls.add(coded.valueSet());
        }
        return urls;
    }

    /** A static constant of a class, or null when it has none of that name. */
    private static Object constant(Class<?> type, String name) {
        try {
            Field field = type.getDeclaredField(name);
            if (!Modifier.isStatic(field.getModifiers())) {
                return null;
            }
            field.setAccessible(true);
            return field.get(null);
        } catch (NoSuchFieldException e) {
            return null;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * These classes with the other classes of {@code rules/} their code uses, the shared classes and the
     * other recommendations left out; a derived class another uses is the other's own fact, not
     * followed.
     */
    private static List<Path> closure(List<String> classNames) {
        Set<String> seen = new LinkedHashSet<>(classNames);
        Deque<String> todo = new ArrayDeque<>(classNames);
        while (!todo.isEmpty()) {
            String code = code(List.of(file(todo.pop())));
            for (String candidate : list(RULES)) {
                if (!SHARED.contains(candidate)
                        && !candidate.matches("Rpl\\d\\d.*")
                        && !seen.contains(candidate)
                        && word(candidate).matcher(code).find()) {
                    seen.add(candidate);
                    todo.add(candidate);
                }
            }
        }
        return seen.stream().map(CodeReading::file).toList();
    }

    private static Pattern word(String word) {
        return WORDS.computeIfAbsent(word, w -> Pattern.compile("\\b" + w + "\\b"));
    }

    /** The source file of a class of {@code rules/} or {@code rules/derived/}. */
    static Path file(String className) {
        Path file = RULES.resolve(className + ".java");
        return Files.exists(file) ? file : DERIVED.resolve(className + ".java");
    }

    /** The classes whose files are in that folder, by name, sorted. */
    static List<String> list(Path folder) {
        try (var files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".java") && !n.equals("package-info.java"))
                    .map(n -> n.substring(0, n.length() - ".java".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The code of these files, comments left out and calls written without the spaces around their dots. */
    static String code(List<Path> files) {
        StringBuilder code = new StringBuilder();
        for (Path file : files) {
            code.append(CODE.computeIfAbsent(file, CodeReading::code)).append('\n');
        }
        return code.toString();
    }

    private static String code(Path file) {
        try {
            return withoutComments(Files.readString(file)).replaceAll("\\s*\\.\\s*(?=[A-Za-z_])", ".");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Java source without its comments; strings, text blocks and characters kept as they are. */
    static String withoutComments(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            if (source.startsWith("//", i)) {
                int end = source.indexOf('\n', i);
                i = end < 0 ? source.length() : end;
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? source.length() : end + 2;
                out.append(' ');
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                end = end < 0 ? source.length() : end + 3;
                out.append(source, i, end);
                i = end;
            } else if (source.charAt(i) == '"' || source.charAt(i) == '\'') {
                char quote = source.charAt(i);
                int j = i + 1;
                while (j < source.length() && source.charAt(j) != quote) {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                out.append(source, i, Math.min(j + 1, source.length()));
                i = j + 1;
            } else {
                out.append(source.charAt(i++));
            }
        }
        return out.toString();
    }

    private static Reads empty() {
        return new Reads(
                new TreeSet<>(),
                new TreeSet<>(),
                new TreeSet<>(),
                new TreeSet<>(),
                new LinkedHashSet<>(),
                new TreeSet<>(),
                new TreeSet<>(),
                new TreeSet<>(),
                new TreeSet<>());
    }

    private static void add(Reads into, Reads from) {
        into.settings().addAll(from.settings());
        into.valueSets().addAll(from.valueSets());
    }

    private static List<Setting> settings() {
        List<Setting> settings = new ArrayList<>();
        collect(GuidelineProfile.class, "", List.of(), settings);
        settings.removeIf(s -> s.path().equals("name") || s.path().equals("label"));
        return List.copyOf(settings);
    }

    private static void collect(Class<?> type, String prefix, List<Method> accessors, List<Setting> settings) {
        for (RecordComponent component : type.getRecordComponents()) {
            String path = prefix + DataObjectPropertyName.toDashedForm(component.getName());
            List<Method> chain = new ArrayList<>(accessors);
            chain.add(component.getAccessor());
            // A citation is one setting: the profile names it.
            if (component.getType().isRecord() && component.getType() != Citation.class) {
                collect(component.getType(), path + ".", chain, settings);
            } else {
                settings.add(new Setting(path, List.copyOf(chain)));
            }
        }
    }
}
