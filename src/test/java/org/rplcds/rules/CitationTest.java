package org.rplcds.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.rplcds.support.Profiles;

@DisplayName("Citations")
class CitationTest {

    @Test
    @DisplayName("Should give each shipped profile the citation it names, written once in Citation")
    void profilesNameTheirDefinition() {
        assertThat(Profiles.ESHRE2022.definition()).isSameAs(Citation.ESHRE_2022);
        assertThat(Profiles.RCOG2023.definition()).isSameAs(Citation.RCOG_2023);
        assertThat(Profiles.ASRM2012.definition()).isSameAs(Citation.ASRM_2012);
        assertThat(Profiles.SOURCE.definition()).isSameAs(Citation.SOURCE_TEXT);
    }

    @Test
    @DisplayName("Should refuse a name no citation has, naming those it has")
    void refusesAnUnknownName() {
        assertThatThrownBy(() -> Citation.valueOf("ESHRE_2023"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ESHRE_2022")
                .hasMessageContaining("NICE_NG126");
    }
}
