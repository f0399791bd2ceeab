package org.rplcds.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.rplcds.facts.DraftOrder;
import org.rplcds.facts.DraftOrders;
import org.rplcds.facts.Drug;
import org.rplcds.facts.Medication;
import org.rplcds.facts.RequestStatus;
import org.rplcds.rules.derived.Thrombosis;

/**
 * RPL-27 Oral anticoagulant in pregnancy; previous venous thromboembolism.
 *
 * <p><b>Guideline:</b> warfarin crosses the placenta and causes embryopathy when taken at 6 to 12
 * weeks; a woman on an oral anticoagulant who becomes pregnant is switched to therapeutic-dose
 * LMWH at once. A woman with a previous venous thromboembolism is offered prophylactic LMWH
 * throughout pregnancy and for 6 weeks after birth (RCOG Green-top Guideline No. 37a; ACOG Practice
 * Bulletin No. 196).
 *
 * <p><b>When</b> (A) she is pregnant and an oral anticoagulant (warfarin, acenocoumarol,
 * phenprocoumon, apixaban, rivaroxaban, dabigatran, edoxaban) is active; or (B) she is pregnant,
 * has had a venous thromboembolism, has no antiphospholipid syndrome (RPL-07 speaks then), and no
 * heparin or oral anticoagulant is active or drafted. <b>Then</b> (A) a critical card: stop the
 * anticoagulant today and switch to therapeutic enoxaparin, as one suggestion (the prescription
 * updated to stopped, therapeutic enoxaparin created, by weight), a same-day haematology or
 * obstetric medicine review, and an INR for a vitamin K antagonist; with a mechanical heart valve,
 * a same-day cardiology and obstetric medicine review of anticoagulation only, never a stop or a
 * switch; (B) a warning to give prophylactic enoxaparin by weight band until 6 weeks after birth.
 * RPL-07 and RPL-27 on one patient make one card, RPL-27's. <b>Not when</b> she is not pregnant.
 *
 * <p><b>While the orders are written</b> ({@code order-select}, {@code order-sign}): a draft oral
 * anticoagulant in pregnancy gets the critical card, its suggestion withdrawing the draft; a draft
 * therapeutic-dose LMWH while an oral anticoagulant is active gets the critical card whose only
 * suggestion stops the anticoagulant (the switch is being ordered).
 *
 * <p><b>Source:</b> RCOG Green-top Guideline No. 37a (2015); ACOG Practice Bulletin No. 196 (2018)
 * under the ASRM 2012 profile.
 */
final class Rpl27Anticoagulation extends Rule implements OrderAdvice {

    static final String ID = "RPL-27";

    private static final Set<RequestStatus> OPEN = Set.of(RequestStatus.DRAFT, RequestStatus.ACTIVE);

    Rpl27Anticoagulation() {
        super(ID, "Anticoagulation in pregnancy", Citation.RCOG_GTG_37A);
    }

    @Override
    List<Citation> sources(Assessment assessment) {
        return List.of(assessment.profile().name().equals("ASRM2012") ? Citation.ACOG_PB196 : Citation.RCOG_GTG_37A);
    }

    @Override
    public boolean judgesSuggestedDrafts() {
        return true;
    }

    @Override
    public List<DraftOrder> candidates(DraftOrders drafts) {
        List<DraftOrder> candidates = new ArrayList<>(drafts.prescribing(Drug.ORAL_ANTICOAGULANT));
        drafts.prescribing(Drug.HEPARIN).stream()
                .filter(d -> !candidates.contains(d))
                .forEach(candidates::add);
        return candidates;
    }

    @Override
    boolean inclusion(Assessment assessment) {
        if (!assessment.pregnant()) {
            return false;
        }
        if (assessment.drafts().isPresent()) {
            return !draftedOral(assessment).isEmpty()
                    || (thrombosis(assessment).onOralAnticoagulant()
                            && !therapeuticDrafts(assessment).isEmpty());
        }
        return thrombosis(assessment).onOralAnticoagulant() || previousVte(assessment);
    }

    @Override
    boolean exclusion(Assessment assessment) {
        return false;
    }

    @Override
    Finding card(Assessment assessment) {
        Thrombosis thrombosis = thrombosis(assessment);
        String gestation = assessment.facts().pregnancy().gestation();
        if (assessment.drafts().isEmpty() && !thrombosis.onOralAnticoagulant()) {
            return previousVteCard(assessment, gestation);
        }
        List<Medication> active = thrombosis.oralAnticoagulants();
        List<DraftOrder> drafted = draftedOral(assessment);
        Medication first = active.isEmpty()
                ? drafted.get(0).medications().stream()
                        .filter(m -> m.drug() == Drug.ORAL_ANTICOAGULANT)
                        .findFirst()
                        .orElseThrow()
                : active.get(0);
        String drug = Anticoagulation.name(first);
        List<Medication> shown = new ArrayList<>(thrombosis.anticoagulants());
        drafted.stream().flatMap(d -> d.medications().stream()).forEach(shown::add);
        Detail detail = new Detail()
                .evidence("Anticoagulants on record (prescribed)", Anticoagulation.onRecord(shown))
                .evidence("Thrombosis and its risks", evidence(thrombosis));
        List<ProposedAction> actions = new ArrayList<>();
        if (thrombosis.mechanicalValve().holds()) {
            actions.add(ProposedAction.order(
                    "Same-day cardiology and obstetric medicine review",
                    SuggestedCodes.text("Same-day cardiology and obstetric medicine review of anticoagulation")));
            return finding(
                    assessment,
                    Indicator.CRITICAL,
                    drug + " in pregnancy at " + gestation
                            + " with a mechanical heart valve: same-day cardiology and obstetric medicine review of"
                            + " anticoagulation.",
                    detail.text("With a mechanical valve the anticoagulant is not stopped or switched here: the"
                            + " choice between warfarin and LMWH in pregnancy weighs valve thrombosis against"
                            + " embryopathy and is made by cardiology and obstetric medicine together."),
                    actions);
        }
        boolean therapeuticDrafted = !therapeuticDrafts(assessment).isEmpty();
        if (assessment.drafts().isPresent() && therapeuticDrafted && drafted.isEmpty()) {
            // The switch is being ordered: its only suggestion stops the oral anticoagulant.
            return finding(
                    assessment,
                    Indicator.CRITICAL,
                    summary(drug, gestation),
                    detail.text("Therapeutic-dose LMWH is being ordered: stop " + first.ingredient()
                            + " today, so that she is not on both."),
                    stops(active));
        } else {
            ProposedAction switchTo = Anticoagulation.therapeuticEnoxaparin(
                    assessment, "Stop " + first.ingredient() + "; start therapeutic-dose enoxaparin");
            for (ProposedAction stop : stops(active)) {
                switchTo = switchTo.and(stop);
            }
            for (DraftOrder draft : drafted) {
                if (!draft.reference().isEmpty()) {
                    switchTo = switchTo.and(ProposedAction.remove(
                            "Withdraw the draft " + draft.text(), draft.text(), draft.reference()));
                }
            }
            actions.add(switchTo);
        }
        actions.add(ProposedAction.order(Anticoagulation.SAME_DAY_REVIEW.display(), Anticoagulation.SAME_DAY_REVIEW));
        boolean vka = active.stream().anyMatch(Anticoagulation::vitaminKAntagonist)
                || drafted.stream()
                        .flatMap(d -> d.medications().stream())
                        .anyMatch(Anticoagulation::vitaminKAntagonist);
        if (vka && !active.isEmpty()) {
            actions.add(ProposedAction.order("Order an INR today", SuggestedCodes.INR));
        }
        return finding(
                assessment,
                Indicator.CRITICAL,
                summary(drug, gestation),
                detail.text("Warfarin and the other vitamin K antagonists cause embryopathy when taken at 6 to 12"
                                + " weeks; direct oral anticoagulants are not used in pregnancy. Switch to LMWH at a"
                                + " therapeutic dose (1 mg/kg enoxaparin twice daily) the same day, and continue"
                                + " until 6 weeks after birth.")
                        .text(
                                drafted.isEmpty()
                                        ? "Accepting the first suggestion stops the prescription on record and starts"
                                                + " enoxaparin."
                                        : "Accepting the first suggestion withdraws the draft and starts enoxaparin."),
                actions);
    }

    private static String summary(String drug, String gestation) {
        return drug + " in pregnancy at " + gestation
                + ": stop today and switch to therapeutic-dose LMWH. Same-day haematology or obstetric medicine review.";
    }

    /** Previous venous thromboembolism without APS, pregnant, on no anticoagulant: prophylactic LMWH. */
    private Finding previousVteCard(Assessment assessment, String gestation) {
        Thrombosis thrombosis = thrombosis(assessment);
        String dose = assessment
                .derived()
                .bodyWeight()
                .flatMap(w -> w.value())
                .map(kg -> {
                    int weight = kg.intValue();
                    String band = weight < 50
                            ? "20 mg (under 50 kg)"
                            : weight <= 90
                                    ? "40 mg (50-90 kg)"
                                    : weight <= 130
                                            ? "60 mg (91-130 kg)"
                                            : weight <= 170 ? "80 mg (131-170 kg)" : "0.6 mg/kg (over 170 kg)";
                    return "Enoxaparin " + band + " subcutaneously once daily until 6 weeks after birth";
                })
                .orElse("Enoxaparin 40 mg subcutaneously once daily until 6 weeks after birth (50-90 kg; no body"
                        + " weight in the last 12 months: adjust to her weight)");
        return finding(
                assessment,
                Indicator.WARNING,
                "Previous VTE, pregnant at " + gestation
                        + ", no LMWH: give prophylactic LMWH from now until 6 weeks after birth (RCOG GTG 37a).",
                new Detail()
                        .evidence(
                                "Venous thromboembolism",
                                thrombosis.vteHistory().evidence())
                        .text("A previous venous thromboembolism is a high risk of recurrence in pregnancy:"
                                + " prophylactic LMWH from the first trimester until 6 weeks after birth, dosed by"
                                + " weight at booking. A single VTE provoked by major surgery, with no other risk"
                                + " factor, may need LMWH only from 28 weeks."),
                List.of(ProposedAction.prescription(
                        "Prescribe prophylactic enoxaparin", SuggestedCodes.ENOXAPARIN_40, dose, Optional.empty())));
    }

    /** Pregnant after a venous thromboembolism, without APS, with no heparin active or drafted. */
    private static boolean previousVte(Assessment assessment) {
        Thrombosis thrombosis = thrombosis(assessment);
        var chart = assessment.facts().chart();
        return thrombosis.vteHistory().holds()
                && !assessment.derived().apsConfirmed().holds()
                && !chart.onTherapy(Drug.HEPARIN)
                && !chart.prescribed(Drug.HEPARIN, Set.of(RequestStatus.DRAFT))
                && !thrombosis.onOralAnticoagulant();
    }

    /** A stop of each active oral anticoagulant the record holds whole. */
    private static List<ProposedAction> stops(List<Medication> active) {
        return active.stream()
                .filter(m -> m.record().isPresent() && OPEN.contains(m.status()))
                .map(m -> ProposedAction.stop(
                        "Stop " + m.ingredient(),
                        m.evidence().description(),
                        m.evidence().reference(),
                        m.record().get()))
                .toList();
    }

    private List<DraftOrder> draftedOral(Assessment assessment) {
        return assessment
                .drafts()
                .map(d -> d.prescribing(Drug.ORAL_ANTICOAGULANT))
                .orElse(List.of());
    }

    private static List<DraftOrder> therapeuticDrafts(Assessment assessment) {
        return assessment
                .drafts()
                .map(d -> d.prescribing(Drug.HEPARIN).stream()
                        .filter(draft -> draft.medications().stream()
                                .filter(m -> m.drug() == Drug.HEPARIN)
                                .anyMatch(m -> Thrombosis.dose(m) == Thrombosis.HeparinDose.THERAPEUTIC))
                        .toList())
                .orElse(List.of());
    }

    private static List<org.rplcds.facts.Evidence> evidence(Thrombosis thrombosis) {
        List<org.rplcds.facts.Evidence> evidence = new ArrayList<>();
        for (var fact : List.of(
                thrombosis.vteHistory(),
                thrombosis.arterialThrombosis(),
                thrombosis.longTermAnticoagulation(),
                thrombosis.knownThrombophilia(),
                thrombosis.mechanicalValve())) {
            evidence.addAll(fact.evidence());
        }
        return evidence;
    }

    private static Thrombosis thrombosis(Assessment assessment) {
        return assessment.derived().thrombosis();
    }
}
