package org.rplcds.rules;

import java.util.List;
import java.util.Optional;
import org.rplcds.facts.Analyte;
import org.rplcds.facts.PatientFacts;
import org.rplcds.facts.Problem;
import org.rplcds.facts.ProblemKind;

/**
 * RPL-17: fever in pregnancy.
 *
 * <p>When the patient is pregnant and a temperature at or above the profile's fever threshold
 * (38.0 °C; the source text 38.5 °C) was measured in the last 48 hours, or fever was diagnosed with
 * onset in that time. Then a warning to assess for infection and treat the fever. Record dates are
 * read to the day, so "48 hours" covers today and the two days before.
 *
 * <p>Source: source text (38.5 °C); ACOG.
 */
public final class Rpl17FeverInPregnancy implements Recommendation {

    public static final String ID = "RPL-17";
    static final Citation SOURCE = new Citation("Source text (38.5 °C); ACOG", Citation.ACOG_PB142.url());

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Optional<Finding> evaluate(Assessment assessment) {
        PatientFacts facts = assessment.facts();
        GuidelineProfile profile = assessment.profile();
        if (!assessment.pregnant()) {
            return Optional.empty();
        }
        var since = facts.evaluationDate()
                .minusDays(Math.max(1, profile.thresholds().feverWindowHours() / 24));
        var fever = facts.chart().results(Analyte.BODY_TEMPERATURE).stream()
                .filter(r -> !r.date().isBefore(since) && r.value().isPresent())
                .filter(r -> r.value().get().compareTo(profile.feverCelsius()) >= 0)
                .max(java.util.Comparator.comparing(r -> r.value().get()));
        var diagnosed = facts.chart().problems(ProblemKind.FEVER).stream()
                .filter(p -> p.date().filter(d -> !d.isBefore(since)).isPresent())
                .map(Problem::evidence)
                .toList();
        if (fever.isEmpty() && diagnosed.isEmpty()) {
            return Optional.empty();
        }
        String gestation = facts.pregnancy().gestation();
        String summary = fever.isPresent()
                ? "Temperature " + Rules.number(fever.get().value().get()) + " °C in pregnancy (" + gestation
                        + "). Assess for infection; treat fever promptly."
                : "Fever recorded in pregnancy (" + gestation + "). Assess for infection; treat fever promptly.";
        return Optional.of(new Finding(
                ID,
                "Fever in pregnancy",
                Indicator.WARNING,
                summary,
                new Detail()
                        .results("Temperature", fever.map(List::of).orElse(List.of()))
                        .evidence("Fever diagnosed", diagnosed)
                        .text("Fever threshold for this profile: " + profile.feverCelsius() + " °C.")
                        .sources("Source text; ACOG"),
                SOURCE,
                List.of()));
    }
}
