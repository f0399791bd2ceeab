package org.rplcds.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.rplcds.facts.Analyte;
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
 * twice daily to 16 weeks (clinical rules 1.3).
 *
 * <p><b>When</b> she is pregnant before 16+0 weeks, has bleeding (an active threatened-miscarriage or
 * early-haemorrhage diagnosis, or one with onset in the last 7 days) and has had at least one
 * miscarriage. <b>Then</b> a warning to offer vaginal micronised progesterone 400 mg twice daily
 * until 16 weeks (the PRISM regimen), never the source text's intramuscular regimen. NICE NG126
 * offers it for an intrauterine pregnancy confirmed by scan (clinical rules §8 R16): without an
 * intrauterine-pregnancy finding or a fetal heart rate in this pregnancy, the warning asks first
 * for a transvaginal ultrasound and offers progesterone as not recommended until the scan confirms
 * it. <b>Not when</b> progesterone is active, or an ectopic pregnancy is active. A pregnancy of
 * unknown location has no verified code yet, so is not read. A drafted prescription is not therapy: the card stays, without
 * suggesting progesterone a second time.
 *
 * <p><b>Source:</b> PRISM 2019; RCOG 2023; NICE NG126.
 */
final class Rpl10ProgesteroneForBleeding extends Rule {

    private static final int SIXTEEN_WEEKS = DerivedFacts.PROGESTERONE_UNTIL_DAYS;

    Rpl10ProgesteroneForBleeding() {
        super(
                "RPL-10",
                "Progesterone for early-pregnancy bleeding",
                Citation.PRISM_2019,
                Citation.RCOG_2023,
                Citation.NICE_NG126);
    }

    @Override
    boolean inclusion(Assessment assessment) {
        int days = assessment.gestationDays();
        return assessment.pregnant()
                && days >= 0
                && days < SIXTEEN_WEEKS
                && assessment.facts().history().lossCount() >= 1
                && !assessment.derived().bleeding().isEmpty()
                // NICE NG126: never while the pregnancy may be ectopic.
                && !assessment.facts().chart().hasActiveProblem(ProblemKind.ECTOPIC_PREGNANCY);
    }

    /**
     * Scan findings of this pregnancy that place it in the uterus: an intrauterine-pregnancy finding
     * or a fetal heart rate on or after its start (clinical rules §8 R16).
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
        return assessment.facts().chart().onTherapy(Drug.PROGESTERONE);
    }

    @Override
    Finding card(Assessment assessment) {
        PatientFacts facts = assessment.facts();
        var bleeding = assessment.derived().bleeding();
        var until = facts.evaluationDate().plusDays(SIXTEEN_WEEKS - assessment.gestationDays());
        Detail detail = new Detail()
                .evidence("Bleeding in this pregnancy (" + facts.pregnancy().gestation() + ")", bleeding)
                .text("Previous miscarriages on record: " + facts.history().lossCount() + ". In PRISM the benefit was"
                        + " concentrated in women with bleeding and one or more previous miscarriages. Continue until 16+0"
                        + " weeks (" + until + ").");
        // Clinical rules 2.8: a draft prescription only suppresses a duplicate suggestion.
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
}
