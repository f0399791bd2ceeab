package org.rplcds.facts;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParserErrorHandler;
import ca.uhn.fhir.parser.StrictErrorHandler;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * A site's own codes for the shipped value sets, read once at start from the folder
 * {@code cds.terminology.site-value-sets} names. Every {@code *.json} file there is a FHIR R4
 * ValueSet that names one shipped value set by its canonical {@code url} and adds the codes of its
 * {@code compose.include[].concept}, each in the system of its include (the site's own, such as
 * {@code http://hospital.example.org/lab-codes}, or any other), or replaces the shipped set's codes
 * with them when its {@link #MODE} extension says {@code replace}. A file the service cannot use
 * stops the start, naming the file and what is wrong: a site code left out without a word would
 * leave the results it codes unread.
 */
final class SiteValueSets {

    /**
     * The extension on a site's ValueSet that says what it does to the shipped one: {@code add}
     * (the default) or {@code replace}.
     */
    static final String MODE = "http://recurrent-miscarriage-cds.org/fhir/StructureDefinition/site-value-set-mode";

    /** The shipped value sets alone. */
    static final SiteValueSets NONE = new SiteValueSets(Optional.empty(), List.of());

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Characters a FHIR token search reads as separators ({@code code=a,b}, {@code system|code})
     * or escapes: a code holding one could not be asked for in a {@code code=} filter.
     * FHIR R4 Search, "Escaping Search Parameters": https://hl7.org/fhir/R4/search.html#escaping
     */
    private static final String SEARCH_SEPARATORS = ",|$\\";

    /** What a site's file does to the shipped value set. */
    enum Mode {
        ADD,
        REPLACE;

        /** The extension's {@code valueCode}. */
        String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One site file.
     *
     * @param file the file's name in the folder
     * @param url the canonical URL of the shipped value set it changes
     * @param compose the codes it adds, or keeps instead of the shipped ones
     */
    record Change(String file, String url, Mode mode, ValueSet.ValueSetComposeComponent compose) {}

    private final Optional<Path> folder;
    private final List<Change> changes;

    private SiteValueSets(Optional<Path> folder, List<Change> changes) {
        this.folder = folder;
        this.changes = List.copyOf(changes);
    }

    /** The folder the changes were read from; empty for the shipped value sets alone. */
    Optional<Path> folder() {
        return folder;
    }

    /** The site's changes, in the order of their files' names. */
    List<Change> changes() {
        return changes;
    }

    /**
     * The site's files in the folder the settings name, checked against the shipped value sets.
     *
     * @param shipped the canonical URLs of the shipped value sets
     * @throws InvalidSiteValueSetException when the folder or a file in it cannot be used
     */
    static SiteValueSets read(TerminologySettings settings, FhirContext fhir, Set<String> shipped) {
        Optional<String> setting = settings.siteFolder();
        if (setting.isEmpty()) {
            return NONE;
        }
        Path folder;
        try {
            folder = Path.of(setting.get()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new InvalidSiteValueSetException(setting.get(), null, "is not a path: " + e.getReason());
        }
        String shown = folder.toString();
        if (!Files.exists(folder)) {
            throw new InvalidSiteValueSetException(shown, null, "no such folder");
        }
        if (!Files.isDirectory(folder)) {
            throw new InvalidSiteValueSetException(shown, null, "is a file, not a folder");
        }
        List<Path> files;
        try (Stream<Path> listed = Files.list(folder)) {
            files = listed.filter(SiteValueSets::isValueSetFile).sorted().toList();
        } catch (IOException e) {
            throw new InvalidSiteValueSetException(shown, null, "the folder cannot be read (" + reason(e) + ")");
        }
        var parser = fhir.newJsonParser().setParserErrorHandler(STRICT);
        List<Change> changes = new ArrayList<>();
        Map<String, String> fileByUrl = new HashMap<>();
        for (Path file : files) {
            Change change = new FileCheck(shown, file.getFileName().toString()).read(file, parser, shipped);
            String other = fileByUrl.putIfAbsent(change.url(), change.file());
            if (other != null) {
                throw new InvalidSiteValueSetException(
                        shown,
                        change.file(),
                        "changes " + change.url() + " as " + other + " does: one file a value set");
            }
            changes.add(change);
        }
        return new SiteValueSets(Optional.of(folder), changes);
    }

    /** The shipped value sets, each with the site's change made to a copy of it. */
    List<ValueSet> applyTo(List<ValueSet> shipped) {
        Map<String, Change> byUrl = new HashMap<>();
        changes.forEach(change -> byUrl.put(change.url(), change));
        List<ValueSet> applied = new ArrayList<>(shipped.size());
        for (ValueSet valueSet : shipped) {
            Change change = byUrl.get(valueSet.getUrl());
            if (change == null) {
                applied.add(valueSet);
                continue;
            }
            ValueSet changed = valueSet.copy();
            if (change.mode() == Mode.REPLACE) {
                changed.setCompose(change.compose().copy());
            } else {
                change.compose().getInclude().forEach(include -> changed.getCompose()
                        .addInclude(include.copy()));
            }
            applied.add(changed);
        }
        return applied;
    }

    /** A JSON file, not hidden: an editor's backup or a README beside the files is not read. */
    private static boolean isValueSetFile(Path path) {
        String name = path.getFileName().toString();
        return !name.startsWith(".") && name.toLowerCase(Locale.ROOT).endsWith(".json") && Files.isRegularFile(path);
    }

    private static String reason(IOException e) {
        return e instanceof AccessDeniedException
                ? "permission denied"
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /**
     * HAPI's strict handler: an element FHIR does not have ({@code "concepts"}) is refused rather
     * than dropped, so that a misspelt file is heard of; a missing {@code status}, which nothing
     * here reads, is let pass.
     */
    private static final IParserErrorHandler STRICT = new StrictErrorHandler() {
        @Override
        public void missingRequiredElement(IParseLocation location, String elementName) {}
    };

    /** The checks of one file, each failure naming it. */
    private record FileCheck(String folder, String file) {

        Change read(Path path, ca.uhn.fhir.parser.IParser parser, Set<String> shipped) {
            String text;
            try {
                text = Files.readString(path, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw refused("cannot be read (" + reason(e) + ")");
            }
            JsonNode tree;
            try {
                tree = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                JsonLocation at = e.getLocation();
                throw refused("is not JSON"
                        + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
            }
            if (tree == null || tree.isMissingNode()) {
                throw refused("is empty");
            }
            if (!tree.isObject() || !tree.path("resourceType").isTextual()) {
                throw refused("is not a FHIR ValueSet: it has no resourceType");
            }
            String type = tree.get("resourceType").asText();
            if (!"ValueSet".equals(type)) {
                throw refused("is not a FHIR ValueSet: its resourceType is " + type);
            }
            ValueSet valueSet;
            try {
                valueSet = parser.parseResource(ValueSet.class, text);
            } catch (DataFormatException e) {
                throw refused("is not a FHIR R4 ValueSet: " + hapiMessage(e));
            }
            if (!valueSet.hasUrl() || valueSet.getUrl().isBlank()) {
                throw refused("has no url: name the shipped value set it changes by its url (" + ValueSets.BASE
                        + "<id>, as fhir-resources/valuesets/ValueSet-<id>.json gives it)");
            }
            String url = valueSet.getUrl().trim();
            if (!shipped.contains(url)) {
                throw refused("its url " + url + " is none of the shipped value sets (" + ValueSets.BASE
                        + "<id>, as fhir-resources/valuesets/ValueSet-<id>.json gives it)");
            }
            Mode mode = mode(valueSet);
            checkCompose(valueSet.getCompose());
            return new Change(file, url, mode, valueSet.getCompose());
        }

        private Mode mode(ValueSet valueSet) {
            List<Extension> modes = valueSet.getExtensionsByUrl(MODE);
            if (modes.isEmpty()) {
                return Mode.ADD;
            }
            if (modes.size() > 1) {
                throw refused("says its mode more than once");
            }
            String code = modes.get(0).getValue() instanceof CodeType value ? value.getValue() : null;
            for (Mode mode : Mode.values()) {
                if (mode.code().equals(code)) {
                    return mode;
                }
            }
            throw refused("its mode extension must have valueCode add or replace");
        }

        private void checkCompose(ValueSet.ValueSetComposeComponent compose) {
            if (compose.hasExclude()) {
                throw refused("compose.exclude is not read: to leave shipped codes out, replace the set (mode"
                        + " replace) with the codes it keeps");
            }
            int codes = 0;
            List<ValueSet.ConceptSetComponent> includes = compose.getInclude();
            for (int i = 0; i < includes.size(); i++) {
                ValueSet.ConceptSetComponent include = includes.get(i);
                String at = "compose.include[" + i + "]";
                if (include.hasValueSet()) {
                    throw refused(at + ".valueSet is not read: list the codes themselves");
                }
                if (!include.hasSystem() || include.getSystem().isBlank()) {
                    throw refused(at + " has no system: every code is read in its system");
                }
                String system = CodeSystems.canonical(include.getSystem());
                for (int f = 0; f < include.getFilter().size(); f++) {
                    var filter = include.getFilter().get(f);
                    boolean supported = CodeSystems.ICD10CM.equals(system)
                            && "concept".equals(filter.getProperty())
                            && filter.getOp() == ValueSet.FilterOperator.ISA
                            && filter.hasValue();
                    if (!supported) {
                        throw refused(at + ".filter[" + f + "]: only ICD-10-CM is-a filters are read");
                    }
                    codes++;
                }
                List<ValueSet.ConceptReferenceComponent> concepts = include.getConcept();
                for (int c = 0; c < concepts.size(); c++) {
                    checkCode(at + ".concept[" + c + "]", concepts.get(c).getCode());
                    codes++;
                }
            }
            if (codes == 0) {
                throw refused("lists no codes: compose.include[].concept holds them, each include with its system");
            }
        }

        private void checkCode(String at, String code) {
            if (code == null || code.isBlank()) {
                throw refused(at + " has no code");
            }
            if (Terminology.tooLong(code)) {
                throw refused(at + ": the code is longer than " + Terminology.MAX_CODE_LENGTH
                        + " characters, longer than any code read");
            }
            for (char separator : SEARCH_SEPARATORS.toCharArray()) {
                if (code.indexOf(separator) >= 0) {
                    throw refused(at + ": the code " + code + " holds '" + separator
                            + "', which a FHIR search reads as a separator");
                }
            }
        }

        private InvalidSiteValueSetException refused(String problem) {
            return new InvalidSiteValueSetException(folder, file, problem);
        }

        /** HAPI's message on one line, without its message number, at most 200 characters. */
        private static String hapiMessage(DataFormatException e) {
            String message = String.valueOf(e.getMessage())
                    .replaceFirst("^HAPI-\\d+: ", "")
                    .lines()
                    .findFirst()
                    .orElse("");
            return message.length() <= 200 ? message : message.substring(0, 200) + "…";
        }
    }
}
