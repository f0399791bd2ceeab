package org.rplcds.hooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/** The services this deployment offers, read from the data files of {@code hooks/}. */
@Component
class ServiceCatalog {

    static final String LOCATION = "classpath*:hooks/*.json";

    private final Map<String, ServiceDefinitionJson> services;

    /**
     * @param build the build's version, when {@code META-INF/build-info.properties} is on the
     *     class path (every Maven build writes it)
     */
    ServiceCatalog(ObjectMapper json, ObjectProvider<BuildProperties> build) {
        String release = Optional.ofNullable(build.getIfAvailable())
                .map(BuildProperties::getVersion)
                .orElse(null);
        List<ServiceDefinitionJson> loaded = new ArrayList<>();
        try {
            for (Resource file : new PathMatchingResourcePatternResolver().getResources(LOCATION)) {
                try (InputStream in = file.getInputStream()) {
                    loaded.add(json.readValue(in, ServiceDefinitionJson.class).withVersion(release));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read service definitions", e);
        }
        this.services = loaded.stream()
                .sorted(Comparator.comparing(ServiceDefinitionJson::id))
                .collect(Collectors.toMap(
                        ServiceDefinitionJson::id,
                        Function.identity(),
                        (a, b) -> {
                            throw new IllegalStateException("two service definitions with id " + a.id());
                        },
                        java.util.LinkedHashMap::new));
    }

    DiscoveryJson discovery() {
        return new DiscoveryJson(List.copyOf(services.values()));
    }

    Optional<ServiceDefinitionJson> find(String id) {
        return Optional.ofNullable(services.get(id));
    }

    ServiceDefinitionJson require(String id) {
        return find(id).orElseThrow(() -> new UnknownServiceException(id));
    }
}
