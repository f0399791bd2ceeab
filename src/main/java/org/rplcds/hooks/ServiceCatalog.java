package org.rplcds.hooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.rplcds.facts.SearchCodes;
import org.rplcds.rules.Recommendations;
import org.rplcds.rules.RuleModes;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The services this deployment offers, read from the data files of {@code hooks/}. A prefetch
 * template may hold {@code {{codes}}}: the codes the facts read from its resource type, filled in
 * here from the value sets, in as many keys as keep each query under {@link #MAX_QUERY_LENGTH}.
 * Each service offers a call one boolean option per card type it may give, filled in here from the
 * catalogue: the recommendations that are on at this site.
 */
@Component
class ServiceCatalog {

    static final String LOCATION = "classpath*:hooks/*.json";

    /** The codes token of a prefetch template. */
    static final String CODES = "{{codes}}";

    /**
     * Longest filled-in template: with a FHIR base URL and a 64-character patient id the query
     * stays under the 8,000 characters servers and proxies commonly accept.
     */
    static final int MAX_QUERY_LENGTH = 7_500;

    private final Map<String, ServiceDefinitionJson> services;

    /**
     * @param build the build's version, when {@code META-INF/build-info.properties} is on the
     *     class path (every Maven build writes it)
     */
    ServiceCatalog(
            ObjectMapper json,
            SearchCodes codes,
            ObjectProvider<BuildProperties> build,
            Recommendations recommendations,
            RuleModes modes) {
        String release = Optional.ofNullable(build.getIfAvailable())
                .map(BuildProperties::getVersion)
                .orElse(null);
        List<ServiceDefinitionJson> loaded = new ArrayList<>();
        try {
            for (Resource file : new PathMatchingResourcePatternResolver().getResources(LOCATION)) {
                try (InputStream in = file.getInputStream()) {
                    ServiceDefinitionJson service = json.readValue(in, ServiceDefinitionJson.class);
                    loaded.add(
                            withCodes(service, codes).served(options(service.hook(), recommendations, modes), release));
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
                        LinkedHashMap::new));
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

    private static ServiceDefinitionJson withCodes(ServiceDefinitionJson service, SearchCodes codes) {
        if (service.prefetch() == null) {
            return service;
        }
        Map<String, String> prefetch = new LinkedHashMap<>();
        service.prefetch().forEach((key, template) -> {
            if (!template.contains(CODES)) {
                prefetch.put(key, template);
                return;
            }
            String type = template.substring(0, Math.max(0, template.indexOf('?')));
            List<String> typeCodes = codes.codes(type)
                    .filter(list -> !list.isEmpty())
                    .orElseThrow(() -> new IllegalStateException("service " + service.id() + ", prefetch " + key
                            + ": the facts read no codes of '" + type + "' to fill " + CODES));
            List<String> parts = split(template, typeCodes, service.id() + ", prefetch " + key);
            for (int i = 0; i < parts.size(); i++) {
                prefetch.put(i == 0 ? key : key + (i + 1), parts.get(i));
            }
        });
        return new ServiceDefinitionJson(
                service.id(),
                service.hook(),
                service.title(),
                service.description(),
                service.usageRequirements(),
                Collections.unmodifiableMap(prefetch),
                service.version(),
                service.extension());
    }

    /**
     * One option per card type a service of this hook may give, on by default: the recommendations
     * of the chart on {@code patient-view}, the advice on orders on the ordering hooks; those a site
     * set silent or off give no card, and are not offered.
     */
    static List<ServiceDefinitionJson.ConfigurationOptionJson> options(
            String hook, Recommendations recommendations, RuleModes modes) {
        Map<String, String> titles = recommendations.titles();
        List<String> cardTypes =
                "patient-view".equals(hook) ? List.copyOf(titles.keySet()) : recommendations.orderAdviceIds();
        return cardTypes.stream()
                .filter(modes::on)
                .map(id -> {
                    String named = id + " " + titles.getOrDefault(id, "");
                    return new ServiceDefinitionJson.ConfigurationOptionJson(
                            id,
                            "boolean",
                            named.strip(),
                            named.strip() + ": its card, or its part of a card that holds the advice of several"
                                    + " rules. false leaves it out of that call's cards.",
                            true);
                })
                .toList();
    }

    /** The template filled with the codes, in as many queries as keep each under the limit. */
    private static List<String> split(String template, List<String> codes, String where) {
        int room = MAX_QUERY_LENGTH - (template.length() - CODES.length());
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        for (String code : codes) {
            String encoded = URLEncoder.encode(code, StandardCharsets.UTF_8).replace("+", "%20");
            if (encoded.length() + 1 > room) {
                throw new IllegalStateException(where + ": a code is longer than a query may be");
            }
            if (part.length() > 0 && part.length() + 1 + encoded.length() > room) {
                parts.add(template.replace(CODES, part));
                part.setLength(0);
            }
            if (part.length() > 0) {
                part.append(',');
            }
            part.append(encoded);
        }
        parts.add(template.replace(CODES, part));
        return parts;
    }
}
