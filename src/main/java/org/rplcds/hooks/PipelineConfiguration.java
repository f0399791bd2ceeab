package org.rplcds.hooks;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.rplcds.CdsSettings;
import org.rplcds.SettingsConfiguration;
import org.rplcds.rules.GuidelineProfile;
import org.rplcds.rules.Recommendations;
import org.rplcds.rules.RuleModes;
import org.rplcds.system.SettingsCheck;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The catalogue, the guideline profile the site chose and the mode of each recommendation. */
@Configuration(proxyBeanMethods = false)
@Import(SettingsConfiguration.class)
class PipelineConfiguration {

    /**
     * The profile named by {@code cds.profile} (ESHRE2022 by default) from
     * {@code guideline-profiles.yml}. An unknown name stops the start with a message saying which.
     */
    @Bean
    GuidelineProfile guidelineProfile(CdsSettings settings, Environment environment) {
        refuseProfileValuesFromTheEnvironment(environment);
        String name = settings.profile();
        CdsSettings.Guidelines profiles = settings.guidelines();
        return profiles.named(name)
                .orElseThrow(() -> new IllegalStateException(
                        "cds.profile: unknown guideline profile '" + name + "'; choose one of " + profiles.names()));
    }

    /**
     * Spring lower-cases map keys read from environment variables, so a profile value set that way
     * would match no profile and be dropped without a word: refuse it instead.
     */
    private static void refuseProfileValuesFromTheEnvironment(Environment environment) {
        if (!(environment instanceof ConfigurableEnvironment configurable)) {
            return;
        }
        for (PropertySource<?> source : configurable.getPropertySources()) {
            if (source instanceof SystemEnvironmentPropertySource variables) {
                for (String variable : variables.getPropertyNames()) {
                    if (variable.toUpperCase(Locale.ROOT).startsWith("CDS_GUIDELINES")) {
                        throw new IllegalStateException(variable
                                + ": guideline profile values are set in configuration files"
                                + " (cds.guidelines.profiles.<name>...), not in the environment");
                    }
                }
            }
        }
    }

    /**
     * The guideline profile and the rule modes, built before the web server starts: the server's
     * start-up builds the observation of hook calls, which names the services and so reads the
     * rule modes, and a setting refused there would be reported inside the server's own failure.
     */
    @Bean
    SettingsCheck pipelineSettingsChecked(GuidelineProfile profile, RuleModes modes) {
        return new SettingsCheck() {};
    }

    @Bean
    Recommendations recommendations(CdsSettings.Ui ui) {
        return Recommendations.all(ui.presentation());
    }

    /**
     * Each recommendation on, silent or off, by {@code cds.rules.<id>.mode}: {@code
     * cds.rules.RPL-16.mode=silent}, or {@code CDS_RULES_RPL16_MODE=silent} from the environment
     * (ids are matched whatever their case and dash). An id no recommendation has, a mode other than
     * on, silent and off, or any other name under {@code cds.rules} (the former home of profile
     * settings) stops the start with a message naming it.
     */
    @Bean
    RuleModes ruleModes(CdsSettings settings, Recommendations recommendations) {
        Map<String, String> ids = new LinkedHashMap<>();
        recommendations.ids().forEach(id -> ids.put(plain(id), id));
        Map<String, RuleModes.Mode> modes = new HashMap<>();
        new TreeMap<>(settings.rules()).forEach((name, value) -> {
            String setting = "cds.rules." + name;
            int dot = name.lastIndexOf('.');
            if (dot < 0 || !name.substring(dot + 1).equalsIgnoreCase("mode")) {
                throw new IllegalStateException(setting + ": a recommendation has one setting, cds.rules.<id>.mode (on,"
                        + " silent or off); profile settings are made under cds.guidelines.profiles.<name>");
            }
            String id = ids.get(plain(name.substring(0, dot)));
            if (id == null) {
                throw new IllegalStateException(setting + ": no recommendation has the id '" + name.substring(0, dot)
                        + "'; the ids are " + ids.values());
            }
            // YAML 1.1 reads an unquoted on or off as a boolean: `mode: off` arrives as "false".
            String written =
                    switch (value.trim().toLowerCase(Locale.ROOT)) {
                        case "false" -> "off";
                        case "true" -> "on";
                        default -> value.trim();
                    };
            RuleModes.Mode mode = Arrays.stream(RuleModes.Mode.values())
                    .filter(m -> m.name().equalsIgnoreCase(written))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            setting + ": '" + value + "' is not a mode; choose on, silent or off"));
            RuleModes.Mode earlier = modes.put(id, mode);
            if (earlier != null && earlier != mode) {
                throw new IllegalStateException(setting + ": the mode of " + id + " is set twice, "
                        + earlier.name().toLowerCase(Locale.ROOT) + " and "
                        + mode.name().toLowerCase(Locale.ROOT));
            }
        });
        return new RuleModes(modes);
    }

    /** An id as the environment may spell it: {@code rpl16} for {@code RPL-16}. */
    private static String plain(String id) {
        return id.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
    }
}
