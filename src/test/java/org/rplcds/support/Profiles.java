package org.rplcds.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import org.rplcds.CdsSettings;
import org.rplcds.rules.GuidelineProfile;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

/** The shipped guideline profiles, read from {@code guideline-profiles.yml} as the service reads them. */
public final class Profiles {

    public static final CdsSettings.Guidelines SHIPPED = load();
    public static final GuidelineProfile ESHRE2022 = SHIPPED.named("ESHRE2022").orElseThrow();
    public static final GuidelineProfile SOURCE = SHIPPED.named("SOURCE").orElseThrow();
    public static final GuidelineProfile RCOG2023 = SHIPPED.named("RCOG2023").orElseThrow();
    public static final GuidelineProfile ASRM2012 = SHIPPED.named("ASRM2012").orElseThrow();

    private Profiles() {}

    /**
     * The profiles under {@code cds.guidelines} of these sources, bound as the service binds them:
     * an unknown name and a value the annotations refuse both fail.
     */
    public static CdsSettings.Guidelines bind(Iterable<ConfigurationPropertySource> sources) {
        try (var beanValidation = new LocalValidatorFactoryBean()) {
            beanValidation.afterPropertiesSet();
            // As Spring Boot validates a @Validated @ConfigurationProperties: once, from the root.
            Validator validator = new Validator() {
                @Override
                public boolean supports(Class<?> type) {
                    return type == CdsSettings.Guidelines.class;
                }

                @Override
                public void validate(Object target, Errors errors) {
                    beanValidation.validate(target, errors);
                }
            };
            return new Binder(sources)
                    .bind(
                            "cds.guidelines",
                            Bindable.of(CdsSettings.Guidelines.class),
                            new ValidationBindHandler(new NoUnboundElementsBindHandler(BindHandler.DEFAULT), validator))
                    .get();
        }
    }

    /**
     * A profile as flat properties under {@code prefix}, each named as the YAML names it, without
     * its {@code name}: to be changed by a test and bound again.
     */
    public static Map<String, String> properties(String prefix, GuidelineProfile profile) {
        Map<String, String> properties = new TreeMap<>();
        flatten(prefix, profile, properties);
        properties.remove(prefix + "name");
        return properties;
    }

    private static void flatten(String prefix, Record value, Map<String, String> properties) {
        for (var component : value.getClass().getRecordComponents()) {
            String name = prefix + DataObjectPropertyName.toDashedForm(component.getName());
            Object part;
            try {
                part = component.getAccessor().invoke(value);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (part instanceof Record nested) {
                flatten(name + ".", nested, properties);
            } else {
                properties.put(name, String.valueOf(part));
            }
        }
    }

    private static CdsSettings.Guidelines load() {
        try {
            var sources = new YamlPropertySourceLoader()
                    .load("guideline-profiles", new ClassPathResource("guideline-profiles.yml"));
            return bind(ConfigurationPropertySources.from(sources));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
