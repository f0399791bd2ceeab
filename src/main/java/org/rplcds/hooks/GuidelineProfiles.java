package org.rplcds.hooks;

import jakarta.validation.Valid;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rplcds.rules.GuidelineProfile;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The guideline profiles of {@code guideline-profiles.yml}, bound by name under
 * {@code cds.guidelines.profiles}. A name the profiles do not have stops the start, as does a
 * missing value.
 *
 * @param profiles each profile under its name, such as {@code ESHRE2022}
 */
@ConfigurationProperties(prefix = "cds.guidelines", ignoreUnknownFields = false)
@Validated
public record GuidelineProfiles(Map<String, @Valid GuidelineProfile> profiles) {

    public GuidelineProfiles {
        Map<String, GuidelineProfile> named = new LinkedHashMap<>();
        (profiles == null ? Map.<String, GuidelineProfile>of() : profiles)
                .forEach((name, profile) -> named.put(name, profile.named(name)));
        profiles = Map.copyOf(named);
    }

    /** The profile of that name, in any case ({@code CDS_PROFILE=eshre2022} too). */
    public Optional<GuidelineProfile> named(String name) {
        return profiles.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name.trim()))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    public List<String> names() {
        return profiles.keySet().stream().sorted().toList();
    }
}
