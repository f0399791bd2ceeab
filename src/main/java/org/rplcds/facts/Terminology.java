package org.rplcds.facts;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ValueSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The value sets of {@code fhir-resources/valuesets/}, indexed once at start for constant-time
 * membership tests. An {@code is-a} filter is honoured for ICD-10-CM only, whose hierarchy is
 * spelled in the code itself ({@code O03} is the parent of {@code O03.9}).
 */
@Component
public class Terminology {

    private static final Logger log = LoggerFactory.getLogger(Terminology.class);
    static final String LOCATION = "classpath*:fhir-resources/valuesets/ValueSet-*.json";

    private final Map<String, Members> valueSets;
    private final Map<String, String> displays;

    @Autowired
    public Terminology(FhirContext fhir) {
        this(load(fhir));
    }

    Terminology(List<ValueSet> valueSets) {
        Map<String, Members> index = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        for (ValueSet valueSet : valueSets) {
            index.put(valueSet.getUrl(), Members.of(valueSet));
            for (var include : valueSet.getCompose().getInclude()) {
                String system = CodeSystems.canonical(include.getSystem());
                for (var concept : include.getConcept()) {
                    if (concept.hasDisplay()) {
                        names.putIfAbsent(
                                Members.key(system, CodeSystems.normalisedCode(system, concept.getCode())),
                                concept.getDisplay());
                    }
                }
            }
        }
        List<String> missing =
                ValueSets.ALL.stream().filter(url -> !index.containsKey(url)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("value sets named in code have no file: " + missing);
        }
        this.valueSets = Map.copyOf(index);
        this.displays = Map.copyOf(names);
        log.info("terminology loaded: {} value sets", index.size());
    }

    /** Whether the coding is a member of the value set with this canonical URL. */
    public boolean contains(String valueSetUrl, String system, String code) {
        Members members = valueSets.get(valueSetUrl);
        if (members == null) {
            throw new IllegalArgumentException("unknown value set " + valueSetUrl);
        }
        return members.contains(system, code);
    }

    public boolean contains(String valueSetUrl, Coding coding) {
        return coding != null && contains(valueSetUrl, coding.getSystem(), coding.getCode());
    }

    /** Whether any coding of the concept is in the value set. */
    public boolean containsAny(String valueSetUrl, CodeableConcept concept) {
        return firstMatch(valueSetUrl, concept).isPresent();
    }

    /** The first coding of the concept that is in the value set. */
    public Optional<Coding> firstMatch(String valueSetUrl, CodeableConcept concept) {
        if (concept == null) {
            return Optional.empty();
        }
        for (Coding coding : concept.getCoding()) {
            if (contains(valueSetUrl, coding)) {
                return Optional.of(coding);
            }
        }
        return Optional.empty();
    }

    /**
     * What to call a coded entry on a card: the coding's display, else the concept's text, else
     * the display our value sets give the code, else the code itself.
     */
    public String describe(CodeableConcept concept, Coding coding) {
        if (coding != null && coding.hasDisplay()) {
            return coding.getDisplay();
        }
        if (concept != null && concept.hasText()) {
            return concept.getText();
        }
        if (coding == null) {
            return "coded entry";
        }
        String system = CodeSystems.canonical(coding.getSystem());
        String known = displays.get(Members.key(system, CodeSystems.normalisedCode(system, coding.getCode())));
        return known != null ? known : coding.getCode();
    }

    public Set<String> urls() {
        return valueSets.keySet();
    }

    private static List<ValueSet> load(FhirContext fhir) {
        var parser = fhir.newJsonParser();
        List<ValueSet> loaded = new ArrayList<>();
        try {
            for (Resource file : new PathMatchingResourcePatternResolver().getResources(LOCATION)) {
                try (InputStream in = file.getInputStream()) {
                    String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    loaded.add(parser.parseResource(ValueSet.class, json));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read value sets", e);
        }
        return loaded;
    }

    private record Members(Set<String> codes, Map<String, List<String>> prefixes) {

        static Members of(ValueSet valueSet) {
            Set<String> codes = new HashSet<>();
            Map<String, List<String>> prefixes = new HashMap<>();
            for (var include : valueSet.getCompose().getInclude()) {
                String system = CodeSystems.canonical(include.getSystem());
                for (var concept : include.getConcept()) {
                    codes.add(key(system, CodeSystems.normalisedCode(system, concept.getCode())));
                }
                for (var filter : include.getFilter()) {
                    boolean supported = CodeSystems.ICD10CM.equals(system)
                            && "concept".equals(filter.getProperty())
                            && filter.getOp() == ValueSet.FilterOperator.ISA;
                    if (!supported) {
                        throw new IllegalStateException(
                                "value set " + valueSet.getUrl() + ": only ICD-10-CM is-a filters are supported");
                    }
                    prefixes.computeIfAbsent(system, s -> new ArrayList<>())
                            .add(CodeSystems.normalisedCode(system, filter.getValue()));
                }
            }
            return new Members(Set.copyOf(codes), Map.copyOf(prefixes));
        }

        boolean contains(String system, String code) {
            String canonical = CodeSystems.canonical(system);
            String normalised = CodeSystems.normalisedCode(canonical, code);
            if (normalised.isEmpty()) {
                return false;
            }
            if (codes.contains(key(canonical, normalised))) {
                return true;
            }
            for (String prefix : prefixes.getOrDefault(canonical, List.of())) {
                if (normalised.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        }

        private static String key(String system, String code) {
            return system + '|' + code;
        }
    }
}
