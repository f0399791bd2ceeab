package org.rplcds.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.DisplayName;
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
}
