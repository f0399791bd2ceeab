package org.rplcds.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rplcds.SettingsConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

@DisplayName("Evaluation date")
class EvaluationDateTest {

    static final Instant NOW = Instant.parse("2026-12-01T21:00:00Z");

    final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(SettingsConfiguration.class, SystemConfiguration.class)
            .withBean("fixed", Clock.class, () -> Clock.fixed(NOW, ZoneOffset.UTC), bean -> bean.setPrimary(true));

    @Nested
    @DisplayName("When cds.evaluation-date is not set")
    class WhenNotSet {

        @Test
        @DisplayName("Should evaluate on today's date by the clock")
        void evaluatesToday() {
            context.run(ctx -> {
                assertThat(ctx.getBean(EvaluationDate.class).today()).isEqualTo(LocalDate.of(2026, 12, 1));
                assertThat(ctx.getBean(EvaluationDate.class).pinned()).isEmpty();
            });
        }
    }

    @Nested
    @DisplayName("When cds.evaluation-date is set")
    class WhenSet {

        @Test
        @DisplayName("Should evaluate on the pinned date in the demo profile, and keep the clock for everything else")
        void pinsInTheDemo() {
            context.withPropertyValues("spring.profiles.active=demo", "cds.evaluation-date=2025-06-01")
                    .run(ctx -> {
                        EvaluationDate date = ctx.getBean(EvaluationDate.class);
                        assertThat(date.today()).isEqualTo(LocalDate.of(2025, 6, 1));
                        assertThat(LocalDate.now(date.clock())).isEqualTo(LocalDate.of(2025, 6, 1));
                        assertThat(ctx.getBean(Clock.class).instant()).isEqualTo(NOW);
                    });
        }

        @Test
        @DisplayName("Should refuse to start outside the demo profile, saying to unset it or allow it")
        void refusesOutsideTheDemo() {
            context.withPropertyValues("spring.profiles.active=postgres", "cds.evaluation-date=2025-06-01")
                    .run(ctx -> {
                        Throwable refused = rootCause(ctx.getStartupFailure());
                        assertThat(refused)
                                .isInstanceOf(InvalidSettingException.class)
                                .hasMessageStartingWith("cds.evaluation-date pins the evaluation date to 2025-06-01");
                        assertThat(((InvalidSettingException) refused).action())
                                .startsWith("Unset cds.evaluation-date")
                                .contains("cds.evaluation-date-outside-demo=allow")
                                .contains("the section \"Configuration\" of docs/configuration.md");
                    });
        }

        @Test
        @DisplayName("Should start outside the demo profile when explicitly allowed")
        void startsWhenAllowed() {
            context.withPropertyValues(
                            "spring.profiles.active=postgres",
                            "cds.evaluation-date=2025-06-01",
                            "cds.evaluation-date-outside-demo=allow")
                    .run(ctx -> assertThat(ctx.getBean(EvaluationDate.class).today())
                            .isEqualTo(LocalDate.of(2025, 6, 1)));
        }

        @Test
        @DisplayName("Should refuse a value that is not an ISO date, saying how to write it")
        void refusesANonDate() {
            context.withPropertyValues("spring.profiles.active=demo", "cds.evaluation-date=1 June 2025")
                    .run(ctx -> {
                        Throwable refused = rootCause(ctx.getStartupFailure());
                        assertThat(refused).hasMessage("cds.evaluation-date: '1 June 2025' is not a date");
                        assertThat(((InvalidSettingException) refused).action()).startsWith("Write it as 2025-06-01");
                    });
        }
    }

    static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
