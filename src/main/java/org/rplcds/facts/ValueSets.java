package org.rplcds.facts;

import java.util.List;

/** Names each value set of {@code fhir-resources/valuesets/} once, by its canonical URL. */
public final class ValueSets {

    static final String BASE = "http://recurrent-miscarriage-cds.org/fhir/ValueSet/";

    public static final String MISCARRIAGE = BASE + "miscarriage";
    public static final String MISCARRIAGE_SECOND_TRIMESTER = BASE + "miscarriage-second-trimester";
    public static final String BIOCHEMICAL_PREGNANCY = BASE + "biochemical-pregnancy";
    public static final String MISCARRIAGE_HISTORY = BASE + "miscarriage-history";
    public static final String RECURRENT_PREGNANCY_LOSS = BASE + "recurrent-pregnancy-loss";
    public static final String INDUCED_ABORTION = BASE + "induced-abortion";
    public static final String ECTOPIC_PREGNANCY = BASE + "ectopic-pregnancy";
    public static final String MOLAR_PREGNANCY = BASE + "molar-pregnancy";
    public static final String FETAL_DEATH = BASE + "fetal-death";
    public static final String INTRAUTERINE_DEATH = BASE + "intrauterine-death";
    public static final String LIVE_BIRTH = BASE + "live-birth";
    public static final String SPONTANEOUS_LOSS_PROCEDURE = BASE + "spontaneous-loss-procedure";
    public static final String PREGNANCY = BASE + "pregnancy";
    public static final String GESTATIONAL_WEEKS_CODE = BASE + "gestational-weeks-code";
    public static final String SPONTANEOUS_ABORTION_COUNT = BASE + "spontaneous-abortion-count";
    public static final String GESTATIONAL_AGE = BASE + "gestational-age";
    public static final String ESTIMATED_DUE_DATE = BASE + "estimated-due-date";
    public static final String LAST_MENSTRUAL_PERIOD = BASE + "last-menstrual-period";
    public static final String PREGNANCY_STATUS = BASE + "pregnancy-status";
    public static final String PREGNANT_VALUE = BASE + "pregnant-value";

    /** Every value set the code names; the terminology refuses to start if one has no file. */
    public static final List<String> ALL = List.of(
            MISCARRIAGE,
            MISCARRIAGE_SECOND_TRIMESTER,
            BIOCHEMICAL_PREGNANCY,
            MISCARRIAGE_HISTORY,
            RECURRENT_PREGNANCY_LOSS,
            INDUCED_ABORTION,
            ECTOPIC_PREGNANCY,
            MOLAR_PREGNANCY,
            FETAL_DEATH,
            INTRAUTERINE_DEATH,
            LIVE_BIRTH,
            SPONTANEOUS_LOSS_PROCEDURE,
            PREGNANCY,
            GESTATIONAL_WEEKS_CODE,
            SPONTANEOUS_ABORTION_COUNT,
            GESTATIONAL_AGE,
            ESTIMATED_DUE_DATE,
            LAST_MENSTRUAL_PERIOD,
            PREGNANCY_STATUS,
            PREGNANT_VALUE);

    private ValueSets() {}
}
