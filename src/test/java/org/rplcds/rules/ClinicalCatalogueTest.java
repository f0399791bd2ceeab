package org.rplcds.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The clinical catalogue ({@code docs/clinical-catalogue.md}) and the code it is written from. Run
 * with {@code -Dcatalogue.write=true} to write the document again from the code.
 */
@DisplayName("The clinical catalogue")
class ClinicalCatalogueTest {

    /** A numbered section, or the contract that numbers it. */
    static final Pattern OUTSIDE_SECTION = Pattern.compile("(?i)§|clinical rules|\\bcontract\\b");

    static String generated;

    @BeforeAll
    static void generate() throws IOException {
        generated = ClinicalCatalogue.generate();
        if (Boolean.getBoolean("catalogue.write")) {
            Files.createDirectories(ClinicalCatalogue.DOCUMENT.getParent());
            Files.writeString(ClinicalCatalogue.DOCUMENT, generated);
        }
    }

    /** Where the catalogue's text, and the project's own words, come from. */
    static final List<String> SOURCES =
            List.of("src/main", "fhir-resources", "hooks", "docs", "README.md", "CHANGELOG.md", "CONTRIBUTING.md");

    @Test
    @DisplayName("Should find no section number of an outside document in the sources, resources and documents")
    void sourcesCiteNoOutsideSections() throws IOException {
        // given: every text file the project writes about itself
        Pattern citation = Pattern.compile("(?i)§|clinical rules");
        List<String> found = new ArrayList<>();

        // when
        for (String source : SOURCES) {
            java.nio.file.Path root = java.nio.file.Path.of(source);
            try (var files = Files.walk(root)) {
                for (java.nio.file.Path file :
                        files.filter(Files::isRegularFile).toList()) {
                    String name = file.getFileName().toString();
                    if (!name.matches(".*\\.(java|json|ya?ml|md|html|js|css|sql|properties|txt)")) {
                        continue;
                    }
                    List<String> lines = Files.readAllLines(file);
                    for (int i = 0; i < lines.size(); i++) {
                        if (citation.matcher(lines.get(i)).find()) {
                            found.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
                        }
                    }
                }
            }
        }

        // then: say what is meant in the project's own terms (RPL-nn, a value set, the rule in words)
        assertThat(found).isEmpty();
    }

    @Test
    @DisplayName("Should be, as committed, what the code states")
    void isWhatTheCodeStates() throws IOException {
        // given
        assertThat(ClinicalCatalogue.DOCUMENT)
                .as(ClinicalCatalogue.DOCUMENT + " is missing; write it with: " + ClinicalCatalogue.COMMAND)
                .exists();

        // when
        String committed = Files.readString(ClinicalCatalogue.DOCUMENT).replace("\r\n", "\n");

        // then
        assertThat(committed)
                .withFailMessage(() -> ClinicalCatalogue.DOCUMENT + " is not what the code states ("
                        + firstDifference(committed, generated) + "). Write it again with: "
                        + ClinicalCatalogue.COMMAND)
                .isEqualTo(generated);
    }

    @Test
    @DisplayName("Should find Guideline, When, Then, Not when and Source in the header of every recommendation")
    void findsEveryPartOfEveryHeader() {
        // given
        List<String> malformed = new ArrayList<>();

        // when
        for (ClinicalCatalogue.Entry entry : ClinicalCatalogue.entries()) {
            for (Rule rule : entry.rules()) {
                JavadocText.Header header = ClinicalCatalogue.header(rule.getClass());
                List<String> missing = new ArrayList<>(JavadocText.REQUIRED);
                missing.removeIf(part -> header.parts().containsKey(part)
                        && !header.parts().get(part).isBlank());
                if (!missing.isEmpty()) {
                    malformed.add(rule.getClass().getSimpleName() + "'s header lacks " + missing);
                }
                if (!header.lead().startsWith(entry.id() + " ")) {
                    malformed.add(rule.getClass().getSimpleName() + "'s header opens with '" + header.lead()
                            + "', not with " + entry.id());
                }
            }
        }

        // then
        assertThat(malformed).isEmpty();
    }

    @Test
    @DisplayName("Should cite no numbered section of a document outside the repository")
    void citesNoOutsideSection() {
        assertThat(generated
                        .lines()
                        .filter(line -> OUTSIDE_SECTION.matcher(line).find()))
                .isEmpty();
    }

    @Test
    @DisplayName("Should take out a section reference and keep the words beside it")
    void takesOutSectionReferences() {
        assertThat(JavadocText.withoutSectionReferences("to 16 weeks (clinical rules 1.3), for a scan"))
                .isEqualTo("to 16 weeks, for a scan");
        assertThat(JavadocText.withoutSectionReferences("the guidelines (clinical rules 1.2, paraphrased)."))
                .isEqualTo("the guidelines (paraphrased).");
        assertThat(JavadocText.withoutSectionReferences("(offered, under a policy: §8 R10) and (§8 R11: later)"))
                .isEqualTo("(offered, under a policy) and (later)");
        assertThat(JavadocText.withoutSectionReferences("(clinical rules 1.3 and §8 R20, to be checked)"))
                .isEqualTo("(to be checked)");
        assertThat(JavadocText.withoutSectionReferences("for every couple (§8.4 RPL-26)."))
                .isEqualTo("for every couple (RPL-26).");
        assertThat(JavadocText.withoutSectionReferences("NICE NG133 (1.1.2): aspirin"))
                .isEqualTo("NICE NG133 (1.1.2): aspirin");
    }

    @Test
    @DisplayName("Should show every recommendation, every value set and every source")
    void showsEverything() throws IOException {
        for (ClinicalCatalogue.Entry entry : ClinicalCatalogue.entries()) {
            assertThat(generated).contains("### " + entry.id() + " " + entry.title() + "\n");
            assertThat(generated).contains("`cds.rules." + entry.id() + ".mode`");
        }
        try (var files = Files.list(ClinicalCatalogue.VALUE_SETS)) {
            files.map(p -> p.getFileName().toString().replace("ValueSet-", "").replace(".json", ""))
                    .forEach(id -> assertThat(generated).contains("### Value set " + id + "\n"));
        }
    }

    @Test
    @DisplayName("Should know what computes every derived fact, and every setting and value set DerivedFacts names")
    void knowsWhatComputesEveryDerivedFact() {
        // given every fact a rule can read: the components and public methods of DerivedFacts
        List<String> facts = ClinicalCatalogue.facts();

        // when
        Set<String> settings = new HashSet<>();
        Set<String> valueSets = new HashSet<>();
        for (String fact : facts) {
            CodeReading.Reads reads = CodeReading.fact(fact, new HashSet<>());
            settings.addAll(reads.settings());
            valueSets.addAll(reads.valueSets());
        }

        // then
        assertThat(CodeReading.DERIVED_FACTS.keySet()).containsExactlyInAnyOrderElementsOf(facts);
        CodeReading.Reads named = CodeReading.read(CodeReading.code(List.of(CodeReading.file("DerivedFacts"))));
        assertThat(settings).containsAll(named.settings());
        assertThat(valueSets).containsAll(named.valueSets());
    }

    @Test
    @DisplayName("Should know what every method of the profile's records reads")
    void knowsWhatEveryProfileMethodReads() {
        // given
        Map<String, Class<?>> records = new TreeMap<>();
        collect(GuidelineProfile.class, records);

        // when
        Set<String> methods = new HashSet<>();
        records.forEach((name, type) -> {
            Set<String> components = new HashSet<>();
            for (RecordComponent component : type.getRecordComponents()) {
                components.add(component.getName());
            }
            for (Method method : type.getDeclaredMethods()) {
                if (!Modifier.isStatic(method.getModifiers())
                        && !method.isSynthetic()
                        && !components.contains(method.getName())
                        && !Set.of("equals", "hashCode", "toString").contains(method.getName())) {
                    methods.add(name + "." + method.getName());
                }
            }
        });

        // then
        assertThat(CodeReading.PROFILE_METHODS.keySet()).containsExactlyInAnyOrderElementsOf(methods);
    }

    private static void collect(Class<?> type, Map<String, Class<?>> records) {
        records.put(type.getSimpleName(), type);
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.getType().isRecord() && component.getType() != Citation.class) {
                collect(component.getType(), records);
            }
        }
    }

    /** Where two texts first differ, by line, for a failure a reader can act on. */
    static String firstDifference(String committed, String generated) {
        List<String> was = committed.lines().toList();
        List<String> wanted = generated.lines().toList();
        for (int i = 0; i < Math.max(was.size(), wanted.size()); i++) {
            String a = i < was.size() ? was.get(i) : "(end of file)";
            String b = i < wanted.size() ? wanted.get(i) : "(end of file)";
            if (!a.equals(b)) {
                return "line " + (i + 1) + " is '" + a + "', the code states '" + b + "'";
            }
        }
        return "they differ in line endings";
    }
}
