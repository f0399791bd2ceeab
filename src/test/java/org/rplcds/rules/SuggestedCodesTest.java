package org.rplcds.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Coding;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.rplcds.facts.CodeSystems;
import org.rplcds.support.Records;

/**
 * The codes cards suggest, and those the viewer's draft orders carry, are the codes of the value
 * sets the facts read them back with, spelled as the files spell them.
 */
@DisplayName("Suggested codes")
class SuggestedCodesTest {

    /** Orders no rule reads back: their codes are in no value set. */
    static final List<String> READ_BY_NO_RULE =
            List.of("58410-2", "1988-5", "630-4", "17849-1", "2132-9", "2284-8", "6301-6");

    static List<Concept> suggested() throws IllegalAccessException {
        List<Concept> concepts = new ArrayList<>();
        for (Field field : SuggestedCodes.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == Concept.class) {
                concepts.add((Concept) field.get(null));
            }
        }
        return concepts;
    }

    /** A coding as the value sets list it: in one of them, with the display its file gives. */
    static void assertListed(String system, String code, String display) {
        assertThat(Records.TERMINOLOGY.valueSetsOf(system, code))
                .as("%s|%s", system, code)
                .isNotEmpty();
        assertThat(Records.TERMINOLOGY.describe(null, new Coding(system, code, null)))
                .as("%s|%s", system, code)
                .isEqualTo(display);
    }

    @Test
    @DisplayName("Should suggest each coded order as a value set lists it, but for those no rule reads back")
    void suggestsListedCodes() throws IllegalAccessException {
        // given
        List<Concept> coded = suggested().stream().filter(c -> c.code() != null).toList();

        // then
        assertThat(coded).hasSizeGreaterThan(15);
        for (Concept concept : coded) {
            if (READ_BY_NO_RULE.contains(concept.code())) {
                assertThat(Records.TERMINOLOGY.valueSetsOf(concept.system(), concept.code()))
                        .isEmpty();
            } else {
                assertListed(concept.system(), concept.code(), concept.display());
            }
        }
    }

    @Test
    @DisplayName("Should give the viewer's draft orders the codes and displays of the value sets")
    void viewerDraftsUseListedCodes() throws IOException {
        // given: the draft-order templates of the card viewer
        String viewer = Files.readString(Path.of("src/main/resources/static/viewer.js"));
        Matcher coding = Pattern.compile("\\{ system: ('[^']+'|RXNORM), code: '([^']+)', display: '([^']+)' }")
                .matcher(viewer);
        int drafts = 0;

        // then
        while (coding.find()) {
            String system = coding.group(1).equals("RXNORM")
                    ? CodeSystems.RXNORM
                    : coding.group(1).substring(1, coding.group(1).length() - 1);
            assertListed(system, coding.group(2), coding.group(3));
            drafts++;
        }
        assertThat(drafts).isEqualTo(4);
    }
}
