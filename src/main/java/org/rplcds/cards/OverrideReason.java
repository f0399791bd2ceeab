package org.rplcds.cards;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The reasons a card with suggestions offers for overriding it, codes of the CDS Hooks
 * non-adherence reason code system, in the order a clinician sees them. The codes and the system
 * are as published in HL7/cds-hooks {@code input/vocabulary/CodeSystem-non-adherence-reason-codes.json}
 * (CDS Hooks 3.0.0, "Reasons for rejecting a card"); most are in its point-of-care selection
 * {@code ValueSet-non-adherence-reason-clinical.json}. The displays are short, for buttons; CDS
 * Hooks asks a display of every offered reason, not the code system's own.
 */
public enum OverrideReason {
    ACTION_COMPLETED("action-completed", "Already done"),
    INDICATION_ORDER_EXISTS("indication-order-exists", "Already ordered"),
    CDS_NOT_APPLICABLE("cds-not-applicable", "Does not apply"),
    PATIENT_CONTRAINDICATION("patient-contraindication", "Contraindicated"),
    RISK_BENEFIT_RATIO("risk-benefit-ratio", "Risk outweighs benefit"),
    PATIENT_REFUSES("patient-refuses", "Patient declined");

    /** The canonical URL of the CDS Hooks non-adherence reason codes. */
    public static final String SYSTEM = "http://terminology.hl7.org/CodeSystem/non-adherence-reason-codes";

    private final String code;
    private final String display;

    OverrideReason(String code, String display) {
        this.code = code;
        this.display = display;
    }

    public String code() {
        return code;
    }

    /**
     * Whether the reason says the matter is already addressed ("already done", "already ordered"):
     * the reason a card is snoozed for by default.
     */
    public boolean alreadyAddressed() {
        return this == ACTION_COMPLETED || this == INDICATION_ORDER_EXISTS;
    }

    public CodingJson coding() {
        return new CodingJson(SYSTEM, code, display);
    }

    /** Every offered reason as a card carries it. */
    static final List<CodingJson> CODINGS =
            Arrays.stream(values()).map(OverrideReason::coding).toList();

    public static List<String> codes() {
        return Arrays.stream(values()).map(OverrideReason::code).toList();
    }

    /**
     * The offered reason a feedback record names, if it names one: its code in {@link #SYSTEM}. A
     * reason without a system is taken by its code, as clients that echo only the code send it; a
     * client's own reasons (CDS Hooks lets a client add reasons to those offered) are none.
     */
    public static Optional<OverrideReason> of(String system, String code) {
        if (system != null && !system.equals(SYSTEM)) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(r -> r.code.equals(code)).findFirst();
    }

    /**
     * The offered reason a setting names by its code: as written in YAML ({@code action-completed}),
     * or as an environment variable can write it, without dashes ({@code ACTIONCOMPLETED}).
     */
    public static Optional<OverrideReason> named(String key) {
        String bare = key.replace("-", "").toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(r -> r.code.replace("-", "").equals(bare))
                .findFirst();
    }
}
