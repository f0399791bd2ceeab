package org.rplcds.cards;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.rplcds.facts.Analyte;
import org.rplcds.facts.Evidence;
import org.rplcds.facts.Interpretation;
import org.rplcds.facts.LabResult;
import org.rplcds.rules.Detail;

@DisplayName("A finding's detail as markdown")
class DetailMarkdownTest {

    static final Evidence LOSS =
            new Evidence("Condition/a", "Miscarriage <b>(first trimester)</b>", Optional.of(LocalDate.of(2024, 1, 1)));

    @Test
    @DisplayName("Should write leads in bold, record entries as a list with resources, and the sources line last")
    void writesEachBlock() {
        // given
        Detail detail = new Detail(List.of(
                new Detail.Paragraph("Indication:", "recurrent pregnancy loss."),
                new Detail.Entries("Losses", List.of(LOSS)),
                new Detail.Results(
                        "Thyroid results",
                        List.of(new LabResult(
                                Analyte.TSH,
                                LocalDate.of(2025, 5, 10),
                                Optional.of(new BigDecimal("6.0")),
                                Optional.empty(),
                                Optional.empty(),
                                Interpretation.UNKNOWN,
                                new Evidence("Observation/tsh", "TSH", Optional.empty()),
                                Optional.empty()))),
                new Detail.Sources("ESHRE 2022")));

        // when
        String markdown = DetailMarkdown.render(detail);

        // then
        assertThat(markdown)
                .isEqualTo("**Indication:** recurrent pregnancy loss.\n\n"
                        + "**Losses:**\n\n- 2024-01-01: Miscarriage \\<b\\>(first trimester)\\</b\\> (Condition/a)\n\n"
                        + "**Thyroid results:**\n\n- TSH 6.0 mIU/L on 2025-05-10 (Observation/tsh)\n\n"
                        + "Sources: ESHRE 2022.");
    }

    @Test
    @DisplayName("Should escape only what markdown would misread, leaving hyphens, parentheses and full stops")
    void escapesOnlyWhatMarkdownMisreads() {
        // when / then
        assertThat(DetailMarkdown.escape("46,XX (normal) O03.9 - done!")).isEqualTo("46,XX (normal) O03.9 - done!");
        assertThat(DetailMarkdown.escape("*bold* _it_ `code` [link](x) <b> a|b"))
                .isEqualTo("\\*bold\\* \\_it\\_ \\`code\\` \\[link\\](x) \\<b\\> a\\|b");
        assertThat(DetailMarkdown.escape("# heading #2")).isEqualTo("\\# heading #2");
    }

    @Test
    @DisplayName("Should leave out a heading without entries")
    void leavesOutEmptyLists() {
        Detail detail =
                new Detail(List.of(new Detail.Entries("Diagnoses", List.of()), new Detail.Paragraph("", "Text.")));

        assertThat(DetailMarkdown.render(detail)).isEqualTo("Text.\n\n");
    }
}
