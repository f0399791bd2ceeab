package org.rplcds.facts;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The registry of the value sets of {@code fhir-resources/valuesets/}: each is named once in Java,
 * by the id its canonical URL ends with. A value set a kind of fact is read from is named by that
 * kind ({@link Analyte}, {@link ProblemKind}, {@link ProcedureKind}, {@link Drug}); the readers test
 * the others by name here, each declared with the record types whose {@code code} they are tested
 * on, so that the {@code code=} filters of searches ({@link SearchCodes}) ask for them. Everything
 * else is derived: {@link #ALL}, the search code lists and which resources are parsed.
 */
public final class ValueSets {

    /**
     * What every canonical URL starts with. A compile-time constant: the kinds build their URLs
     * from it without initialising this class, which reads the kinds.
     */
    static final String BASE = "http://recurrent-miscarriage-cds.org/fhir/ValueSet/";

    static final String OBSERVATION = "Observation";
    static final String PROCEDURE = "Procedure";

    /** The value sets named here, in order. */
    private static final List<String> NAMED = new ArrayList<>();
    /** The value sets named here that are tested on a record type's code, by type. */
    private static final Map<String, List<String>> SEARCHED =
            Map.of(OBSERVATION, new ArrayList<>(), PROCEDURE, new ArrayList<>());

    /** Biochemical pregnancy loss. */
    public static final String BIOCHEMICAL_PREGNANCY = named("biochemical-pregnancy", PROCEDURE);

    /** Negative result. */
    public static final String NEGATIVE_RESULT = named("negative-result");

    /** Current smoker. */
    public static final String CURRENT_SMOKER = named("current-smoker");

    /** Estimated date of delivery. */
    public static final String ESTIMATED_DUE_DATE = named("estimated-due-date", OBSERVATION);

    /** Stillbirth and fetal death. */
    public static final String FETAL_DEATH = named("fetal-death", PROCEDURE);

    /** Gestational age. */
    public static final String GESTATIONAL_AGE = named("gestational-age", OBSERVATION);

    /** Weeks of gestation. */
    public static final String GESTATIONAL_WEEKS_CODE = named("gestational-weeks-code");

    /** Inherited thrombophilia tests, by LOINC. */
    public static final String INHERITED_THROMBOPHILIA_TEST = named("inherited-thrombophilia-test");

    /** Single-allele HLA tests (HLA-B27, HLA-B*57:01): never RPL typing. */
    public static final String HLA_SINGLE_ALLELE_TEST = named("hla-single-allele-test");

    /** Induced termination of pregnancy. */
    public static final String INDUCED_ABORTION = named("induced-abortion", PROCEDURE);

    /** Maternal care for intrauterine death. */
    public static final String INTRAUTERINE_DEATH = named("intrauterine-death", PROCEDURE);

    /** Last menstrual period. */
    public static final String LAST_MENSTRUAL_PERIOD = named("last-menstrual-period", OBSERVATION);

    /** Live birth. */
    public static final String LIVE_BIRTH = named("live-birth", PROCEDURE);

    /** Spontaneous miscarriage. */
    public static final String MISCARRIAGE = named("miscarriage", PROCEDURE);

    /** History of miscarriage, count unknown. */
    public static final String MISCARRIAGE_HISTORY = named("miscarriage-history");

    /** Second-trimester miscarriage. */
    public static final String MISCARRIAGE_SECOND_TRIMESTER = named("miscarriage-second-trimester");

    /** Molar pregnancy. */
    public static final String MOLAR_PREGNANCY = named("molar-pregnancy", PROCEDURE);

    /** Positive result. */
    public static final String POSITIVE_RESULT = named("positive-result");

    /** Current pregnancy. */
    public static final String PREGNANCY = named("pregnancy");

    /** Pregnancy status. */
    public static final String PREGNANCY_STATUS = named("pregnancy-status", OBSERVATION);

    /** Pregnant. */
    public static final String PREGNANT_VALUE = named("pregnant-value");

    /** Recurrent pregnancy loss asserted. */
    public static final String RECURRENT_PREGNANCY_LOSS = named("recurrent-pregnancy-loss");

    /** Number of spontaneous abortions. */
    public static final String SPONTANEOUS_ABORTION_COUNT = named("spontaneous-abortion-count", OBSERVATION);

    /** Treatment of a spontaneous loss. */
    public static final String SPONTANEOUS_LOSS_PROCEDURE = named("spontaneous-loss-procedure", PROCEDURE);

    // Value sets of a kind, named by the kind: these are their URLs for the reader and the tests that
    // name one without its kind. Not a second registration: a new kind's value set needs none.

    /** Ectopic pregnancy: a diagnosis, and a pregnancy outcome. */
    public static final String ECTOPIC_PREGNANCY = ProblemKind.ECTOPIC_PREGNANCY.valueSet();

    public static final String TSH = Analyte.TSH.valueSet();
    public static final String BMI = Analyte.BMI.valueSet();
    public static final String BODY_TEMPERATURE = Analyte.BODY_TEMPERATURE.valueSet();
    public static final String TOBACCO_SMOKING_STATUS = Analyte.SMOKING_STATUS.valueSet();
    public static final String KARYOTYPE = Analyte.KARYOTYPE.valueSet();
    public static final String UTERINE_ASSESSMENT = Analyte.UTERINE_IMAGING.valueSet();
    public static final String CERCLAGE = ProcedureKind.CERCLAGE.valueSet();

    /**
     * Every value set the code names, here and by the kinds; the terminology refuses to start if
     * one has no file, and a test fails if a file is named nowhere.
     */
    public static final List<String> ALL = List.copyOf(Stream.of(
                    NAMED.stream(),
                    Stream.of(Analyte.values()).map(Analyte::valueSet),
                    Stream.of(ProblemKind.values()).map(ProblemKind::valueSet),
                    Stream.of(ProcedureKind.values()).map(ProcedureKind::valueSet),
                    Stream.of(Drug.values()).map(Drug::valueSet).filter(url -> url != null),
                    Stream.of(Drug.values()).map(Drug::never).filter(url -> url != null))
            .flatMap(urls -> urls)
            .collect(Collectors.toCollection(LinkedHashSet::new)));

    private ValueSets() {}

    /** The value sets named here that the readers test on that record type's code. */
    static List<String> searched(String resourceType) {
        return List.copyOf(SEARCHED.get(resourceType));
    }

    private static String named(String id, String... searchedOn) {
        String url = BASE + id;
        NAMED.add(url);
        for (String type : searchedOn) {
            SEARCHED.get(type).add(url);
        }
        return url;
    }
}
