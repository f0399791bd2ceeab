package org.rplcds.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.rplcds.facts.DraftOrders;
import org.rplcds.rules.derived.DerivedFacts;
import org.rplcds.support.Profiles;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

/**
 * The clinical catalogue, {@code docs/clinical-catalogue.md}, written from the code: every
 * recommendation with its header (Guideline / When / Then / Not when / Source), the hooks it speaks
 * on, its mode setting, the sources its cards cite under each guideline profile, the profile settings
 * it reads, the codes it suggests, the value sets it reads and the cards of its example pairs; the
 * gates and the evaluation card; every value set with its unverified members; every source.
 * {@link ClinicalCatalogueTest} fails when the committed document is not what this writes.
 */
final class ClinicalCatalogue {

    static final Path DOCUMENT = Path.of("docs/clinical-catalogue.md");
    static final String COMMAND = "./mvnw -B -o -q test -Dtest=ClinicalCatalogueTest -Dcatalogue.write=true";

    static final Path EXAMPLES = Path.of("hooks/examples");
    private static final Path HOOKS = Path.of("hooks");
    static final Path VALUE_SETS = Path.of("fhir-resources/valuesets");
    private static final Path PROFILES = Path.of("src/main/resources/guideline-profiles.yml");
    private static final Path APPLICATION = Path.of("src/main/resources/application.yml");
    private static final String VERIFICATION =
            "http://recurrent-miscarriage-cds.org/fhir/StructureDefinition/verification";
    private static final Pattern EXAMPLE_NAME =
            Pattern.compile("(?:(order-sign|order-select)-)?(?:(rpl-\\d\\d)-(in|out)-)?.+");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> SYSTEMS = Map.of(
            "http://snomed.info/sct", "SNOMED CT",
            "http://loinc.org", "LOINC",
            "http://hl7.org/fhir/sid/icd-10-cm", "ICD-10-CM",
            "http://www.nlm.nih.gov/research/umls/rxnorm", "RxNorm",
            "http://www.ama-assn.org/go/cpt", "CPT",
            "http://www.whocc.no/atc", "ATC",
            "http://hl7.org/fhir/sid/cvx", "CVX");

    /** What a suggestion does, by the method of {@link ProposedAction} that makes it, in this order. */
    private static final Map<String, String> ACTIONS = new LinkedHashMap<>();

    static {
        ACTIONS.put("problem", "add a problem-list entry (a provisional `Condition`)");
        ACTIONS.put("order", "order a test, procedure or referral (a draft `ServiceRequest`)");
        ACTIONS.put("prescription", "prescribe (a draft `MedicationRequest`)");
        ACTIONS.put("remove", "withdraw an order or prescription (a `delete` of the record)");
        ACTIONS.put("replace", "withdraw an order and order another in its place (`delete` and `create`)");
        ACTIONS.put("stop", "stop a prescription on record (an `update` to status `stopped`)");
    }

    /**
     * A recommendation of the catalogue as shipped.
     *
     * @param id such as {@code RPL-12}
     * @param title the card's topic, as the rule names itself
     * @param rules the classes that speak for it: one, or one on the chart and one on the drafts
     * @param chart whether it speaks on the chart ({@code patient-view})
     * @param ordering whether it speaks while orders are written ({@code order-select}, {@code order-sign})
     */
    record Entry(String id, String title, List<Rule> rules, boolean chart, boolean ordering) {

        List<String> classNames() {
            return rules.stream().map(r -> r.getClass().getSimpleName()).toList();
        }
    }

    /** One member of a value set: a code with its display, or a filter; flagged unverified or not. */
    record Member(String text, boolean unverified) {}

    /** A value set file: its id, canonical URL, title and description, and its members by code system. */
    record ValueSetFile(String id, String url, String title, String description, Map<String, List<Member>> members) {

        long unverified() {
            return members.values().stream()
                    .flatMap(List::stream)
                    .filter(Member::unverified)
                    .count();
        }
    }

    /** An example pair: its name, the hook it runs on, the rule and verdict its name states, and the expected cards. */
    record Example(String name, String hook, String rule, boolean in, JsonNode expected) {}

    private final List<Entry> entries = entries();
    private final Map<String, GuidelineProfile> profiles = new LinkedHashMap<>();
    private final Map<String, String> meanings = new TreeMap<>();
    private final Map<String, String> profileNotes = new LinkedHashMap<>();
    private final Map<String, String> services = new TreeMap<>();
    private final Map<String, ValueSetFile> valueSets = new TreeMap<>();
    private final List<Example> examples = new ArrayList<>();
    private final Map<String, CodeReading.Reads> own = new LinkedHashMap<>();
    private final Map<String, Map<String, Set<String>>> throughSettings = new LinkedHashMap<>();
    private final Map<String, Map<String, Set<String>>> throughValueSets = new LinkedHashMap<>();
    private final List<PropertySource<?>> application = application();
    private final StringBuilder out = new StringBuilder();

    private ClinicalCatalogue() {
        readProfiles();
        readServices();
        readValueSets();
        readExamples();
        for (Entry entry : entries) {
            CodeReading.Reads reads = CodeReading.own(entry.classNames());
            own.put(entry.id(), reads);
            throughSettings.put(entry.id(), CodeReading.throughSettings(reads));
            throughValueSets.put(entry.id(), CodeReading.throughValueSets(reads));
        }
    }

    /** The document as the code states it. */
    static String generate() {
        return new ClinicalCatalogue().write();
    }

    /** The recommendations of the catalogue as shipped, in rule order. */
    static List<Entry> entries() {
        Recommendations all = Recommendations.all();
        List<Object> speaking = new ArrayList<>(field(all, "catalogue"));
        speaking.addAll(field(all, "orderAdvice"));
        List<Entry> entries = new ArrayList<>();
        for (String id : all.ids()) {
            Map<Class<?>, Rule> rules = new LinkedHashMap<>();
            for (Object recommendation : speaking) {
                if (recommendation instanceof Rule rule && rule.id().equals(id)) {
                    rules.putIfAbsent(rule.getClass(), rule);
                }
            }
            if (rules.isEmpty()) {
                throw new IllegalStateException(id + " is no Rule: it has no header to show");
            }
            List<Rule> classes = List.copyOf(rules.values());
            entries.add(new Entry(
                    id,
                    classes.get(0).title(),
                    classes,
                    all.titles().containsKey(id),
                    all.orderAdviceIds().contains(id)));
        }
        return entries;
    }

    /** The header of a recommendation's class. */
    static JavadocText.Header header(Class<?> type) {
        return JavadocText.header(comment(type.getSimpleName()));
    }

    private static String comment(String className) {
        return JavadocText.classComment(source(className), className);
    }

    private static String source(String className) {
        try {
            return Files.readString(CodeReading.file(className));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> field(Recommendations all, String name) {
        try {
            Field field = Recommendations.class.getDeclaredField(name);
            field.setAccessible(true);
            return (List<Object>) field.get(all);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Recommendations has no list '" + name + "'", e);
        }
    }

    private String write() {
        intro();
        contents();
        gates();
        evaluationCard();
        modes();
        profilesSection();
        derivedFacts();
        line("## Recommendations");
        line();
        entries.forEach(this::recommendation);
        valueSetsSection();
        sources();
        return out.toString().replaceAll("\n{3,}", "\n\n").strip() + "\n";
    }

    private void intro() {
        line("# Clinical catalogue");
        line();
        line("<!-- Generated from the code by src/test/java/org/rplcds/rules/ClinicalCatalogue.java: do not edit."
                + " Regenerate with " + COMMAND + " -->");
        line();
        line("Every recommendation of the service, as its code states it, for the committees that govern clinical"
                + " decision support and the clinical informaticists who configure it: when each card fires and"
                + " when it does not, what it says and suggests, the guideline settings behind it under each"
                + " profile, the codes it reads and the publications it follows.");
        line();
        line("This document is generated from the code. `ClinicalCatalogueTest` fails when it and the code"
                + " disagree; regenerate it with:");
        line();
        line("```bash");
        line(COMMAND);
        line("```");
        line();
        line("Where each part comes from:");
        line();
        line("- **Guideline, When, Then, Not when, Source**: the header of the rule's class in"
                + " `src/main/java/org/rplcds/rules/`, as written there.");
        line("- **Hooks**: the catalogue as shipped (`Recommendations.all()`). Every recommendation speaks on"
                + " `patient-view`; those that judge draft orders also on `order-select` and `order-sign`.");
        line("- **Cited**: the sources the rule's cards cite under each guideline profile (`rules/Citation.java`),"
                + " linked to their address; a source without an address is named only.");
        line("- **Settings**: the settings of `src/main/resources/guideline-profiles.yml` that the rule's code"
                + " names, with their shipped value under each profile. \"rule\" is the rule's own code; other"
                + " names are the derived facts (`rules/derived/`, computed once per call) that read the setting"
                + " for it.");
        line("- **Suggestions**: the codes the rule's code suggests (`rules/SuggestedCodes.java` and codes"
                + " written in the rule), each with the value set that lists it, if any.");
        line("- **Value sets**: the value sets of `fhir-resources/valuesets/` the rule's code names through the"
                + " kinds of facts (`facts/Analyte`, `ProblemKind`, `ProcedureKind`, `Drug`, `ValueSets`), itself"
                + " or through a derived fact.");
        line("- **Example pairs**: the pairs of `hooks/examples/` named for the rule, with the card that holds its"
                + " advice as the service writes it (indicator, summary, suggestions); `ExamplesTest` runs every"
                + " pair through the service. A pair named `out` shows where the rule gives no card.");
        line();
        line("Settings and value sets are found by reading the code's text: what a rule reads only through the"
                + " facts layer (the pregnancy, the losses, the gestational age) is listed under"
                + " [Value sets](#value-sets) as read for every recommendation.");
        line();
    }

    private void contents() {
        line("## Contents");
        line();
        line("| Rule | Title | Hooks | Indicators | Example pairs (in / out) |");
        line("| --- | --- | --- | --- | --- |");
        for (Entry entry : entries) {
            long in = examples.stream()
                    .filter(e -> e.rule().equals(entry.id()) && e.in())
                    .count();
            long notIn = examples.stream()
                    .filter(e -> e.rule().equals(entry.id()) && !e.in())
                    .count();
            line("| [" + entry.id() + "](#" + slug(heading(entry)) + ") | " + cell(entry.title()) + " | "
                    + String.join(", ", hooks(entry)) + " | " + indicators(entry) + " | " + in + " / " + notIn
                    + " |");
        }
        line();
        int last = entries.stream()
                .mapToInt(e -> Integer.parseInt(e.id().substring("RPL-".length())))
                .max()
                .orElse(0);
        String card = JavadocText.markdown(comment("EvaluationCard"), true);
        List<String> unused = IntStream.rangeClosed(1, last)
                .mapToObj(n -> String.format(Locale.ROOT, "RPL-%02d", n))
                .filter(id -> entries.stream().noneMatch(e -> e.id().equals(id)))
                .map(id -> id
                        + (card.contains(id)
                                ? ", a part of [the evaluation card](#the-evaluation-card)"
                                : ", no recommendation"))
                .toList();
        if (!unused.isEmpty()) {
            line();
            line("No rule of its own: " + String.join("; ", unused) + ".");
        }
        line();
        line("Also: [Who gets cards](#who-gets-cards), [The evaluation card](#the-evaluation-card),"
                + " [Modes](#modes), [Guideline profiles](#guideline-profiles), [Derived facts](#derived-facts),"
                + " [Value sets](#value-sets),"
                + " [Sources](#sources).");
        line();
    }

    private void gates() {
        line("## Who gets cards");
        line();
        line(JavadocText.markdown(comment("Eligibility"), true));
        line();
        settingsTable(settingsOf(CodeReading.own(List.of("Eligibility")).settings(), Map.of()));
    }

    private void evaluationCard() {
        JavadocText.Header header = JavadocText.header(comment("EvaluationCard"));
        line("## The evaluation card");
        line();
        line(header.lead());
        line();
        parts(header);
        CodeReading.Reads reads = CodeReading.own(List.of("EvaluationCard"));
        settingsTable(settingsOf(reads.settings(), Map.of()));
    }

    private void modes() {
        line("## Modes");
        line();
        line("A site sets each recommendation `on` (the card is given), `silent` (evaluated and counted as"
                + " `cds.cards.silent`, never shown) or `off` (not evaluated) with `cds.rules.<id>.mode`, such as"
                + " `cds.rules.RPL-16.mode: silent`. A call may switch card types off for itself with the Da Vinci"
                + " CRD configuration extension, `{\"RPL-16\": false}`. A part of the evaluation card that is not"
                + " on is left out of it; without RPL-01 the parts give their own cards.");
        line();
        Map<String, String> shipped = new TreeMap<>();
        for (Entry entry : entries) {
            String mode = shippedMode(entry.id());
            if (!mode.equals("on")) {
                shipped.put(entry.id(), mode);
            }
        }
        line(
                shipped.isEmpty()
                        ? "As shipped (`src/main/resources/application.yml`), every recommendation is `on`."
                        : "As shipped, not on: "
                                + shipped.entrySet().stream()
                                        .map(e -> e.getKey() + " `" + e.getValue() + "`")
                                        .collect(Collectors.joining(", "))
                                + "; every other recommendation is `on`.");
        line();
    }

    private void profilesSection() {
        line("## Guideline profiles");
        line();
        line("A site chooses one profile with `cds.profile` (`ESHRE2022` by default); each value can be changed per"
                + " site under `cds.guidelines.profiles.<profile>.<setting>`. The shipped profiles:");
        line();
        line("| Profile | Cards name it | Definition follows |");
        line("| --- | --- | --- |");
        profiles.forEach((name, profile) ->
                line("| `" + name + "` | " + cell(profile.label()) + " | " + citation(profile.definition()) + " |"));
        line();
        profileNotes.forEach((name, note) -> line("- `" + name + "`: " + cell(note)));
        line();
        line("Every setting, its shipped value under each profile, and the recommendations that read it (a setting"
                + " whose value differs between profiles is in bold):");
        line();
        StringBuilder header = new StringBuilder("| Setting |");
        StringBuilder rule = new StringBuilder("| --- |");
        profiles.keySet().forEach(name -> {
            header.append(" ").append(name).append(" |");
            rule.append(" --- |");
        });
        line(header + " Read by | Meaning |");
        line(rule + " --- | --- |");
        Set<String> gateSettings = CodeReading.own(List.of("Eligibility")).settings();
        Set<String> cardSettings = CodeReading.own(List.of("EvaluationCard")).settings();
        for (CodeReading.Setting setting : CodeReading.SETTINGS) {
            List<String> readers = new ArrayList<>();
            if (gateSettings.contains(setting.path())) {
                readers.add("[gates](#who-gets-cards)");
            }
            if (cardSettings.contains(setting.path())) {
                readers.add("[evaluation card](#the-evaluation-card)");
            }
            for (Entry entry : entries) {
                if (own.get(entry.id()).settings().contains(setting.path())
                        || throughSettings.get(entry.id()).containsKey(setting.path())) {
                    readers.add("[" + entry.id() + "](#" + slug(heading(entry)) + ")");
                }
            }
            line(settingRow(setting) + " " + (readers.isEmpty() ? "none" : String.join(", ", readers)) + " | "
                    + cell(meanings.getOrDefault(setting.path(), "")) + " |");
        }
        line();
    }

    private void derivedFacts() {
        line("## Derived facts");
        line();
        line("Facts computed once per call from the record and the profile (`rules/derived/`), which several"
                + " recommendations read. A setting read through one of them is named with it in each reader's"
                + " table.");
        line();
        line("| Fact | What it is | Settings it is computed from | Read by |");
        line("| --- | --- | --- | --- |");
        String source = source("DerivedFacts");
        Map<String, String> params = JavadocText.params(comment("DerivedFacts"));
        for (String fact : facts()) {
            String what = params.containsKey(fact) ? params.get(fact) : JavadocText.methodComment(source, fact);
            Set<String> paths = CodeReading.fact(fact, new LinkedHashSet<>()).settings();
            String settings = settingsOf(paths, Map.of()).keySet().stream()
                    .map(setting -> "`" + setting.path() + "`")
                    .collect(Collectors.joining(", "));
            String readers = entries.stream()
                    .filter(e -> own.get(e.id()).facts().contains(fact))
                    .map(e -> "[" + e.id() + "](#" + slug(heading(e)) + ")")
                    .collect(Collectors.joining(", "));
            line("| `" + fact + "` | " + cell(what) + " | " + (settings.isEmpty() ? "none" : settings) + " | "
                    + (readers.isEmpty() ? "none directly" : readers) + " |");
        }
        line();
    }

    /** The facts a recommendation can read: the components and public methods of DerivedFacts. */
    static List<String> facts() {
        List<String> facts = new ArrayList<>();
        for (var component : DerivedFacts.class.getRecordComponents()) {
            facts.add(component.getName());
        }
        Stream.of(DerivedFacts.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()))
                .map(Method::getName)
                .filter(name -> !facts.contains(name)
                        && !Set.of("equals", "hashCode", "toString").contains(name))
                .sorted()
                .forEach(facts::add);
        return facts;
    }

    private void recommendation(Entry entry) {
        line("### " + heading(entry));
        line();
        Rule first = entry.rules().get(0);
        line("| | |");
        line("| --- | --- |");
        line("| Hooks | "
                + hooks(entry).stream()
                        .map(hook -> "`" + hook + "` (service `" + services.get(hook) + "`)")
                        .collect(Collectors.joining(", "))
                + " |");
        line("| Indicators | " + indicators(entry) + " |");
        line("| Mode | `cds.rules." + entry.id() + ".mode`: `on`, `silent` or `off`; as shipped `"
                + shippedMode(entry.id()) + "` |");
        Set<String> read = own.get(entry.id()).facts();
        line("| Derived facts | "
                + (read.isEmpty()
                        ? "none"
                        : read.stream().map(f -> "`" + f + "`").collect(Collectors.joining(", "))
                                + " ([what they are](#derived-facts))")
                + " |");
        line("| Code | "
                + entry.classNames().stream()
                        .map(name -> "[" + name + "](../"
                                + CodeReading.file(name).toString().replace('\\', '/') + ")")
                        .collect(Collectors.joining(", "))
                + " |");
        line();
        for (Rule rule : entry.rules()) {
            JavadocText.Header header = header(rule.getClass());
            if (entry.rules().size() > 1) {
                line("#### " + lead(header.lead(), entry.id()).replaceAll("\\.$", "") + " (`"
                        + rule.getClass().getSimpleName() + "`)");
                line();
            } else if (!lead(header.lead(), entry.id()).equalsIgnoreCase(first.title() + ".")) {
                line("*" + lead(header.lead(), entry.id()) + "*");
                line();
            }
            parts(header);
        }
        cited(entry);
        settings(entry);
        suggestions(entry);
        valueSetsOf(entry);
        examplesOf(entry);
    }

    private void parts(JavadocText.Header header) {
        for (String name : JavadocText.PARTS) {
            String text = header.parts().get(name);
            if (text != null) {
                String marker = name.equals("Guideline") || name.equals("Source") ? name + ":" : name;
                line("**" + marker + "** " + text);
                line();
            }
        }
        header.notes().forEach(note -> {
            line(note);
            line();
        });
    }

    private void cited(Entry entry) {
        line("#### Cited on its cards");
        line();
        Map<List<Citation>, List<String>> byProfile = new LinkedHashMap<>();
        profiles.forEach((name, profile) -> byProfile
                .computeIfAbsent(sources(entry, profile), k -> new ArrayList<>())
                .add(name));
        for (Map.Entry<List<Citation>, List<String>> sources : byProfile.entrySet()) {
            String under = byProfile.size() == 1
                    ? "Under every profile"
                    : "Under "
                            + sources.getValue().stream()
                                    .map(n -> "`" + n + "`")
                                    .collect(Collectors.joining(", "));
            line("- " + under + ": "
                    + sources.getKey().stream().map(ClinicalCatalogue::citation).collect(Collectors.joining("; "))
                    + ".");
        }
        Set<Citation> declared = new LinkedHashSet<>();
        byProfile.keySet().forEach(declared::addAll);
        List<String> more = own.get(entry.id()).citations().stream()
                .map(Citation::valueOf)
                .filter(c -> !declared.contains(c))
                .map(ClinicalCatalogue::citation)
                .toList();
        if (!more.isEmpty()) {
            line("- Also named in its code, on some of its cards: " + String.join("; ", more) + ".");
        }
        Set<String> names = own.get(entry.id()).profileNames();
        if (!names.isEmpty()) {
            line("- Its code tells profiles apart by name: "
                    + names.stream().map(n -> "`" + n + "`").collect(Collectors.joining(", ")) + ".");
        }
        line();
    }

    /** The sources a recommendation's cards cite under a profile, on the chart and on the drafts. */
    private static List<Citation> sources(Entry entry, GuidelineProfile profile) {
        Set<Citation> sources = new LinkedHashSet<>();
        for (Rule rule : entry.rules()) {
            if (rule instanceof OrderAdvice) {
                sources.addAll(rule.sources(assessment(profile, Optional.of(DraftOrders.NONE))));
            }
            if (!(rule instanceof OrderAdvice) || entry.chart()) {
                sources.addAll(rule.sources(assessment(profile, Optional.empty())));
            }
        }
        return List.copyOf(sources);
    }

    /** An assessment that holds the profile alone: what a rule's sources depend on. */
    private static Assessment assessment(GuidelineProfile profile, Optional<DraftOrders> drafts) {
        return new Assessment(null, profile, Presentation.DEFAULT, null, drafts);
    }

    private void settings(Entry entry) {
        Map<String, String> read = new LinkedHashMap<>();
        own.get(entry.id()).settings().forEach(path -> read.put(path, "rule"));
        throughSettings
                .get(entry.id())
                .forEach((path, through) -> read.merge(
                        path,
                        through.stream().map(t -> "`" + t + "`").collect(Collectors.joining(", ")),
                        (a, b) -> a + ", " + b));
        line("#### Settings it reads, by guideline profile");
        line();
        if (read.isEmpty()) {
            line("None beyond [who gets cards](#who-gets-cards).");
            line();
            return;
        }
        settingsTable(settingsOf(read.keySet(), read));
    }

    /** The settings at these paths, in the profile's order, each with how it is read. */
    private static Map<CodeReading.Setting, String> settingsOf(Set<String> paths, Map<String, String> how) {
        Map<CodeReading.Setting, String> settings = new LinkedHashMap<>();
        for (CodeReading.Setting setting : CodeReading.SETTINGS) {
            if (paths.contains(setting.path())) {
                settings.put(setting, how.getOrDefault(setting.path(), ""));
            }
        }
        return settings;
    }

    private void settingsTable(Map<CodeReading.Setting, String> settings) {
        if (settings.isEmpty()) {
            return;
        }
        boolean how = settings.values().stream().anyMatch(h -> !h.isEmpty());
        StringBuilder header = new StringBuilder("| Setting |");
        StringBuilder rule = new StringBuilder("| --- |");
        profiles.keySet().forEach(name -> {
            header.append(" ").append(name).append(" |");
            rule.append(" --- |");
        });
        line(header + (how ? " Read by |" : "") + " Meaning |");
        line(rule + (how ? " --- |" : "") + " --- |");
        settings.forEach((setting, by) -> line(settingRow(setting) + (how ? " " + by + " |" : "") + " "
                + cell(meanings.getOrDefault(setting.path(), "")) + " |"));
        line();
    }

    /** The setting's name, bold where the profiles differ, and its value under each profile. */
    private String settingRow(CodeReading.Setting setting) {
        List<String> values = profiles.values().stream().map(setting::value).toList();
        boolean differs = values.stream().distinct().count() > 1;
        String name = "`" + setting.path() + "`";
        StringBuilder row = new StringBuilder("| " + (differs ? "**" + name + "**" : name) + " |");
        values.forEach(value -> row.append(" ").append(cell(value)).append(" |"));
        return row.toString();
    }

    private void suggestions(Entry entry) {
        Set<Concept> concepts = own.get(entry.id()).suggestions();
        Set<String> actions = own.get(entry.id()).actions();
        line("#### Suggestions its code can make");
        line();
        if (concepts.isEmpty() && actions.isEmpty()) {
            line("None: its cards carry no suggestion.");
            line();
            return;
        }
        List<String> kinds = new ArrayList<>();
        ACTIONS.forEach((method, words) -> {
            if (actions.contains(method)) {
                kinds.add(words);
            }
        });
        line("What they do: " + String.join("; ", kinds) + ".");
        line();
        if (concepts.isEmpty()) {
            return;
        }
        line("| System | Code | Display | Listed in |");
        line("| --- | --- | --- | --- |");
        List<Concept> sorted = concepts.stream()
                .sorted(Comparator.comparing((Concept c) -> c.system() == null ? "~" : system(c.system()))
                        .thenComparing(c -> c.code() == null ? "" : c.code())
                        .thenComparing(Concept::display))
                .toList();
        for (Concept concept : sorted) {
            if (concept.code() == null) {
                line("| text only | | " + cell(concept.display()) + " | no code: ordered in words |");
            } else {
                line("| " + system(concept.system()) + " | `" + concept.code() + "` | " + cell(concept.display())
                        + " | " + listedIn(concept) + " |");
            }
        }
        line();
    }

    /** The value sets that list this code, each marked where it is flagged unverified. */
    private String listedIn(Concept concept) {
        List<String> listed = new ArrayList<>();
        for (ValueSetFile file : valueSets.values()) {
            member(file, concept)
                    .ifPresent(member ->
                            listed.add(valueSetLink(file.id()) + (member.unverified() ? " (**unverified**)" : "")));
        }
        return listed.isEmpty() ? "no value set" : String.join(", ", listed);
    }

    private static boolean lists(ValueSetFile file, Concept concept) {
        return member(file, concept).isPresent();
    }

    /** The member of the value set that is this code, if it lists it by code. */
    private static Optional<Member> member(ValueSetFile file, Concept concept) {
        return file.members().getOrDefault(system(concept.system()), List.of()).stream()
                .filter(member -> member.text().startsWith("`" + concept.code() + "`"))
                .findFirst();
    }

    private void valueSetsOf(Entry entry) {
        line("#### Value sets it reads");
        line();
        Set<String> direct = own.get(entry.id()).valueSets();
        Map<String, Set<String>> through = throughValueSets.get(entry.id());
        if (direct.isEmpty() && through.isEmpty()) {
            line("None beyond those the facts read for every recommendation.");
            line();
            return;
        }
        if (!direct.isEmpty()) {
            line("- Its code: " + direct.stream().map(this::valueSetLinkByUrl).collect(Collectors.joining(", ")) + ".");
        }
        Map<String, List<String>> byFact = new TreeMap<>();
        through.forEach((url, facts) -> {
            if (!direct.contains(url)) {
                byFact.computeIfAbsent(String.join(", ", facts), k -> new ArrayList<>())
                        .add(valueSetLinkByUrl(url));
            }
        });
        byFact.forEach((facts, links) -> line("- Through "
                + Stream.of(facts.split(", ")).map(f -> "`" + f + "`").collect(Collectors.joining(", ")) + ": "
                + String.join(", ", links) + "."));
        line();
    }

    private void examplesOf(Entry entry) {
        List<Example> in = examples.stream()
                .filter(e -> e.rule().equals(entry.id()) && e.in())
                .toList();
        List<Example> notIn = examples.stream()
                .filter(e -> e.rule().equals(entry.id()) && !e.in())
                .toList();
        line("#### Example pairs");
        line();
        if (in.isEmpty() && notIn.isEmpty()) {
            line("None named for it.");
            line();
            return;
        }
        if (!in.isEmpty()) {
            line("| Example | Profile | Hook | Card of | Indicator | Summary | Suggestions |");
            line("| --- | --- | --- | --- | --- | --- | --- |");
            for (Example example : in) {
                for (JsonNode card : example.expected().get("cards")) {
                    List<String> rules = new ArrayList<>();
                    card.path("rules").forEach(r -> rules.add(r.asText()));
                    String rule = card.get("rule").asText();
                    if (!rule.equals(entry.id()) && !rules.contains(entry.id())) {
                        continue;
                    }
                    List<String> suggestions = new ArrayList<>();
                    card.get("suggestions")
                            .forEach(s -> suggestions.add(
                                    JavadocText.span(s.get("code").asText())
                                            + (s.get("isRecommended").asBoolean() ? "" : " (optional)")));
                    line("| " + exampleLink(example) + " | " + profileOf(example) + " | " + example.hook() + " | "
                            + rule + " | " + card.get("indicator").asText() + " | "
                            + (card.hasNonNull("summary")
                                    ? cell(card.get("summary").asText())
                                    : "(not compared)")
                            + " | " + (suggestions.isEmpty() ? "none" : String.join("; ", suggestions)) + " |");
                }
            }
            line();
        }
        if (!notIn.isEmpty()) {
            line("No card from it: "
                    + notIn.stream()
                            .map(e -> exampleLink(e) + " (" + profileOf(e) + ", " + e.hook() + ")")
                            .collect(Collectors.joining(", "))
                    + ".");
            line();
        }
    }

    private static String profileOf(Example example) {
        String profile = example.expected().get("profile").asText();
        JsonNode ui = example.expected().path("ui");
        if (ui.isMissingNode() || ui.isEmpty()) {
            return profile;
        }
        List<String> settings = new ArrayList<>();
        ui.fields()
                .forEachRemaining(f -> settings.add(
                        "`cds.ui." + f.getKey() + "=" + f.getValue().asText() + "`"));
        return profile + ", " + String.join(", ", settings);
    }

    private static String exampleLink(Example example) {
        return "[" + example.name() + "](../" + EXAMPLES + "/" + example.name() + ".cards.json)";
    }

    private void valueSetsSection() {
        line("## Value sets");
        line();
        long unverified =
                valueSets.values().stream().mapToLong(ValueSetFile::unverified).sum();
        line("The " + valueSets.size() + " value sets of `fhir-resources/valuesets/`, each with its canonical URL, the"
                + " recommendations that read it and its members. " + unverified + " members could not be verified"
                + " against an authoritative release; their value sets flag them with the extension `" + VERIFICATION
                + "` = `unverified`, marked **unverified** here: check them before clinical use. A site may replace"
                + " a value set with its own codes.");
        line();
        Map<String, Map<String, List<String>>> readers = new TreeMap<>();
        for (Entry entry : entries) {
            String link = "[" + entry.id() + "](#" + slug(heading(entry)) + ")";
            own.get(entry.id()).valueSets().forEach(url -> readers.computeIfAbsent(url, k -> new LinkedHashMap<>())
                    .computeIfAbsent(link, k -> new ArrayList<>())
                    .add("its code"));
            throughValueSets.get(entry.id()).forEach((url, facts) -> readers.computeIfAbsent(
                            url, k -> new LinkedHashMap<>())
                    .computeIfAbsent(link, k -> new ArrayList<>())
                    .add("through " + facts.stream().map(f -> "`" + f + "`").collect(Collectors.joining(", "))));
        }
        CodeReading.own(List.of("Eligibility")).valueSets().forEach(url -> readers.computeIfAbsent(
                        url, k -> new LinkedHashMap<>())
                .put("[gates](#who-gets-cards)", List.of()));
        for (ValueSetFile file : valueSets.values()) {
            line("### Value set " + file.id());
            line();
            line("**" + cell(file.title()) + "**: `" + file.url() + "` ([file](../" + VALUE_SETS + "/ValueSet-"
                    + file.id() + ".json))");
            line();
            if (!file.description().isBlank()) {
                line(JavadocText.withoutSectionReferences(file.description()));
                line();
            }
            Map<String, List<String>> by = readers.getOrDefault(file.url(), Map.of());
            line("Read by: "
                    + (by.isEmpty()
                            ? "no recommendation's code names it; the facts layer reads it for all of them"
                            : by.entrySet().stream()
                                    .map(e -> e.getKey()
                                            + (e.getValue().isEmpty()
                                                    ? ""
                                                    : " (" + String.join("; ", e.getValue()) + ")"))
                                    .collect(Collectors.joining(", ")))
                    + ".");
            line();
            List<String> suggesting = entries.stream()
                    .filter(e ->
                            own.get(e.id()).suggestions().stream().anyMatch(c -> c.code() != null && lists(file, c)))
                    .map(e -> "[" + e.id() + "](#" + slug(heading(e)) + ")")
                    .toList();
            if (!suggesting.isEmpty()) {
                line("Lists codes the cards of " + String.join(", ", suggesting) + " suggest.");
                line();
            }
            file.members()
                    .forEach((system, members) -> line("- " + system + ": "
                            + members.stream()
                                    .map(m -> m.text() + (m.unverified() ? " (**unverified**)" : ""))
                                    .collect(Collectors.joining("; "))));
            line();
        }
    }

    private void sources() {
        line("## Sources");
        line();
        line("Every source a card can cite (`rules/Citation.java`), with the recommendations whose cards cite it"
                + " under any profile, and the profiles whose definition of recurrent pregnancy loss follows it.");
        line();
        line("| Source | Address | Cited by |");
        line("| --- | --- | --- |");
        List<Citation> all = Stream.of(Citation.class.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == Citation.class)
                .map(f -> Citation.valueOf(f.getName()))
                .sorted(Comparator.comparing(c -> c.label().toLowerCase(Locale.ROOT)))
                .toList();
        for (Citation citation : all) {
            List<String> by = new ArrayList<>();
            profiles.forEach((name, profile) -> {
                if (profile.definition().equals(citation)) {
                    by.add("profile `" + name + "`");
                }
            });
            for (Entry entry : entries) {
                boolean cited = profiles.values().stream()
                                .flatMap(p -> sources(entry, p).stream())
                                .anyMatch(c -> c.equals(citation)
                                        || (citation.linked() && citation.url().equals(c.url())))
                        || own.get(entry.id()).citations().stream()
                                .map(Citation::valueOf)
                                .anyMatch(citation::equals);
                if (cited) {
                    by.add("[" + entry.id() + "](#" + slug(heading(entry)) + ")");
                }
            }
            line("| " + cell(citation.label()) + " | "
                    + (citation.linked() ? "<" + citation.url() + ">" : "none: named only, never linked") + " | "
                    + (by.isEmpty() ? "none" : String.join(", ", by)) + " |");
        }
        line();
    }

    private static String citation(Citation citation) {
        return citation.linked()
                ? "[" + citation.label() + "](" + citation.url() + ")"
                : citation.label() + " (named, no address)";
    }

    private String indicators(Entry entry) {
        return own.get(entry.id()).indicators().stream()
                .sorted(Comparator.reverseOrder())
                .map(i -> i.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }

    private static List<String> hooks(Entry entry) {
        List<String> hooks = new ArrayList<>();
        if (entry.chart()) {
            hooks.add("patient-view");
        }
        if (entry.ordering()) {
            hooks.add("order-select");
            hooks.add("order-sign");
        }
        return hooks;
    }

    private static String heading(Entry entry) {
        return entry.id() + " " + entry.title();
    }

    /** The header's lead without the rule id it opens with. */
    private static String lead(String lead, String id) {
        return lead.startsWith(id + " ") ? lead.substring(id.length() + 1) : lead;
    }

    /** The anchor a markdown heading gets, as GitHub writes it. */
    static String slug(String heading) {
        return heading.toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N} _-]", "")
                .replace(' ', '-');
    }

    private String valueSetLinkByUrl(String url) {
        return valueSets.values().stream()
                .filter(v -> v.url().equals(url))
                .findFirst()
                .map(v -> valueSetLink(v.id()))
                .orElseThrow(() -> new IllegalStateException("no value set file for " + url));
    }

    private static String valueSetLink(String id) {
        return "[`" + id + "`](#" + slug("Value set " + id) + ")";
    }

    private static String system(String url) {
        return SYSTEMS.getOrDefault(url, url);
    }

    /** Text for a table cell: no line break, no column mark, no HTML. */
    static String cell(String text) {
        return text.replace("\n", " ").replace("|", "\\|").replace("<", "&lt;").replace("*", "\\*");
    }

    /** The mode {@code application.yml} gives a recommendation: on unless it says otherwise. */
    private String shippedMode(String id) {
        Object mode = application.isEmpty() ? null : application.get(0).getProperty("cds.rules." + id + ".mode");
        return mode == null ? "on" : String.valueOf(mode);
    }

    private static List<PropertySource<?>> application() {
        try {
            return new YamlPropertySourceLoader().load("application", new FileSystemResource(APPLICATION));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The shipped profiles in the order the YAML gives them, the meaning of each setting from its
     * comment in the first profile, and the comment that opens each profile.
     */
    private void readProfiles() {
        List<String> lines = lines(PROFILES);
        Pattern key = Pattern.compile("^(\\s*)([\\w<-]+):\\s*(.*)$");
        List<String> path = new ArrayList<>();
        List<Integer> indents = new ArrayList<>();
        String comment = null;
        String first = null;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            if (line.strip().startsWith("#")) {
                comment = line.strip().substring(1).strip();
                continue;
            }
            Matcher matcher = key.matcher(line);
            if (!matcher.matches()) {
                continue;
            }
            int indent = matcher.group(1).length();
            while (!indents.isEmpty() && indents.get(indents.size() - 1) >= indent) {
                indents.remove(indents.size() - 1);
                path.remove(path.size() - 1);
            }
            indents.add(indent);
            path.add(matcher.group(2));
            String rest = matcher.group(3);
            if (path.size() == 4 && path.subList(0, 3).equals(List.of("cds", "guidelines", "profiles"))) {
                String name = path.get(3);
                profiles.put(name, Profiles.SHIPPED.named(name).orElseThrow());
                if (comment != null) {
                    profileNotes.put(name, JavadocText.withoutSectionReferences(comment));
                }
                if (first == null) {
                    first = name;
                }
            }
            comment = null;
            int hash = rest.indexOf(" #");
            if (path.size() > 4 && path.get(3).equals(first) && hash >= 0) {
                meanings.put(
                        String.join(".", path.subList(4, path.size())),
                        JavadocText.withoutSectionReferences(
                                rest.substring(hash + 2).strip()));
            }
        }
        if (!new TreeSet<>(profiles.keySet()).equals(new TreeSet<>(Profiles.SHIPPED.names()))) {
            throw new IllegalStateException("the profiles of the YAML are not those bound: " + profiles.keySet());
        }
    }

    private void readServices() {
        try (Stream<Path> files = Files.list(HOOKS)) {
            for (Path file :
                    files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode service = JSON.readTree(file.toFile());
                services.put(service.get("hook").asText(), service.get("id").asText());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readValueSets() {
        try (Stream<Path> files = Files.list(VALUE_SETS)) {
            for (Path file :
                    files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode set = JSON.readTree(file.toFile());
                Map<String, List<Member>> members = new LinkedHashMap<>();
                for (JsonNode include : set.path("compose").path("include")) {
                    List<Member> listed =
                            members.computeIfAbsent(system(include.get("system").asText()), k -> new ArrayList<>());
                    include.path("concept")
                            .forEach(c -> listed.add(new Member(
                                    "`" + c.get("code").asText() + "` "
                                            + c.path("display").asText(),
                                    unverified(c))));
                    include.path("filter")
                            .forEach(f -> listed.add(new Member(
                                    f.get("op").asText() + " `" + f.get("value").asText() + "`", unverified(f))));
                }
                valueSets.put(
                        set.get("id").asText(),
                        new ValueSetFile(
                                set.get("id").asText(),
                                set.get("url").asText(),
                                set.path("title").asText(set.path("name").asText()),
                                set.path("description").asText(""),
                                members));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean unverified(JsonNode member) {
        for (JsonNode extension : member.path("extension")) {
            if (extension.path("url").asText().equals(VERIFICATION)
                    && extension.path("valueCode").asText().equals("unverified")) {
                return true;
            }
        }
        return false;
    }

    private void readExamples() {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".cards.json"))
                    .sorted()
                    .toList()) {
                String name = file.getFileName().toString().replace(".cards.json", "");
                Matcher matcher = EXAMPLE_NAME.matcher(name);
                if (!matcher.matches() || matcher.group(2) == null) {
                    continue;
                }
                examples.add(new Example(
                        name,
                        matcher.group(1) == null ? "patient-view" : matcher.group(1),
                        matcher.group(2).toUpperCase(Locale.ROOT),
                        matcher.group(3).equals("in"),
                        JSON.readTree(file.toFile())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void line(String text) {
        out.append(text).append('\n');
    }

    private void line() {
        out.append('\n');
    }
}
