package org.rplcds.hooks;

import java.util.Locale;
import java.util.Optional;
import org.rplcds.facts.Terminology;
import org.rplcds.rules.GuidelineProfile;
import org.rplcds.rules.RuleModes;
import org.rplcds.system.EvaluationDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * One line at start saying what runs: the release, the guideline profile, the evaluation date, the
 * services, the recommendations a site set silent or off ({@code cds.rules.<id>.mode}), and the
 * value sets a site changed.
 */
@Component
class StartupReport {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    private final ServiceCatalog catalog;
    private final GuidelineProfile profile;
    private final EvaluationDate evaluationDate;
    private final ObjectProvider<BuildProperties> build;
    private final RuleModes modes;
    private final Terminology terminology;

    StartupReport(
            ServiceCatalog catalog,
            GuidelineProfile profile,
            EvaluationDate evaluationDate,
            ObjectProvider<BuildProperties> build,
            RuleModes modes,
            Terminology terminology) {
        this.catalog = catalog;
        this.profile = profile;
        this.evaluationDate = evaluationDate;
        this.build = build;
        this.modes = modes;
        this.terminology = terminology;
    }

    @EventListener(ApplicationReadyEvent.class)
    void report() {
        log.info(
                "ready: release {}, guideline profile {}, evaluation date {}, services {}, rules not on {}{}",
                Optional.ofNullable(build.getIfAvailable())
                        .map(BuildProperties::getVersion)
                        .orElse("unreleased"),
                profile.name(),
                evaluationDate,
                catalog.discovery().services().stream()
                        .map(ServiceDefinitionJson::id)
                        .toList(),
                modes.notOn().entrySet().stream()
                        .map(rule ->
                                rule.getKey() + " " + rule.getValue().name().toLowerCase(Locale.ROOT))
                        .toList(),
                terminology.siteReport().map(site -> ", " + site).orElse(""));
    }
}
