package org.rplcds.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rplcds.support.Fhir;

@DisplayName("Terminology")
class TerminologyTest {

    static final Terminology TERMINOLOGY = new Terminology(Fhir.CONTEXT);

    @Test
    @DisplayName("Should have a file for every value set the code names")
    void hasAFileForEveryNamedValueSet() {
        assertThat(TERMINOLOGY.urls()).containsAll(ValueSets.ALL);
    }

    @Test
    @DisplayName("Should refuse to start when a named value set has no file")
    void refusesMissingValueSets() {
        // given: every file but one
        List<ValueSet> incomplete = List.of(new ValueSet().setUrl(ValueSets.MISCARRIAGE));

        // then
        assertThatThrownBy(() -> new Terminology(incomplete))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(ValueSets.PREGNANCY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"O03.9", "O039", "o03.9", "O03.4", "O02.1", "O021"})
    @DisplayName("Should match ICD-10-CM codes with and without the dot")
    void matchesIcdWithAndWithoutDot(String code) {
        assertThat(TERMINOLOGY.contains(ValueSets.MISCARRIAGE, CodeSystems.ICD10CM, code))
                .isTrue();
    }

    @Test
    @DisplayName("Should accept the OID form of a code system")
    void acceptsOidSystems() {
        assertThat(TERMINOLOGY.contains(ValueSets.MISCARRIAGE, "urn:oid:2.16.840.1.113883.6.96", "19169002"))
                .isTrue();
    }

    @Test
    @DisplayName("Should not take a code of one system for the same code in another")
    void keepsSystemsApart() {
        assertThat(TERMINOLOGY.contains(ValueSets.MISCARRIAGE, CodeSystems.LOINC, "19169002"))
                .isFalse();
        assertThat(TERMINOLOGY.contains(ValueSets.MISCARRIAGE, CodeSystems.ICD10CM, "O00.1"))
                .isFalse();
        assertThat(TERMINOLOGY.contains(ValueSets.ECTOPIC_PREGNANCY, CodeSystems.ICD10CM, "O00.101"))
                .isTrue();
    }

    @Test
    @DisplayName("Should name, for any code, exactly the value sets that contain it")
    void namesTheValueSetsOfACode() throws Exception {
        // given: every code and filter of every value set, children of the filters, and strangers
        List<String[]> codings = new ArrayList<>();
        for (var file : new org.springframework.core.io.support.PathMatchingResourcePatternResolver()
                .getResources("file:fhir-resources/valuesets/ValueSet-*.json")) {
            ValueSet valueSet = Fhir.CONTEXT.newJsonParser().parseResource(ValueSet.class, file.getInputStream());
            for (var include : valueSet.getCompose().getInclude()) {
                for (var concept : include.getConcept()) {
                    codings.add(new String[] {include.getSystem(), concept.getCode()});
                    codings.add(
                            new String[] {include.getSystem(), concept.getCode().replace(".", "")});
                }
                for (var filter : include.getFilter()) {
                    codings.add(new String[] {include.getSystem(), filter.getValue()});
                    codings.add(new String[] {include.getSystem(), filter.getValue() + ".1"});
                    codings.add(
                            new String[] {include.getSystem(), filter.getValue().toLowerCase() + "9"});
                    codings.add(
                            new String[] {include.getSystem(), filter.getValue().substring(0, 1)});
                }
            }
        }
        codings.add(new String[] {"urn:oid:2.16.840.1.113883.6.96", "19169002"});
        codings.add(new String[] {CodeSystems.LOINC, "19169002"});
        codings.add(new String[] {null, "19169002"});
        codings.add(new String[] {CodeSystems.ICD10CM, null});
        codings.add(new String[] {CodeSystems.ICD10CM, " "});

        // then
        assertThat(codings).hasSizeGreaterThan(300);
        for (String[] coding : codings) {
            var sets = TERMINOLOGY.valueSetsOf(coding[0], coding[1]);
            for (String url : TERMINOLOGY.urls()) {
                assertThat(sets.contains(url))
                        .as("%s|%s in %s", coding[0], coding[1], url)
                        .isEqualTo(TERMINOLOGY.contains(url, coding[0], coding[1]));
            }
        }
    }

    @Test
    @DisplayName("Should name the value sets of every coding of a concept")
    void namesTheValueSetsOfAConcept() {
        // given
        CodeableConcept concept = new CodeableConcept()
                .addCoding(new Coding(CodeSystems.LOINC, "3016-3", null))
                .addCoding(new Coding(CodeSystems.ICD10CM, "O03.9", null))
                .addCoding(new Coding(CodeSystems.SNOMED, "unknown", null));

        // then
        assertThat(TERMINOLOGY.valueSetsOf(concept)).contains(ValueSets.TSH, ValueSets.MISCARRIAGE);
        assertThat(TERMINOLOGY.valueSetsOf(new CodeableConcept())).isEmpty();
        assertThat(TERMINOLOGY.valueSetsOf((CodeableConcept) null)).isEmpty();
    }

    @Nested
    @DisplayName("with codes longer than any real code")
    class WithOverlongCodes {

        @Test
        @DisplayName(
                "Should still match a 64-character ICD-10-CM code under an is-a filter, and not a 65-character one")
        void looksUpCodesUpTo64Characters() {
            // given: both start with O03, the parent of every spontaneous abortion code
            String longest = "O03" + "9".repeat(Terminology.MAX_CODE_LENGTH - 3);
            String tooLong = longest + "9";

            // then
            assertThat(TERMINOLOGY.contains(ValueSets.MISCARRIAGE, CodeSystems.ICD10CM, longest))
                    .isTrue();
            assertThat(TERMINOLOGY.valueSetsOf(CodeSystems.ICD10CM, longest)).contains(ValueSets.MISCARRIAGE);
            assertThat(TERMINOLOGY.contains(ValueSets.MISCARRIAGE, CodeSystems.ICD10CM, tooLong))
                    .isFalse();
            assertThat(TERMINOLOGY.valueSetsOf(CodeSystems.ICD10CM, tooLong)).isEmpty();
        }

        @Test
        @DisplayName("Should find no value set for a 1 MB ICD-10-CM code, at once")
        void refusesAMegabyteCode() {
            // given: a code that once took every one of its million prefixes through the index
            String code = "O03." + "9".repeat(1_000_000);

            // when: the bound is a safety net only; a quadratic look-up would never end
            var sets = assertTimeoutPreemptively(
                    Duration.ofSeconds(10), () -> TERMINOLOGY.valueSetsOf(CodeSystems.ICD10CM, code));
            boolean member = assertTimeoutPreemptively(
                    Duration.ofSeconds(10),
                    () -> TERMINOLOGY.contains(ValueSets.MISCARRIAGE, CodeSystems.ICD10CM, code));

            // then
            assertThat(sets).isEmpty();
            assertThat(member).isFalse();
        }
    }
}
