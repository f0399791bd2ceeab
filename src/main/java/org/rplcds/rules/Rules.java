package org.rplcds.rules;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Card wording several recommendations share. */
final class Rules {

    private Rules() {}

    static String number(BigDecimal value) {
        return value.setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
