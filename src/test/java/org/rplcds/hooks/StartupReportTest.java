package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rplcds.facts.SearchCodes;
import org.rplcds.rules.Recommendations;
import org.rplcds.rules.RuleModes;
import org.rplcds.support.Records;
import org.rplcds.system.EvaluationDate;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
@DisplayName("Start-up report")
class StartupReportTest {

    static StartupReport report(DefaultListableBeanFactory beans, RuleModes modes) {
        return new StartupReport(
                new ServiceCatalog(
                        new ObjectMapper(),
                        new SearchCodes(Records.TERMINOLOGY),
                        beans.getBeanProvider(BuildProperties.class),
                        Recommendations.all(),
                        modes),
                org.rplcds.support.Profiles.SOURCE,
                new EvaluationDate(Clock.systemUTC(), Optional.of(LocalDate.of(2025, 6, 1))),
                beans.getBeanProvider(BuildProperties.class),
                modes,
                Records.TERMINOLOGY);
    }

    @Test
    @DisplayName("Should name the release, the guideline profile, the evaluation date and the services in one line")
    void namesWhatRuns(CapturedOutput output) {
        // given
        Properties build = new Properties();
        build.setProperty("version", "1.2.3");
        var beans = new DefaultListableBeanFactory();
        beans.registerSingleton("build", new BuildProperties(build));
        var report = report(beans, RuleModes.ALL_ON);

        // when
        report.report();

        // then
        assertThat(output.getOut())
                .contains("ready: release 1.2.3, guideline profile SOURCE, evaluation date 2025-06-01 (pinned by"
                        + " cds.evaluation-date), services [recurrent-miscarriage, recurrent-miscarriage-order-select,"
                        + " recurrent-miscarriage-order-sign], rules not on []");
    }

    @Test
    @DisplayName("Should name each recommendation that is not on, with its mode, in rule order")
    void namesTheRulesNotOn(CapturedOutput output) {
        // given a site that set RPL-20 off and RPL-16 and RPL-02 silent
        var report = report(
                new DefaultListableBeanFactory(),
                new RuleModes(Map.of(
                        "RPL-20", RuleModes.Mode.OFF,
                        "RPL-16", RuleModes.Mode.SILENT,
                        "RPL-02", RuleModes.Mode.SILENT,
                        "RPL-03", RuleModes.Mode.ON)));

        // when
        report.report();

        // then
        assertThat(output.getOut()).contains(", rules not on [RPL-02 silent, RPL-16 silent, RPL-20 off]");
    }
}
