package org.rplcds.facts;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
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
 * The value sets of {@code fhir-resources/valuesets/}, with a site's own codes added to them or in
 * their place ({@link SiteValueSets}), indexed once at start for constant-time
 * membership tests: by value set, and by code for the value sets a code belongs to. An
 * {@code is-a} filter is honoured for ICD-10-CM only, whose hierarchy is spelled in the code
 * itself ({@code O03} is the parent of {@code O03.9}).
 */
@Component
public class Terminology {

    private static final Logger log = LoggerFactory.getLogger(Terminology.class);
    /**
     * Longer than any code of the systems we read (ICD-10-CM: 8, SNOMED CT: 18, LOINC: 10, RxNorm:
     * 9 characters): a longer code is no member of any value set and is not looked up.
     */
    static final int MAX_CODE_LENGTH = 64;

    static final String LOCATION = "classpath*:fhir-resources/valuesets/ValueSet-*.json";

    private final Map<String, Members> valueSets;
    private final Map<String, String> displays;
    /** The codes each value set lists, as its file spells them. */
    private final Map<String, List<String>> enumerated;
    /** Value set URLs by system, then by code. */
    private final Map<String, Map<String, Set<String>>> valueSetsByCode;
    /** Value set URLs by system, then by the code prefix of an is-a filter. */
    private final Map<String, Map<String, Set<String>>> valueSetsByPrefix;
    /** The longest is-a prefix: look-ups try prefixes up to this length only. */
    private final int longestPrefix;

    /** What the site's value sets changed, in the order of their files; empty without any. */
    private final SiteReport site;

    /** The shipped value sets alone. */
    public Terminology(FhirContext fhir) {
        this(fhir, TerminologySettings.SHIPPED);
    }

    /**
     * The shipped value sets with the site's changes ({@code cds.terminology.site-value-sets}),
     * read once, before anything looks a code up.
     *
     * @throws InvalidSiteValueSetException when the site's folder or one of its files cannot be used
     */
    @Autowired
    public Terminology(FhirContext fhir, TerminologySettings settings) {
        this(load(fhir), settings, fhir);
    }

    private Terminology(List<ValueSet> shipped, TerminologySettings settings, FhirContext fhir) {
        this(shipped, SiteValueSets.read(settings, fhir, urls(shipped)));
    }

    Terminology(List<ValueSet> valueSets) {
        this(valueSets, SiteValueSets.NONE);
    }

    Terminology(List<ValueSet> shipped, SiteValueSets siteValueSets) {
        List<ValueSet> valueSets = siteValueSets.applyTo(shipped);
        Map<String, Members> index = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        Map<String, List<String>> listed = new HashMap<>();
        for (ValueSet valueSet : valueSets) {
            index.put(valueSet.getUrl(), Members.of(valueSet));
            List<String> codes = new ArrayList<>();
            valueSet.getCompose().getInclude().forEach(include -> include.getConcept()
                    .forEach(concept -> {
                        if (concept.hasCode()) {
                            codes.add(concept.getCode());
                        }
                    }));
            listed.put(valueSet.getUrl(), List.copyOf(codes));
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
        this.enumerated = Map.copyOf(listed);
        this.valueSetsByCode = byCode(index, Members::codes);
        this.valueSetsByPrefix = byCode(index, Members::prefixes);
        this.longestPrefix = valueSetsByPrefix.values().stream()
                .flatMap(prefixes -> prefixes.keySet().stream())
                .mapToInt(String::length)
                .max()
                .orElse(0);
        this.site = SiteReport.of(siteValueSets, shipped, index);
        log.info("terminology loaded: {} value sets", index.size());
    }

    /**
     * What the site's value sets changed, for the start report: {@code site value sets from
     * /etc/cds/valuesets: [tsh: 1 code added (4 in all)]}; empty when the setting names no folder.
     */
    public Optional<String> siteReport() {
        return site.folder()
                .map(folder -> "site value sets from " + folder + ": "
                        + (site.changes().isEmpty() ? "none" : site.changes()));
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
     * The URLs of the value sets the coding is a member of: one look-up for what would take one
     * {@link #contains} per value set.
     */
    public Set<String> valueSetsOf(String system, String code) {
        if (tooLong(code)) {
            return Set.of();
        }
        String canonical = CodeSystems.canonical(system);
        String normalised = CodeSystems.normalisedCode(canonical, code);
        if (normalised.isEmpty()) {
            return Set.of();
        }
        Set<String> exact = valueSetsByCode.getOrDefault(canonical, Map.of()).getOrDefault(normalised, Set.of());
        Map<String, Set<String>> prefixes = valueSetsByPrefix.get(canonical);
        if (prefixes == null) {
            return exact;
        }
        Set<String> all = null;
        // Only prefixes as long as the longest is-a filter can match: the work per code is bounded.
        int last = Math.min(normalised.length(), longestPrefix);
        for (int end = 0; end <= last; end++) {
            Set<String> filtered = prefixes.get(normalised.substring(0, end));
            if (filtered != null) {
                if (all == null) {
                    all = new HashSet<>(exact);
                }
                all.addAll(filtered);
            }
        }
        return all == null ? exact : all;
    }

    /** The URLs of the value sets any coding of the concept is a member of. */
    public Set<String> valueSetsOf(CodeableConcept concept) {
        if (concept == null) {
            return Set.of();
        }
        List<Set<String>> byCoding = new ArrayList<>(concept.getCoding().size());
        for (Coding coding : concept.getCoding()) {
            byCoding.add(valueSetsOf(coding.getSystem(), coding.getCode()));
        }
        return union(byCoding);
    }

    /** The union of the codings' value sets: the set itself, not a copy, when one coding has any. */
    static Set<String> union(List<Set<String>> byCoding) {
        Set<String> first = Set.of();
        Set<String> all = null;
        for (Set<String> sets : byCoding) {
            if (sets.isEmpty()) {
                continue;
            }
            if (first.isEmpty()) {
                first = sets;
            } else {
                if (all == null) {
                    all = new HashSet<>(first);
                }
                all.addAll(sets);
            }
        }
        return all == null ? first : all;
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

    /** The codes the value set lists by name, as its file spells them; is-a filters are not listed. */
    public List<String> enumeratedCodes(String valueSetUrl) {
        List<String> codes = enumerated.get(valueSetUrl);
        if (codes == null) {
            throw new IllegalArgumentException("unknown value set " + valueSetUrl);
        }
        return codes;
    }

    /** Whether the code cannot be a real one; checked before any copy of the code is made. */
    static boolean tooLong(String code) {
        return code != null && code.length() > MAX_CODE_LENGTH;
    }

    public Set<String> urls() {
        return valueSets.keySet();
    }

    /** Inverts the members of each value set (codes or prefixes, by system) into value sets by code. */
    private static Map<String, Map<String, Set<String>>> byCode(
            Map<String, Members> valueSets, Function<Members, Map<String, ? extends Collection<String>>> codes) {
        Map<String, Map<String, Set<String>>> inverted = new HashMap<>();
        valueSets.forEach((url, members) -> codes.apply(members)
                .forEach((system, systemCodes) ->
                        systemCodes.forEach(code -> inverted.computeIfAbsent(system, s -> new HashMap<>())
                                .computeIfAbsent(code, c -> new HashSet<>())
                                .add(url))));
        Map<String, Map<String, Set<String>>> copy = new HashMap<>();
        inverted.forEach((system, urlsByCode) -> {
            Map<String, Set<String>> frozen = new HashMap<>();
            urlsByCode.forEach((code, urls) -> frozen.put(code, Set.copyOf(urls)));
            copy.put(system, Map.copyOf(frozen));
        });
        return Map.copyOf(copy);
    }

    private static Set<String> urls(List<ValueSet> valueSets) {
        Set<String> urls = new HashSet<>();
        valueSets.forEach(valueSet -> urls.add(valueSet.getUrl()));
        return urls;
    }

    /**
     * What a site's value sets changed: for each, its id, and its codes before and after.
     *
     * @param folder the site's folder; empty for the shipped value sets alone
     */
    private record SiteReport(Optional<Path> folder, List<String> changes) {

        static SiteReport of(SiteValueSets site, List<ValueSet> shipped, Map<String, Members> applied) {
            Map<String, ValueSet> shippedByUrl = new HashMap<>();
            shipped.forEach(valueSet -> shippedByUrl.put(valueSet.getUrl(), valueSet));
            List<String> changes = new ArrayList<>();
            for (SiteValueSets.Change change : site.changes()) {
                String id = change.url().substring(change.url().lastIndexOf('/') + 1);
                int before = Members.of(shippedByUrl.get(change.url())).size();
                int after = applied.get(change.url()).size();
                changes.add(
                        change.mode() == SiteValueSets.Mode.REPLACE
                                ? id + ": replaced, " + codes(after) + " (" + before + " shipped)"
                                : id + ": " + codes(after - before) + " added (" + after + " in all)");
            }
            return new SiteReport(site.folder(), List.copyOf(changes));
        }

        private static String codes(int count) {
            return count + (count == 1 ? " code" : " codes");
        }
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

    /**
     * One value set: its codes by system, and the code prefixes of its is-a filters by system.
     * Codes are kept normalised ({@link CodeSystems#normalisedCode}).
     */
    private record Members(Map<String, Set<String>> codes, Map<String, List<String>> prefixes) {

        static Members of(ValueSet valueSet) {
            Map<String, Set<String>> codes = new HashMap<>();
            Map<String, List<String>> prefixes = new HashMap<>();
            for (var include : valueSet.getCompose().getInclude()) {
                String system = CodeSystems.canonical(include.getSystem());
                for (var concept : include.getConcept()) {
                    codes.computeIfAbsent(system, s -> new HashSet<>())
                            .add(CodeSystems.normalisedCode(system, concept.getCode()));
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
            Map<String, Set<String>> frozen = new HashMap<>();
            codes.forEach((system, systemCodes) -> frozen.put(system, Set.copyOf(systemCodes)));
            return new Members(Map.copyOf(frozen), Map.copyOf(prefixes));
        }

        // Two look-ups by strings the parser made, whose hashes are computed once: no key string
        // is built for each test.
        boolean contains(String system, String code) {
            if (tooLong(code)) {
                return false;
            }
            String canonical = CodeSystems.canonical(system);
            String normalised = CodeSystems.normalisedCode(canonical, code);
            if (normalised.isEmpty()) {
                return false;
            }
            if (codes.getOrDefault(canonical, Set.of()).contains(normalised)) {
                return true;
            }
            for (String prefix : prefixes.getOrDefault(canonical, List.of())) {
                if (normalised.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        }

        /** Its codes and is-a filters, each counted once. */
        int size() {
            return codes.values().stream().mapToInt(Set::size).sum()
                    + prefixes.values().stream().mapToInt(List::size).sum();
        }

        static String key(String system, String code) {
            return system + '|' + code;
        }
    }
}
