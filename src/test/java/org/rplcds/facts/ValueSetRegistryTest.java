package org.rplcds.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.rplcds.support.Fhir;
import org.rplcds.support.Records;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The value set files and the registry that names them ({@link ValueSets} and the kinds) agree:
 * a file nothing names, or a name with no file, fails here before a search leaves data out.
 */
@DisplayName("Value set registry")
class ValueSetRegistryTest {

    /** Each file's canonical URL, by its file name. */
    static Map<String, String> files() throws IOException {
        Map<String, String> urls = new HashMap<>();
        for (Resource file :
                new PathMatchingResourcePatternResolver().getResources("file:fhir-resources/valuesets/*.json")) {
            ValueSet valueSet = Fhir.CONTEXT.newJsonParser().parseResource(ValueSet.class, file.getInputStream());
            urls.put(file.getFilename(), valueSet.getUrl());
        }
        return urls;
    }

    @Test
    @DisplayName("Should name every value set file, and have a file for every name")
    void namesEveryFileOnce() throws IOException {
        // given
        Set<String> fileUrls = new HashSet<>(files().values());

        // then
        assertThat(fileUrls).hasSizeGreaterThan(80);
        assertThat(ValueSets.ALL).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(fileUrls);
    }

    @Test
    @DisplayName("Should name each file ValueSet-<id>.json after the id its canonical URL ends with")
    void namesFilesAfterTheirUrl() throws IOException {
        files().forEach((name, url) -> assertThat(url)
                .as(name)
                .isEqualTo(ValueSets.BASE + name.substring("ValueSet-".length(), name.length() - ".json".length())));
    }

    @Test
    @DisplayName("Should search procedures for every procedure kind, and observations for every analyte")
    void searchesEveryKind() {
        // given
        SearchCodes search = new SearchCodes(Records.TERMINOLOGY);
        Set<String> procedureCodes = new HashSet<>(search.codes("Procedure").orElseThrow());
        Set<String> observationCodes = new HashSet<>(search.codes("Observation").orElseThrow());
        Set<String> reportCodes = new HashSet<>(search.codes("DiagnosticReport").orElseThrow());

        // then
        for (ProcedureKind kind : ProcedureKind.values()) {
            assertThat(SearchCodes.VALUE_SETS_BY_TYPE.get("Procedure"))
                    .as(kind.name())
                    .contains(kind.valueSet());
            assertThat(procedureCodes)
                    .as(kind.name())
                    .containsAll(Records.TERMINOLOGY.enumeratedCodes(kind.valueSet()));
        }
        for (Analyte analyte : Analyte.values()) {
            assertThat(observationCodes)
                    .as(analyte.name())
                    .containsAll(Records.TERMINOLOGY.enumeratedCodes(analyte.valueSet()));
        }
        for (Analyte analyte : Analyte.REPORTED) {
            assertThat(reportCodes)
                    .as(analyte.name())
                    .containsAll(Records.TERMINOLOGY.enumeratedCodes(analyte.valueSet()));
        }
    }

    @Test
    @DisplayName("Should search with the value sets the registry declares tested on a type")
    void searchesDeclaredValueSets() {
        assertThat(SearchCodes.VALUE_SETS_BY_TYPE.get("Procedure"))
                .contains(ValueSets.MISCARRIAGE, ValueSets.LIVE_BIRTH, ValueSets.SPONTANEOUS_LOSS_PROCEDURE)
                .doesNotContain(ValueSets.PREGNANCY);
        assertThat(SearchCodes.VALUE_SETS_BY_TYPE.get("Observation"))
                .contains(ValueSets.GESTATIONAL_AGE, ValueSets.PREGNANCY_STATUS, ValueSets.SPONTANEOUS_ABORTION_COUNT)
                .doesNotContain(ValueSets.PREGNANT_VALUE);
    }
}
