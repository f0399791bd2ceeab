package org.rplcds.rules;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.rplcds.facts.Analyte;
import org.rplcds.facts.DraftOrder;
import org.rplcds.facts.DraftOrders;
import org.rplcds.facts.Drug;
import org.rplcds.facts.Evidence;
import org.rplcds.facts.LabResult;
import org.rplcds.facts.Medication;
import org.rplcds.facts.PatientFacts;
import org.rplcds.facts.Problem;
import org.rplcds.facts.ProblemKind;
import org.rplcds.facts.RequestStatus;
import org.rplcds.rules.derived.DerivedFacts;

/**
 * RPL-11 Progesterone without an indication, in recurrent pregnancy loss.
 *
 * <p><b>Guideline:</b> RCOG 2023: "insufficient evidence to support progesterone for asymptomatic
 * women with unexplained RM"; PROMISE found no gain in live births. NICE NG25:
 * vaginal progesterone is an option after a mid-trimester loss or preterm birth, and for a short
 * cervix.
 *
 * <p><b>When</b> recurrent pregnancy loss is identified, she is pregnant before 16+0 weeks (the
 * gestational age known), and progesterone is active or drafted with no bleeding recorded.
 * <b>Then</b> an info card recalls that progesterone without bleeding did not raise live births in
 * recurrent pregnancy loss (PROMISE), so the indication is checked; it never suggests deleting or
 * stopping it: stopping luteal support in a programmed frozen-embryo-transfer cycle can end the
 * pregnancy. <b>Not when</b> progesterone has another indication: a pregnancy after assisted
 * reproduction (O09.81x) or an order whose reason, dosage text or note names assisted reproduction
 * or luteal support; a previous preterm birth (Z87.51, O09.21x, a preterm-birth count 11637-6 above
 * 0); a second-trimester loss; cervical insufficiency (N88.3, O34.3x, 17382005); a cervical length
 * of 25 mm or less in this pregnancy; bleeding; from 16+0 weeks.
 *
 * <p><b>While the orders are written</b> ({@code order-select}, {@code order-sign}) the
 * rule reads the draft progesterone orders instead of the chart's prescriptions, with
 * the same card: the one decision on the orders, whichever they are, so one class is both the
 * recommendation and its {@link OrderAdvice}.
 *
 * <p><b>Source:</b> PROMISE 2015; RCOG 2023; for the other indications, NICE NG25.
 */
final class Rpl11ProgesteroneWithoutIndication extends Rule implements OrderAdvice {

    /** Another indication written on the order, as whole words: assisted reproduction, luteal support, preterm birth. */
    private static final Pattern OTHER_INDICATION = Pattern.compile("\\b(?:luteal|ivf|icsi|art|fet|embryo transfer"
            + "|frozen embryo|assisted reproduct\\w*|in vitro fertili[sz]ation|preterm|pre-term|short cervix)\\b");

    /** NICE NG25: a cervical length of 25 mm or less makes progesterone an option. */
    private static final BigDecimal SHORT_CERVIX_MM = BigDecimal.valueOf(25);

    Rpl11ProgesteroneWithoutIndication() {
        super("RPL-11", "Progesterone without indication", Citation.PROMISE_2015, Citation.RCOG_2023);
    }

    @Override
    boolean inclusion(Assessment assessment) {
        int days = assessment.gestationDays();
        return assessment.rpl()
                && assessment.pregnant()
                && days >= 0
                && days < DerivedFacts.PROGESTERONE_UNTIL_DAYS
                && !orders(assessment).isEmpty();
    }

    @Override
    boolean exclusion(Assessment assessment) {
        return !assessment.derived().bleeding().isEmpty()
                || !otherIndication(assessment.facts()).isEmpty();
    }

    /** Draft progesterone orders, before the patient's record is read. */
    @Override
    public List<DraftOrder> candidates(DraftOrders drafts) {
        return drafts.prescribing(Drug.PROGESTERONE);
    }

    /**
     * What on her record is another indication for progesterone: a pregnancy after assisted
     * reproduction, a previous preterm birth, a second-trimester loss, cervical insufficiency, or a
     * short cervix in this pregnancy.
     */
    static List<Evidence> otherIndication(PatientFacts facts) {
        var chart = facts.chart();
        Optional<LocalDate> start = facts.pregnancy().start(facts.evaluationDate());
        List<Evidence> found = new ArrayList<>();
        // An assisted-reproduction pregnancy code speaks of this pregnancy: active, or dated in it.
        chart.problems(ProblemKind.ART_PREGNANCY).stream()
                .filter(p -> p.active()
                        || p.date()
                                .filter(d -> start.map(s -> !d.isBefore(s)).orElse(false))
                                .isPresent())
                .map(Problem::evidence)
                .forEach(found::add);
        for (ProblemKind history : List.of(ProblemKind.PRETERM_BIRTH_HISTORY, ProblemKind.CERVICAL_INSUFFICIENCY)) {
            chart.problems(history).stream().map(Problem::evidence).forEach(found::add);
        }
        chart.results(Analyte.PRETERM_BIRTHS).stream()
                .filter(r -> r.value().filter(n -> n.signum() > 0).isPresent())
                .map(LabResult::evidence)
                .forEach(found::add);
        facts.history().losses().stream().filter(l -> l.secondTrimester()).forEach(l -> found.addAll(l.evidence()));
        chart.results(Analyte.CERVICAL_LENGTH).stream()
                .filter(r -> start.map(s -> !r.date().isBefore(s)).orElse(true))
                .filter(r -> r.value()
                        .filter(mm -> mm.compareTo(SHORT_CERVIX_MM) <= 0)
                        .isPresent())
                .map(LabResult::evidence)
                .forEach(found::add);
        return found;
    }

    /**
     * Progesterone without another indication written on it: drafted or active on the chart, or,
     * while the orders are written, the draft orders.
     */
    private List<Medication> orders(Assessment assessment) {
        var prescriptions = assessment
                .drafts()
                .map(drafts -> candidates(drafts).stream()
                        .flatMap(d -> d.medications().stream())
                        .filter(m -> m.drug() == Drug.PROGESTERONE)
                        .toList())
                .orElseGet(() -> assessment.facts().chart().medications(Drug.PROGESTERONE));
        return prescriptions.stream()
                .filter(m -> Set.of(RequestStatus.DRAFT, RequestStatus.ACTIVE).contains(m.status()))
                .filter(m -> !OTHER_INDICATION
                        .matcher((m.evidence().description() + " / " + m.indication()).toLowerCase(Locale.ROOT))
                        .find())
                .toList();
    }

    @Override
    Finding card(Assessment assessment) {
        Detail detail = new Detail()
                .evidence(
                        "Progesterone ordered",
                        orders(assessment).stream().map(Medication::evidence).toList())
                .text("No early-pregnancy bleeding is recorded in this pregnancy ("
                        + assessment.facts().pregnancy().gestation() + "), and no other indication: no"
                        + " assisted-reproduction pregnancy or luteal support, previous preterm birth,"
                        + " second-trimester loss, cervical insufficiency or short cervix."
                        + " In PROMISE, vaginal progesterone from early pregnancy to 12 weeks did not increase live births in"
                        + " women with unexplained recurrent miscarriage; RCOG 2023 finds insufficient evidence for it without"
                        + " bleeding.")
                .text("Do not stop progesterone given as luteal support after embryo transfer without the fertility"
                        + " team: in a programmed frozen-embryo-transfer cycle, stopping it can end the pregnancy.");
        return finding(
                assessment,
                Indicator.INFO,
                "Progesterone without bleeding in recurrent pregnancy loss did not raise live births (PROMISE). Check the"
                        + " indication.",
                detail,
                List.of(),
                List.of(Citation.PROMISE_2015));
    }
}
