package org.rplcds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rplcds.facts.SearchCodes;
import org.rplcds.support.Records;
import org.rplcds.system.EvaluationDate;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
@DisplayName("Start-up report")
class StartupReportTest {

    @Test
    @DisplayName("Should name the release, the guideline profile, the evaluation date and the services in one line")
    void namesWhatRuns(CapturedOutput output) {
        // given
        Properties build = new Properties();
        build.setProperty("version", "1.2.3");
        var beans = new DefaultListableBeanFactory();
        beans.registerSingleton("build", new BuildProperties(build));
        var report = new StartupReport(
                new ServiceCatalog(
                        new ObjectMapper(),
                        new SearchCodes(Records.TERMINOLOGY),
                        beans.getBeanProvider(BuildProperties.class)),
                org.rplcds.support.Profiles.SOURCE,
                new EvaluationDate(Clock.systemUTC(), Optional.of(LocalDate.of(2025, 6, 1))),
                beans.getBeanProvider(BuildProperties.class),
                Records.TERMINOLOGY);

        // when
        report.report();

        // then
        assertThat(output.getOut())
                .contains("ready: release 1.2.3, guideline profile SOURCE, evaluation date 2025-06-01 (pinned by"
                        + " cds.evaluation-date), services [recurrent-miscarriage, recurrent-miscarriage-order-select,"
                        + " recurrent-miscarriage-order-sign]");
    }
}
