package org.rplcds.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Log text")
class LogTextTest {

    @Test
    @DisplayName("Should write CR, LF, tab, backslash and other control characters as escapes")
    void escapesControlCharacters() {
        assertThat(LogText.escaped("a\r\nb\tc\\d\u0000e\u001bf\u2028g"))
                .isEqualTo("a\\r\\nb\\tc\\\\d\\u0000e\\u001bf\\u2028g");
    }

    @Test
    @DisplayName("Should keep ordinary text as it is")
    void keepsOrdinaryText() {
        assertThat(LogText.escaped("no key ehr-ec")).isEqualTo("no key ehr-ec");
        assertThat(LogText.escaped(null)).isEqualTo("-");
    }

    @Test
    @DisplayName("Should cut text longer than 200 characters and say so")
    void cutsLongText() {
        assertThat(LogText.escaped("k".repeat(10_000))).isEqualTo("k".repeat(LogText.MAX) + "...");
        assertThat(LogText.escaped("k".repeat(LogText.MAX))).isEqualTo("k".repeat(LogText.MAX));
    }
}
