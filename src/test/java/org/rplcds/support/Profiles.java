package org.rplcds.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.rplcds.hooks.GuidelineProfiles;
import org.rplcds.rules.GuidelineProfile;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

/** The shipped guideline profiles, read from {@code guideline-profiles.yml} as the service reads them. */
public final class Profiles {

    public static final GuidelineProfiles SHIPPED = load();
    public static final GuidelineProfile ESHRE2022 = SHIPPED.named("ESHRE2022").orElseThrow();
    public static final GuidelineProfile SOURCE = SHIPPED.named("SOURCE").orElseThrow();
    public static final GuidelineProfile RCOG2023 = SHIPPED.named("RCOG2023").orElseThrow();
    public static final GuidelineProfile ASRM2012 = SHIPPED.named("ASRM2012").orElseThrow();

    private Profiles() {}

    private static GuidelineProfiles load() {
        try {
            var sources = new YamlPropertySourceLoader()
                    .load("guideline-profiles", new ClassPathResource("guideline-profiles.yml"));
            return new Binder(ConfigurationPropertySources.from(sources))
                    .bind(
                            "cds.guidelines",
                            Bindable.of(GuidelineProfiles.class),
                            new NoUnboundElementsBindHandler(BindHandler.DEFAULT))
                    .get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
