package org.rplcds.rules.derived;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.rplcds.facts.Chart;
import org.rplcds.facts.Dose;
import org.rplcds.facts.Drug;
import org.rplcds.facts.Evidence;
import org.rplcds.facts.Medication;
import org.rplcds.facts.Problem;
import org.rplcds.facts.ProblemKind;
import org.rplcds.facts.RequestStatus;

/**
 * Thrombosis and anticoagulation on record. Diagnoses count with any clinical status (a past clot
 * counts), never when refuted or entered in error.
 *
 * @param vteHistory venous thromboembolism at any time, or a personal history of it
 * @param arterialThrombosis ischaemic stroke, TIA or myocardial infarction at any time
 * @param longTermAnticoagulation long-term (current) use of anticoagulants (Z79.01)
 * @param knownThrombophilia a thrombophilia already diagnosed
 * @param mechanicalValve a prosthetic heart valve
 * @param oralAnticoagulants active prescriptions of an oral anticoagulant
 * @param heparins active prescriptions of heparin
 * @param thromboticAps confirmed antiphospholipid syndrome with a thrombosis or anticoagulation
 */
public record Thrombosis(
        Fact vteHistory,
        Fact arterialThrombosis,
        Fact longTermAnticoagulation,
        Fact knownThrombophilia,
        Fact mechanicalValve,
        List<Medication> oralAnticoagulants,
        List<Medication> heparins,
        Fact thromboticAps) {

    /** The dose class of a heparin prescription. */
    public enum HeparinDose {
        PROPHYLACTIC,
        THERAPEUTIC,
        /** The record does not say how much. */
        UNKNOWN
    }

    private static final Set<RequestStatus> ACTIVE = Set.of(RequestStatus.ACTIVE);

    /** Prophylactic LMWH, once daily, at most: enoxaparin 40 mg, dalteparin 5,000 units, tinzaparin 4,500 units. */
    private static final BigDecimal ENOXAPARIN_PROPHYLAXIS_MG = BigDecimal.valueOf(40);

    private static final BigDecimal DALTEPARIN_PROPHYLAXIS_UNITS = BigDecimal.valueOf(5000);
    private static final BigDecimal TINZAPARIN_PROPHYLAXIS_UNITS = BigDecimal.valueOf(4500);
    /** Prophylactic unfractionated heparin: 5,000 units subcutaneously. */
    private static final BigDecimal HEPARIN_PROPHYLAXIS_UNITS = BigDecimal.valueOf(5000);

    public Thrombosis {
        oralAnticoagulants = List.copyOf(oralAnticoagulants);
        heparins = List.copyOf(heparins);
    }

    static Thrombosis of(Chart chart, Fact apsConfirmed) {
        Fact vte = any(chart, ProblemKind.VENOUS_THROMBOEMBOLISM);
        Fact arterial = any(chart, ProblemKind.ARTERIAL_THROMBOSIS);
        Fact longTerm = any(chart, ProblemKind.LONG_TERM_ANTICOAGULATION);
        List<Medication> oral = active(chart, Drug.ORAL_ANTICOAGULANT);
        boolean thrombotic =
                apsConfirmed.holds() && (vte.holds() || arterial.holds() || longTerm.holds() || !oral.isEmpty());
        Fact thromboticAps = Fact.when(
                thrombotic,
                Stream.of(
                                apsConfirmed.evidence().stream(),
                                vte.evidence().stream(),
                                arterial.evidence().stream(),
                                longTerm.evidence().stream(),
                                oral.stream().map(Medication::evidence))
                        .flatMap(s -> s)
                        .toList());
        return new Thrombosis(
                vte,
                arterial,
                longTerm,
                any(chart, ProblemKind.KNOWN_THROMBOPHILIA),
                any(chart, ProblemKind.MECHANICAL_HEART_VALVE),
                oral,
                active(chart, Drug.HEPARIN),
                thromboticAps);
    }

    /**
     * An indication for anticoagulation is on record: a venous thromboembolism, thrombotic APS, a
     * known thrombophilia, long-term anticoagulant use or a mechanical valve. Heparin, aspirin and
     * thrombophilia tests are then never of low value, and unexplained loss is not told "no
     * aspirin or heparin".
     */
    public boolean anticoagulationIndicated() {
        return vteHistory.holds()
                || thromboticAps.holds()
                || knownThrombophilia.holds()
                || longTermAnticoagulation.holds()
                || mechanicalValve.holds();
    }

    /** An oral anticoagulant is active. */
    public boolean onOralAnticoagulant() {
        return !oralAnticoagulants.isEmpty();
    }

    /** The dose class of the active heparin: therapeutic if any is, else prophylactic if any is. */
    public HeparinDose heparinDose() {
        List<HeparinDose> doses = heparins.stream().map(Thrombosis::dose).toList();
        if (doses.contains(HeparinDose.THERAPEUTIC)) {
            return HeparinDose.THERAPEUTIC;
        }
        return doses.contains(HeparinDose.PROPHYLACTIC) ? HeparinDose.PROPHYLACTIC : HeparinDose.UNKNOWN;
    }

    /**
     * Prophylactic: once daily and enoxaparin up to 40 mg, dalteparin up to 5,000 units or
     * tinzaparin up to 4,500 units; or unfractionated heparin 5,000 units subcutaneously. Any other
     * recorded dose is therapeutic; a dose given per kilogram is therapeutic. Without an amount the
     * class is unknown; without a frequency LMWH is read as once daily.
     */
    public static HeparinDose dose(Medication heparin) {
        Dose dose = heparin.dose();
        if (dose.unit().equals("mg/kg")) {
            return HeparinDose.THERAPEUTIC;
        }
        if (dose.amount().isEmpty()) {
            return HeparinDose.UNKNOWN;
        }
        BigDecimal amount = dose.amount().get();
        boolean onceDaily =
                dose.perDay().map(n -> n.compareTo(BigDecimal.ONE) <= 0).orElse(true);
        String unit = dose.unit();
        boolean prophylactic =
                switch (heparin.ingredient()) {
                    case "enoxaparin" -> onceDaily
                            && unit.equals("mg")
                            && amount.compareTo(ENOXAPARIN_PROPHYLAXIS_MG) <= 0;
                    case "dalteparin" -> onceDaily
                            && unit.equals("units")
                            && amount.compareTo(DALTEPARIN_PROPHYLAXIS_UNITS) <= 0;
                    case "tinzaparin" -> onceDaily
                            && unit.equals("units")
                            && amount.compareTo(TINZAPARIN_PROPHYLAXIS_UNITS) <= 0;
                    case "heparin" -> unit.equals("units")
                            && amount.compareTo(HEPARIN_PROPHYLAXIS_UNITS) <= 0
                            && !dose.route().contains("intravenous");
                    default -> false;
                };
        if (prophylactic) {
            return HeparinDose.PROPHYLACTIC;
        }
        return unit.equals("mg") || unit.equals("units") ? HeparinDose.THERAPEUTIC : HeparinDose.UNKNOWN;
    }

    /** Every anticoagulant on record that is active: oral anticoagulants, then heparin. */
    public List<Medication> anticoagulants() {
        return Stream.concat(oralAnticoagulants.stream(), heparins.stream()).toList();
    }

    private static Fact any(Chart chart, ProblemKind kind) {
        List<Evidence> evidence =
                chart.problems(kind).stream().map(Problem::evidence).toList();
        return Fact.when(!evidence.isEmpty(), evidence);
    }

    private static List<Medication> active(Chart chart, Drug drug) {
        return chart.medications(drug).stream()
                .filter(m -> ACTIVE.contains(m.status()))
                .toList();
    }
}
