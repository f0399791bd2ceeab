package org.rplcds.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.rplcds.facts.Analyte;
import org.rplcds.facts.DraftOrder;
import org.rplcds.facts.DraftOrders;
import org.rplcds.facts.Drug;
import org.rplcds.facts.Evidence;
import org.rplcds.facts.LabResult;
import org.rplcds.facts.PatientFacts;
import org.rplcds.facts.Problem;
import org.rplcds.facts.ProblemKind;
import org.rplcds.facts.RequestStatus;
import org.rplcds.rules.derived.DerivedFacts;

/**
 * RPL-10 Progesterone for early-pregnancy bleeding after a miscarriage.
 *
 * <p><b>Guideline:</b> RCOG 2023: "progesterone supplementation should be considered in women with
 * RM who experience bleeding in early pregnancy"; PRISM and NICE NG126: vaginal progesterone 400 mg
 * twice daily to 16 weeks, for an intrauterine pregnancy confirmed by scan.
 *
 * <p><b>When</b> she is pregnant before 16+0 weeks, has bleeding (an active threatened-miscarriage or
 * early-haemorrhage diagnosis, or one with onset in the last 7 days) and has had at least one
 * miscarriage. <b>Then</b> a warning to offer vaginal micronised progesterone 400 mg twice daily
 * until 16 weeks (the PRISM regimen), never the source text's intramuscular regimen. NICE NG126
 * offers it for an intrauterine pregnancy confirmed by scan: without an intrauterine-pregnancy
 * finding or a fetal heart rate in this pregnancy, the warning asks first for a transvaginal
 * ultrasound and offers progesterone as not recommended until the scan confirms it. <b>Not
 * when</b> progesterone is active, or an ectopic pregnancy or a pregnancy of unknown location is
 * active. A drafted prescription is not therapy: the card stays, without suggesting progesterone a
 * second time.
 *
 * <p><b>While the orders are written</b> ({@code order-select}, {@code order-sign}) the rule judges
 * a draft progesterone: with an active ectopic pregnancy, a warning that progesterone is not
 * indicated, with a suggestion to withdraw the draft; pregnant before 16+0 weeks with bleeding after
 * a miscarriage and no scan confirming an intrauterine pregnancy, a warning to exclude an ectopic
 * pregnancy or a pregnancy of unknown location first, with the scan as its suggestion and no
 * withdrawal (the scan may yet confirm it); with a pregnancy of unknown location on record, the same
 * warning names the PUL pathway (serial hCG). A scan-confirmed intrauterine pregnancy: no card.
 *
 * <p><b>Source:</b> PRISM 2019; RCOG 2023; NICE NG126.
 */
final class Rpl10ProgesteroneForBleeding extends Rule implements OrderAdvice {

    private static final int SIXTEEN_WEEKS = DerivedFacts.PROGESTERONE_UNTIL_DAYS;

    Rpl10ProgesteroneForBleeding() {
        super(
                "RPL-10",
                "Progesterone for early-pregnancy bleeding",
                Citation.PRISM_2019,
                Citation.RCOG_2023,
                Citation.NICE_NG126);
    }

    /** The summary of the card that asks for the PUL pathway. */
    static final String PUL = "PUL on record: follow the PUL pathway (serial hCG).";

    @Override
    List<Citation> sources(Assessment assessment) {
        // At ordering the card is NICE NG126's: progesterone only for a pregnancy confirmed in the uterus.
        return assessment.drafts().isPresent()
                ? List.of(Citation.NICE_NG126, Citation.PRISM_2019, Citation.RCOG_2023)
                : super.sources(assessment);
    }

    /** Draft progesterone orders, before the patient's record is read. */
    @Override
    public List<DraftOrder> candidates(DraftOrders drafts) {
        return drafts.prescribing(Drug.PROGESTERONE);
    }

    /**
     * The draft progesterone is judged even when this rule's own chart card suggests progesterone:
     * at ordering it is the order, not the suggestion, that has to wait for the scan.
     */
    @Override
    public boolean judgesSuggestedDrafts() {
        return true;
    }

    @Override
    boolean inclusion(Assessment assessment) {
        var chart = assessment.facts().chart();
        if (assessment.drafts().isPresent()) {
            if (drafted(assessment).isEmpty()) {
                return false;
            }
            // NICE NG126: progesterone is never for an ectopic pregnancy, whatever else is recorded.
            if (chart.hasActiveProblem(ProblemKind.ECTOPIC_PREGNANCY)) {
                return true;
            }
            return bleedingAfterLoss(assessment)
                    && (chart.hasActiveProblem(ProblemKind.PREGNANCY_UNKNOWN_LOCATION)
                            || intrauterine(assessment.facts()).isEmpty());
        }
        return bleedingAfterLoss(assessment)
                // NICE NG126: never while the pregnancy may be ectopic.
                && !chart.hasActiveProblem(ProblemKind.ECTOPIC_PREGNANCY)
                && !chart.hasActiveProblem(ProblemKind.PREGNANCY_UNKNOWN_LOCATION);
    }

    /** Pregnant before 16+0 weeks, bleeding, after at least one miscarriage. */
    private static boolean bleedingAfterLoss(Assessment assessment) {
        int days = assessment.gestationDays();
        return assessment.pregnant()
                && days >= 0
                && days < SIXTEEN_WEEKS
                && assessment.facts().history().lossCount() >= 1
                && !assessment.derived().bleeding().isEmpty();
    }

    /** The draft progesterone orders while the orders are written; none on the chart. */
    private List<DraftOrder> drafted(Assessment assessment) {
        return assessment.drafts().map(this::candidates).orElse(List.of());
    }

    /**
     * Scan findings of this pregnancy that place it in the uterus: an intrauterine-pregnancy finding
     * or a fetal heart rate on or after its start.
     */
    static List<Evidence> intrauterine(PatientFacts facts) {
        Optional<LocalDate> start = facts.pregnancy().start(facts.evaluationDate());
        Predicate<Optional<LocalDate>> thisPregnancy = date ->
                date.isPresent() && start.map(s -> !date.get().isBefore(s)).orElse(true);
        List<Evidence> found = new ArrayList<>();
        facts.chart().problems(ProblemKind.INTRAUTERINE_PREGNANCY).stream()
                .filter(p -> thisPregnancy.test(p.date()))
                .map(Problem::evidence)
                .forEach(found::add);
        for (Analyte scan : List.of(Analyte.INTRAUTERINE_PREGNANCY, Analyte.FETAL_HEART)) {
            facts.chart().results(scan).stream()
                    .filter(r -> thisPregnancy.test(Optional.of(r.date())))
                    .map(LabResult::evidence)
                    .forEach(found::add);
        }
        return found;
    }

    @Override
    boolean exclusion(Assessment assessment) {
        // At ordering the draft is judged, whatever she is already on.
        return assessment.drafts().isEmpty() && assessment.facts().chart().onTherapy(Drug.PROGESTERONE);
    }

    @Override
    Finding card(Assessment assessment) {
        if (assessment.drafts().isPresent()) {
            return orderCard(assessment);
        }
        PatientFacts facts = assessment.facts();
        var bleeding = assessment.derived().bleeding();
        var until = facts.evaluationDate().plusDays(SIXTEEN_WEEKS - assessment.gestationDays());
        Detail detail = new Detail()
                .evidence("Bleeding in this pregnancy (" + facts.pregnancy().gestation() + ")", bleeding)
                .text("Previous miscarriages on record: " + facts.history().lossCount() + ". In PRISM the benefit was"
                        + " concentrated in women with bleeding and one or more previous miscarriages. Continue until 16+0"
                        + " weeks (" + until + ").");
        // A draft prescription only suppresses a duplicate suggestion.
        boolean drafted = facts.chart().prescribed(Drug.PROGESTERONE, Set.of(RequestStatus.DRAFT));
        ProposedAction progesterone = ProposedAction.prescription(
                "Prescribe vaginal progesterone",
                SuggestedCodes.PROGESTERONE,
                "Progesterone 400 mg vaginal pessary, twice daily until 16+0 weeks",
                Optional.of(until));
        List<Evidence> scan = intrauterine(facts);
        if (scan.isEmpty()) {
            // NICE NG126: progesterone is for an intrauterine pregnancy confirmed by scan; first the scan.
            List<ProposedAction> actions = new ArrayList<>();
            actions.add(
                    ProposedAction.order("Request transvaginal ultrasound", SuggestedCodes.PREGNANCY_LOCATION_SCAN));
            if (!drafted) {
                actions.add(progesterone.notRecommended());
            }
            return finding(
                    assessment,
                    Indicator.WARNING,
                    "Early-pregnancy bleeding after a miscarriage. If a scan confirms an intrauterine pregnancy, offer"
                            + " vaginal progesterone 400 mg twice daily.",
                    detail.text(
                            "No scan in this pregnancy confirms an intrauterine pregnancy (no intrauterine-pregnancy"
                                    + " finding or fetal heart rate on record). NICE NG126 offers progesterone once a scan has"
                                    + " confirmed it."),
                    actions);
        }
        return finding(
                assessment,
                Indicator.WARNING,
                "Early-pregnancy bleeding with previous miscarriage. Offer vaginal micronised progesterone 400 mg twice daily until 16 weeks.",
                detail.evidence("Intrauterine pregnancy on scan", scan),
                drafted ? List.of() : List.of(progesterone));
    }

    /** The card on a draft progesterone (NICE NG126): an ectopic pregnancy, a PUL, or no scan yet. */
    private Finding orderCard(Assessment assessment) {
        PatientFacts facts = assessment.facts();
        var chart = facts.chart();
        List<DraftOrder> drafts = drafted(assessment);
        Detail detail = new Detail()
                .evidence(
                        "Progesterone being ordered",
                        drafts.stream().map(DraftOrder::evidence).toList());
        if (chart.hasActiveProblem(ProblemKind.ECTOPIC_PREGNANCY)) {
            List<ProposedAction> withdraw = drafts.stream()
                    .filter(d -> !d.reference().isEmpty())
                    .map(d -> ProposedAction.remove("Withdraw the draft " + d.text(), d.text(), d.reference()))
                    .toList();
            return finding(
                    assessment,
                    Indicator.WARNING,
                    "Ectopic pregnancy on record: progesterone is not indicated.",
                    detail.evidence("Ectopic pregnancy", chart.activeProblemEvidence(ProblemKind.ECTOPIC_PREGNANCY))
                            .text("NICE NG126 offers progesterone for bleeding in an intrauterine pregnancy confirmed"
                                    + " by scan; an ectopic pregnancy is managed on its own pathway (expectant,"
                                    + " methotrexate or surgery)."),
                    withdraw);
        }
        detail = detail.evidence(
                        "Bleeding in this pregnancy (" + facts.pregnancy().gestation() + ")",
                        assessment.derived().bleeding())
                .text("Previous miscarriages on record: " + facts.history().lossCount() + ".");
        List<Evidence> pul = chart.activeProblemEvidence(ProblemKind.PREGNANCY_UNKNOWN_LOCATION);
        if (!pul.isEmpty()) {
            return finding(
                    assessment,
                    Indicator.WARNING,
                    PUL + " No progesterone until a scan confirms an intrauterine pregnancy.",
                    detail.evidence("Pregnancy of unknown location", pul)
                            .text(
                                    "A pregnancy of unknown location may be ectopic: serum hCG now and 48 hours later,"
                                            + " and a repeat transvaginal scan, on the early pregnancy unit's PUL pathway."
                                            + " NICE NG126 offers progesterone once a scan confirms an intrauterine pregnancy."),
                    List.of(ProposedAction.order(
                            "Follow the PUL pathway",
                            SuggestedCodes.text("Serial serum hCG, 48 hours apart (PUL pathway)"))));
        }
        return finding(
                assessment,
                Indicator.WARNING,
                "No scan confirms an intrauterine pregnancy: exclude ectopic pregnancy or PUL before starting"
                        + " progesterone.",
                detail.text("No scan in this pregnancy confirms an intrauterine pregnancy (no intrauterine-pregnancy"
                        + " finding or fetal heart rate on record). NICE NG126 offers progesterone for bleeding after a"
                        + " miscarriage once a scan has confirmed an intrauterine pregnancy."),
                List.of(ProposedAction.order(
                        "Request transvaginal ultrasound", SuggestedCodes.PREGNANCY_LOCATION_SCAN)));
    }
}
