package org.rplcds.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rplcds.support.Fhir;
import org.rplcds.support.HookRequests;
import org.rplcds.support.Records;
import org.springframework.boot.diagnostics.FailureAnalysis;

@DisplayName("Site value sets")
class SiteValueSetsTest {

    static final String LAB = "http://hospital.example.org/lab-codes";
    static final Set<String> SHIPPED = Records.TERMINOLOGY.urls();

    /** A site file: the value set's url, its mode (none: the default), and its includes as JSON. */
    static String file(String url, String mode, String includes) {
        String extension = mode == null
                ? ""
                : """
                "extension": [{"url": "%s", "valueCode": "%s"}],
                """
                        .formatted(SiteValueSets.MODE, mode);
        String named = url == null ? "" : "\"url\": \"" + url + "\",";
        return """
                {
                  "resourceType": "ValueSet",
                  %s%s
                  "status": "active",
                  "compose": {"include": %s}
                }
                """
                .formatted(extension, named, includes);
    }

    static String localTsh() {
        return file(
                ValueSets.TSH,
                null,
                """
                [{"system": "%s", "concept": [{"code": "TSH-L", "display": "TSH (local assay)"}]}]
                """
                        .formatted(LAB));
    }

    static SiteValueSets read(Path folder) {
        return SiteValueSets.read(new TerminologySettings(folder.toString()), Fhir.CONTEXT, SHIPPED);
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    @DisplayName("a file that adds a site's own code")
    class Adding {

        Terminology terminology;
        Path folder;

        @BeforeAll
        void readTheFolder(@TempDir Path folder) throws IOException {
            // given a site's TSH code, and a note beside the file that is not read
            this.folder = folder;
            Files.writeString(folder.resolve("ValueSet-tsh.json"), localTsh());
            Files.writeString(folder.resolve("README.md"), "Our lab's codes");

            // when
            terminology = new Terminology(Fhir.CONTEXT, new TerminologySettings(folder.toString()));
        }

        @Test
        @DisplayName("Should read the site's code in its own system as a member of the shipped value set")
        void readsTheSiteCode() {
            assertThat(terminology.contains(ValueSets.TSH, LAB, "TSH-L")).isTrue();
            assertThat(terminology.valueSetsOf(LAB, "TSH-L")).containsExactly(ValueSets.TSH);
            assertThat(terminology.contains(ValueSets.TSH, CodeSystems.LOINC, "TSH-L"))
                    .isFalse();
            assertThat(Records.TERMINOLOGY.contains(ValueSets.TSH, LAB, "TSH-L"))
                    .isFalse();
        }

        @Test
        @DisplayName("Should keep every shipped code of the value set")
        void keepsTheShippedCodes() {
            assertThat(terminology.contains(ValueSets.TSH, CodeSystems.LOINC, "3016-3"))
                    .isTrue();
            assertThat(terminology.enumeratedCodes(ValueSets.TSH))
                    .containsAll(Records.TERMINOLOGY.enumeratedCodes(ValueSets.TSH))
                    .contains("TSH-L");
        }

        @Test
        @DisplayName("Should ask for the site's code in the code= lists of Observation searches")
        void searchesForTheSiteCode() {
            assertThat(new SearchCodes(terminology).codes("Observation"))
                    .hasValueSatisfying(codes -> assertThat(codes).contains("TSH-L", "3016-3"));
            assertThat(new SearchCodes(Records.TERMINOLOGY).codes("Observation"))
                    .hasValueSatisfying(codes -> assertThat(codes).doesNotContain("TSH-L"));
        }

        @Test
        @DisplayName("Should keep a prefetch entry whose only code is the site's for the facts to read")
        void keepsTheEntryInTheSelectiveParse() {
            // given
            ObjectNode observation = HookRequests.JSON.createObjectNode().put("resourceType", "Observation");
            observation
                    .putObject("code")
                    .putArray("coding")
                    .addObject()
                    .put("system", LAB)
                    .put("code", "TSH-L");

            // then
            assertThat(new RelevantResources(terminology).wanted(observation)).isTrue();
            assertThat(new RelevantResources(Records.TERMINOLOGY).wanted(observation))
                    .isFalse();
        }

        @Test
        @DisplayName("Should name the site's code on a card by the display its file gives it")
        void describesTheSiteCode() {
            var coding = new org.hl7.fhir.r4.model.Coding(LAB, "TSH-L", null);
            assertThat(terminology.describe(null, coding)).isEqualTo("TSH (local assay)");
        }

        @Test
        @DisplayName("Should report the folder, the value set and the codes it added")
        void reportsTheChange() {
            assertThat(terminology.siteReport())
                    .contains("site value sets from " + folder.toAbsolutePath().normalize()
                            + ": [tsh: 1 code added (4 in all)]");
            assertThat(Records.TERMINOLOGY.siteReport()).isEmpty();
        }
    }

    @Nested
    @DisplayName("a file that replaces a value set")
    class Replacing {

        @Test
        @DisplayName("Should read only the site's codes as members, and search for those alone")
        void readsOnlyTheSiteCodes(@TempDir Path folder) throws IOException {
            // given
            Files.writeString(
                    folder.resolve("prolactin.json"),
                    file(
                            ValueSets.BASE + "prolactin",
                            "replace",
                            """
                            [{"system": "%s", "concept": [{"code": "PRL"}, {"code": "PRL-MACRO"}]}]
                            """
                                    .formatted(LAB)));
            String prolactin = Analyte.PROLACTIN.valueSet();

            // when
            Terminology terminology = new Terminology(Fhir.CONTEXT, new TerminologySettings(folder.toString()));

            // then
            assertThat(Records.TERMINOLOGY.contains(prolactin, CodeSystems.LOINC, "2842-3"))
                    .isTrue();
            assertThat(terminology.contains(prolactin, CodeSystems.LOINC, "2842-3"))
                    .isFalse();
            assertThat(terminology.contains(prolactin, LAB, "PRL")).isTrue();
            assertThat(terminology.enumeratedCodes(prolactin)).containsExactly("PRL", "PRL-MACRO");
            assertThat(new SearchCodes(terminology).codes("Observation"))
                    .hasValueSatisfying(
                            codes -> assertThat(codes).contains("PRL").doesNotContain("2842-3"));
            int shipped = Records.TERMINOLOGY.enumeratedCodes(prolactin).size();
            assertThat(terminology.siteReport()).hasValueSatisfying(report -> assertThat(report)
                    .endsWith(": [prolactin: replaced, 2 codes (" + shipped + " shipped)]"));
        }

        @Test
        @DisplayName("Should change the value set the file names, and leave every other as shipped")
        void leavesTheOthers(@TempDir Path folder) throws IOException {
            Files.writeString(folder.resolve("tsh.json"), localTsh());

            Terminology terminology = new Terminology(Fhir.CONTEXT, new TerminologySettings(folder.toString()));

            assertThat(terminology.enumeratedCodes(ValueSets.TSH)).contains("TSH-L");
            for (String url : ValueSets.ALL) {
                if (!url.equals(ValueSets.TSH)) {
                    assertThat(terminology.enumeratedCodes(url))
                            .as(url)
                            .isEqualTo(Records.TERMINOLOGY.enumeratedCodes(url));
                }
            }
        }
    }

    @Test
    @DisplayName("Should say an empty folder changed nothing")
    void reportsAnEmptyFolder(@TempDir Path folder) {
        assertThat(new Terminology(Fhir.CONTEXT, new TerminologySettings(folder.toString())).siteReport())
                .contains("site value sets from " + folder.toAbsolutePath().normalize() + ": none");
    }

    /** A file the service cannot use, and the words that must say why. */
    static Stream<Arguments> unusableFiles() {
        String tsh = ValueSets.TSH;
        String lab = "[{\"system\": \"" + LAB + "\", \"concept\": [{\"code\": \"TSH-L\"}]}]";
        return Stream.of(
                Arguments.of("not JSON", "{\"resourceType\": \"ValueSet\",", "is not JSON (line"),
                Arguments.of("not an object", "[]", "is not a FHIR ValueSet: it has no resourceType"),
                Arguments.of(
                        "another resource",
                        "{\"resourceType\": \"Observation\", \"status\": \"final\"}",
                        "is not a FHIR ValueSet: its resourceType is Observation"),
                Arguments.of(
                        "a misspelt element",
                        file(tsh, null, "[{\"system\": \"" + LAB + "\", \"concepts\": [{\"code\": \"TSH-L\"}]}]"),
                        "is not a FHIR R4 ValueSet: "),
                Arguments.of("no url", file(null, null, lab), "has no url"),
                Arguments.of(
                        "an unknown url",
                        file("http://hospital.example.org/ValueSet/tsh", null, lab),
                        "its url http://hospital.example.org/ValueSet/tsh is none of the shipped value sets"),
                Arguments.of(
                        "a code without a system",
                        file(tsh, null, "[{\"concept\": [{\"code\": \"TSH-L\"}]}]"),
                        "compose.include[0] has no system"),
                Arguments.of(
                        "a concept without a code",
                        file(tsh, null, "[{\"system\": \"" + LAB + "\", \"concept\": [{\"display\": \"TSH\"}]}]"),
                        "compose.include[0].concept[0] has no code"),
                Arguments.of("no codes", file(tsh, null, "[]"), "lists no codes"),
                Arguments.of("an unknown mode", file(tsh, "merge", lab), "valueCode add or replace"),
                Arguments.of(
                        "a code a search cannot ask for",
                        file(tsh, null, "[{\"system\": \"" + LAB + "\", \"concept\": [{\"code\": \"TSH,L\"}]}]"),
                        "holds ','"),
                Arguments.of(
                        "a filter of another system",
                        file(
                                tsh,
                                null,
                                "[{\"system\": \"" + LAB
                                        + "\", \"filter\": [{\"property\": \"concept\", \"op\": \"is-a\","
                                        + " \"value\": \"TSH\"}]}]"),
                        "only ICD-10-CM is-a filters are read"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusableFiles")
    @DisplayName("Should refuse a file it cannot use, naming the file and what is wrong in one line")
    void refusesAnUnusableFile(String what, String content, String problem, @TempDir Path folder) throws IOException {
        // given
        Files.writeString(folder.resolve("ValueSet-tsh.json"), localTsh());
        Files.writeString(folder.resolve("site.json"), content);

        // when
        var refused = catchThrowableOfType(() -> read(folder), InvalidSiteValueSetException.class);

        // then
        assertThat(refused.getMessage())
                .startsWith("cds.terminology.site-value-sets: " + folder.resolve("site.json") + ": ")
                .contains(problem)
                .doesNotContain("\n");
        assertThat(refused.file()).contains("site.json");
    }

    @Test
    @DisplayName("Should refuse two files for one value set")
    void refusesTwoFilesForOneValueSet(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("a.json"), localTsh());
        Files.writeString(folder.resolve("b.json"), localTsh());

        assertThat(catchThrowableOfType(() -> read(folder), InvalidSiteValueSetException.class))
                .hasMessageContaining(folder.resolve("b.json") + ": changes " + ValueSets.TSH + " as a.json does");
    }

    @Test
    @DisplayName("Should refuse a folder that is not there, or a file in its place")
    void refusesAMissingFolder(@TempDir Path folder) throws IOException {
        Path missing = folder.resolve("site-value-sets");
        Path file = Files.writeString(folder.resolve("valuesets.json"), localTsh());

        assertThat(catchThrowableOfType(() -> read(missing), InvalidSiteValueSetException.class))
                .hasMessage("cds.terminology.site-value-sets: " + missing + ": no such folder");
        var notAFolder = catchThrowableOfType(() -> read(file), InvalidSiteValueSetException.class);
        assertThat(notAFolder).hasMessage("cds.terminology.site-value-sets: " + file + ": is a file, not a folder");
        assertThat(notAFolder.file()).isEmpty();
    }

    @Test
    @DisplayName("Should stop the start with the file and what to do, without a stack trace")
    void analysesTheFailure(@TempDir Path folder) throws IOException {
        // given
        Files.writeString(folder.resolve("site.json"), "{");
        var refused = catchThrowableOfType(() -> read(folder), InvalidSiteValueSetException.class);

        // when
        FailureAnalysis analysis = new SiteValueSetsFailureAnalyzer()
                .analyze(new org.springframework.beans.factory.BeanCreationException("terminology", refused));

        // then
        assertThat(analysis.getDescription()).isEqualTo(refused.getMessage());
        assertThat(analysis.getAction())
                .contains("Correct or remove that file")
                .contains("\"Local codes\"")
                .contains("leave cds.terminology.site-value-sets unset");
    }
}
