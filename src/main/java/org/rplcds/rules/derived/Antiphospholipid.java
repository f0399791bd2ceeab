package org.rplcds.rules.derived;

import java.util.EnumSet;
import java.util.Set;
import org.rplcds.facts.Analyte;
import org.rplcds.facts.Interpretation;
import org.rplcds.facts.LabResult;
import org.rplcds.rules.Thresholds;

/** The antiphospholipid antibody tests, and when a result is positive. */
final class Antiphospholipid {

    static final Set<Analyte> TESTS = EnumSet.of(
            Analyte.LUPUS_ANTICOAGULANT,
            Analyte.ANTICARDIOLIPIN_IGG,
            Analyte.ANTICARDIOLIPIN_IGM,
            Analyte.ANTICARDIOLIPIN_PANEL,
            Analyte.BETA2_GLYCOPROTEIN);

    private Antiphospholipid() {}

    /**
     * Sydney criteria: lupus anticoagulant present; anticardiolipin above the limit (or flagged);
     * anti-beta2-glycoprotein I above the lab's 99th centile (its upper reference limit, or flagged).
     */
    static boolean positive(LabResult result, Thresholds limits) {
        Interpretation reading = result.interpretation();
        if (reading == Interpretation.POSITIVE || reading == Interpretation.HIGH) {
            return true;
        }
        return switch (result.analyte()) {
            case ANTICARDIOLIPIN_IGG, ANTICARDIOLIPIN_IGM, ANTICARDIOLIPIN_PANEL -> result.value()
                    .filter(v -> v.compareTo(limits.apl().aclPositive()) > 0)
                    .isPresent();
            case BETA2_GLYCOPROTEIN -> result.value()
                    .flatMap(v -> result.high().map(h -> v.compareTo(h) > 0))
                    .orElse(false);
            default -> false;
        };
    }
}
