package org.rplcds.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.rplcds.facts.Drug;
import org.rplcds.facts.Evidence;
import org.rplcds.facts.Medication;
import org.rplcds.facts.Order;
import org.rplcds.facts.RequestStatus;

/**
 * RPL-23 Tests and treatments of low value in RPL.
 *
 * <p><b>Guideline:</b> ESHRE 2022 and RCOG 2023 do not recommend HLA typing, NK-cell testing,
 * anti-sperm or anti-endometrial antibodies, inherited thrombophilia screening without other risk
 * factors, immunotherapy, glucocorticoids, hCG or G-CSF for recurrent pregnancy loss; ALIFE2: no
 * aspirin or heparin in unexplained RPL.
 *
 * <p><b>When</b> a woman with a pregnancy loss on record (or an order giving one as its reason) has
 * an open order for one of these tests (draft or active, not yet resulted) or a draft or active
 * prescription of one of these treatments (IVIG, lymphocyte immunotherapy, Intralipid, an oral
 * glucocorticoid, hCG, G-CSF; aspirin or heparin in unexplained RPL without APS), and the order has
 * no indication of its own ({@link LowValueCare#judged}). <b>Then</b> an info card naming the order,
 * {@code Not recommended for recurrent pregnancy loss ({guideline}): {order}, ordered {date}.}, with a
 * suggestion to withdraw each draft or unresulted test order, and, for an active prescription, a
 * suggestion to review it with the prescriber: an active prescription is never deleted by a card. An
 * active glucocorticoid gets its own words: it raises the risk of diabetes, hypertension and PPROM,
 * and is tapered, not stopped abruptly. <b>Not when</b> there is no loss on record, the order has
 * another indication, or it is a single-allele HLA test; anti-D and the other immune globulins are
 * never immunotherapy.
 *
 * <p>While the orders are written the same recommendation speaks on the drafts: {@link
 * Rpl23LowValueDrafts}.
 *
 * <p><b>Source:</b> ESHRE 2022; RCOG 2023.
 */
final class Rpl23LowValueCare extends Rule {

    private static final Set<RequestStatus> OPEN = Set.of(RequestStatus.DRAFT, RequestStatus.ACTIVE);

    /** One order judged of low value: what it is, and its record. */
    record Flagged(LowValueCare.Kind kind, Evidence evidence, boolean prescription, RequestStatus status) {}

    Rpl23LowValueCare() {
        super(LowValueCare.ID, LowValueCare.TITLE, LowValueCare.SOURCE);
    }

    @Override
    boolean inclusion(Assessment assessment) {
        return !flagged(assessment).isEmpty();
    }

    /** The exceptions (no loss, another indication) are applied in {@link #flagged}. */
    @Override
    boolean exclusion(Assessment assessment) {
        return false;
    }

    /** The open orders and prescriptions of low value, each once, in record order. */
    static List<Flagged> flagged(Assessment assessment) {
        var chart = assessment.facts().chart();
        List<Flagged> flagged = new ArrayList<>();
        for (Order order : chart.orders()) {
            if (!OPEN.contains(order.status())) {
                continue;
            }
            LowValueCare.kind(order)
                    .filter(kind -> LowValueCare.judged(kind, order.reasons(), assessment))
                    .ifPresent(kind -> flagged.add(new Flagged(kind, order.evidence(), false, order.status())));
        }
        boolean aspirinOrHeparin = assessment.derived().unexplained()
                && !assessment.derived().apsConfirmed().holds();
        for (Drug drug :
                List.of(Drug.IMMUNOTHERAPY, Drug.GLUCOCORTICOID, Drug.HCG, Drug.G_CSF, Drug.ASPIRIN, Drug.HEPARIN)) {
            if ((drug == Drug.ASPIRIN || drug == Drug.HEPARIN) && !aspirinOrHeparin) {
                continue;
            }
            for (Medication medication : chart.medications(drug)) {
                if (!OPEN.contains(medication.status())) {
                    continue;
                }
                LowValueCare.kind(medication, assessment)
                        .filter(kind -> LowValueCare.judged(kind, medication.reasons(), assessment))
                        .ifPresent(kind ->
                                flagged.add(new Flagged(kind, medication.evidence(), true, medication.status())));
            }
        }
        List<Flagged> once = new ArrayList<>();
        for (Flagged f : flagged) {
            if (once.stream()
                    .noneMatch(o -> o.evidence().reference().equals(f.evidence().reference()))) {
                once.add(f);
            }
        }
        return once;
    }

    @Override
    Finding card(Assessment assessment) {
        List<Flagged> flagged = flagged(assessment);
        String guideline = LowValueCare.guideline(assessment.profile());
        Flagged first = flagged.get(0);
        boolean steroidActive = flagged.stream()
                .anyMatch(f -> f.kind() == LowValueCare.Kind.GLUCOCORTICOID && f.status() == RequestStatus.ACTIVE);
        String summary;
        if (steroidActive && flagged.size() == 1) {
            summary = capitalised(steroid(assessment)) + " for recurrent pregnancy loss is not recommended ("
                    + guideline + "): it raises the risk of diabetes, hypertension and PPROM.";
        } else {
            summary = "Not recommended for recurrent pregnancy loss (" + guideline + "): "
                    + LowValueCare.cut(first.evidence().description())
                    + first.evidence().date().map(d -> ", ordered " + d).orElse("")
                    + (flagged.size() > 1 ? ", and " + (flagged.size() - 1) + " more" : "")
                    + ".";
        }
        List<ProposedAction> actions = new ArrayList<>();
        for (Flagged f : flagged) {
            String words = f.evidence().description();
            if (f.prescription() && f.status() == RequestStatus.ACTIVE) {
                // An active prescription is reviewed with the prescriber, never deleted by a card.
                String review = f.kind() == LowValueCare.Kind.GLUCOCORTICOID
                        ? "Review with the prescriber; taper, do not stop abruptly after 3 weeks"
                        : "Review " + LowValueCare.cut(words) + " with the prescriber";
                actions.add(ProposedAction.order(review, SuggestedCodes.text(review)));
            } else {
                actions.add(ProposedAction.remove(
                        "Withdraw " + LowValueCare.cut(words),
                        words,
                        f.evidence().reference()));
            }
        }
        Detail detail = new Detail()
                .evidence("Orders", flagged.stream().map(Flagged::evidence).toList())
                .text("NK-cell and HLA testing, anti-sperm or anti-endometrial antibodies, inherited thrombophilia"
                        + " screening without a thrombosis history, immunotherapy, glucocorticoids, hCG, G-CSF, and aspirin"
                        + " or heparin for unexplained RPL do not improve live birth rates.");
        if (steroidActive) {
            detail = detail.text("Prednisolone and the other glucocorticoids raise the risk of gestational diabetes,"
                    + " hypertension and preterm prelabour rupture of membranes; after 3 weeks they are tapered, not"
                    + " stopped abruptly.");
        }
        return finding(assessment, Indicator.INFO, summary, detail, actions);
    }

    /** The glucocorticoid on record, by name. */
    private static String steroid(Assessment assessment) {
        return assessment.facts().chart().medications(Drug.GLUCOCORTICOID).stream()
                .filter(m -> m.status() == RequestStatus.ACTIVE)
                .map(Medication::ingredient)
                .findFirst()
                .orElse("prednisolone");
    }

    private static String capitalised(String words) {
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
