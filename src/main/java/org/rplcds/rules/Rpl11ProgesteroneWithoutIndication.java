package org.rplcds.rules;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.rplcds.facts.Drug;
import org.rplcds.facts.Medication;
import org.rplcds.facts.PatientFacts;
import org.rplcds.facts.RequestStatus;

/**
 * RPL-11: progesterone without an indication.
 *
 * <p>When progesterone is ordered (draft or active) for a woman pregnant before 16+0 weeks with no
 * bleeding recorded and no other indication written on the order, in its name, reason, dosage text
 * or notes (luteal support after assisted reproduction, preterm-birth prevention). Then an info card recalls that progesterone did not
 * improve live births in unexplained RPL (PROMISE), so the indication is checked.
 *
 * <p>Not at 16+0 weeks or later (a different indication), or when bleeding is recorded.
 *
 * <p>Source: PROMISE 2015; RCOG 2023.
 */
public final class Rpl11ProgesteroneWithoutIndication implements Recommendation {

    public static final String ID = "RPL-11";
    static final Citation SOURCE =
            new Citation("PROMISE 2015; RCOG Green-top Guideline No. 17 (2023)", Citation.PROMISE_2015.url());
    private static final List<String> OTHER_INDICATIONS =
            List.of("luteal", "ivf", "icsi", "embryo transfer", "assisted reproduction", "preterm", "short cervix");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<Finding> evaluate(Assessment assessment) {
        PatientFacts facts = assessment.facts();
        GuidelineProfile profile = assessment.profile();
        int days = assessment.gestationDays();
        if (!assessment.pregnant() || days >= Rpl10ProgesteroneForBleeding.SIXTEEN_WEEKS) {
            return Optional.empty();
        }
        List<Medication> orders = facts.chart().medications(Drug.PROGESTERONE).stream()
                .filter(m -> Set.of(RequestStatus.DRAFT, RequestStatus.ACTIVE).contains(m.status()))
                .filter(m -> OTHER_INDICATIONS.stream()
                        .noneMatch(i -> (m.evidence().description() + " / " + m.indication())
                                .toLowerCase(Locale.ROOT)
                                .contains(i)))
                .toList();
        if (orders.isEmpty() || !Bleeding.recent(facts, profile).isEmpty()) {
            return Optional.empty();
        }
        String detail = new Detail()
                .evidence(
                        "Progesterone ordered",
                        orders.stream().map(Medication::evidence).toList())
                .text("No early-pregnancy bleeding is recorded in this pregnancy ("
                        + facts.pregnancy().gestation() + ")."
                        + " In PROMISE, vaginal progesterone from early pregnancy to 12 weeks did not increase live births in"
                        + " women with unexplained recurrent miscarriage; RCOG 2023 finds insufficient evidence for it without"
                        + " bleeding.")
                .sources("PROMISE 2015; RCOG Green-top Guideline No. 17 (2023)");
        return Optional.of(new Finding(
                ID,
                "Progesterone without indication",
                Indicator.INFO,
                "No bleeding recorded: progesterone did not improve live births in unexplained RPL (PROMISE). Check the indication.",
                detail,
                SOURCE,
                List.of(),
                List.of(Citation.PROMISE_2015)));
    }
}
