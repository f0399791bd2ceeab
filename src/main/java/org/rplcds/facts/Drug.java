package org.rplcds.facts;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/**
 * Medicines the rules look for, each naming its value set, if it has one, by the id of its file
 * ({@code fhir-resources/valuesets/ValueSet-<id>.json}). RxNorm product codes are many and change, so therapy is matched
 * by ingredient: a code of the value set, or the ingredient's name in the coding display or text
 * (with exclusions: "progesterone" is not "medroxyprogesterone").
 */
public enum Drug {
    PROGESTERONE(
            "progesterone",
            "progesterone",
            List.of("progesterone"),
            List.of("medroxyprogesterone", "hydroxyprogesterone")),
    LEVOTHYROXINE("levothyroxine", "levothyroxine", List.of("levothyroxine", "thyroxine"), List.of()),
    ASPIRIN("aspirin", "aspirin", List.of("aspirin", "acetylsalicylic"), List.of()),
    HEPARIN("heparin", "heparin", List.of("enoxaparin", "dalteparin", "tinzaparin", "heparin"), List.of()),
    /**
     * Vitamin K antagonists and direct oral anticoagulants, by ingredient code or by name (brand
     * names included, each standing for its ingredient: {@link #ingredient}).
     */
    ORAL_ANTICOAGULANT(
            "oral anticoagulant",
            "oral-anticoagulant",
            List.of(
                    "warfarin",
                    "coumadin",
                    "jantoven",
                    "marevan",
                    "acenocoumarol",
                    "sintrom",
                    "phenprocoumon",
                    "marcumar",
                    "apixaban",
                    "eliquis",
                    "rivaroxaban",
                    "xarelto",
                    "dabigatran",
                    "pradaxa",
                    "edoxaban",
                    "savaysa",
                    "lixiana"),
            List.of()),
    /**
     * Systemic glucocorticoids given for recurrent pregnancy loss without evidence; betamethasone,
     * for fetal lung maturity, is never one ({@link #never()}).
     */
    GLUCOCORTICOID(
            "glucocorticoid",
            "glucocorticoid",
            List.of("prednisolone", "prednisone", "methylprednisolone", "dexamethasone", "hydrocortisone"),
            List.of(),
            "not-rpl-glucocorticoid",
            List.of("betamethasone", "celestone")),
    /** Human chorionic gonadotropin, by name: no code in the verified catalogue. */
    HCG(
            "hCG",
            null,
            List.of(
                    "chorionic gonadotropin",
                    "chorionic gonadotrophin",
                    "choriogonadotropin alfa",
                    "hcg",
                    "pregnyl",
                    "novarel",
                    "ovidrel",
                    "ovitrelle"),
            List.of()),
    /** Granulocyte colony-stimulating factors. */
    G_CSF(
            "G-CSF",
            "g-csf",
            List.of(
                    "filgrastim",
                    "pegfilgrastim",
                    "lenograstim",
                    "lipegfilgrastim",
                    "tbo-filgrastim",
                    "g-csf",
                    "neupogen",
                    "neulasta",
                    "zarxio",
                    "granix"),
            List.of()),
    IRON("iron", "oral-iron", List.of("ferrous", "ferric", "iron"), List.of()),
    DOPAMINE_AGONIST("dopamine agonist", null, List.of("cabergoline", "bromocriptine", "quinagolide"), List.of()),
    ANTIBIOTIC(
            "antibiotic",
            "sti-antibiotic",
            List.of(
                    "azithromycin",
                    "doxycycline",
                    "ceftriaxone",
                    "metronidazole",
                    "clindamycin",
                    "erythromycin",
                    "amoxicillin",
                    "moxifloxacin",
                    "cefixime",
                    "tinidazole"),
            List.of()),
    /**
     * Immunotherapy given for recurrent pregnancy loss, on an explicit list: intravenous immune
     * globulin, lymphocyte immunotherapy, Intralipid (never when the order says parenteral
     * nutrition). "Immune globulin", "immunoglobulin",
     * "globulin" or "lymphocyte" alone never match; anti-D, the hyperimmune globulins and
     * anti-thymocyte globulin are never it ({@link #never()}), whatever the route.
     */
    IMMUNOTHERAPY(
            "immunotherapy",
            "low-value-rpl-treatment",
            List.of(
                    "ivig",
                    "igiv",
                    "immune globulin intravenous",
                    "immune globulin iv",
                    "intravenous immune globulin",
                    "intravenous immunoglobulin",
                    "lymphocyte immunotherapy",
                    "lymphocyte immunisation",
                    "lymphocyte immunization",
                    "paternal lymphocyte",
                    "paternal lymphocytes",
                    "intralipid"),
            List.of(),
            "not-rpl-immunotherapy",
            List.of(
                    "rho(d)",
                    "rhod",
                    "anti-d",
                    "rhogam",
                    "rhophylac",
                    "winrho",
                    "hyperrho",
                    "varicella",
                    "varizig",
                    "zoster",
                    "hepatitis b",
                    "hbig",
                    "tetanus",
                    "rabies",
                    "cytomegalovirus",
                    "cmv",
                    "rsv",
                    "respiratory syncytial",
                    "vaccinia",
                    "anthrax",
                    "botulism",
                    "anti-thymocyte",
                    "antithymocyte",
                    "thymoglobulin",
                    "atgam",
                    "subcutaneous",
                    "intramuscular",
                    "vaccine"));

    private final String label;
    private final String valueSet;
    /** The names as whole words, the earliest in a text found first. */
    private final Pattern wholeNames;

    private final List<String> exclusions;

    private final String neverValueSet;
    private final List<String> neverNames;

    Drug(String label, String valueSetId, List<String> names, List<String> exclusions) {
        this(label, valueSetId, names, exclusions, null, List.of());
    }

    Drug(
            String label,
            String valueSetId,
            List<String> names,
            List<String> exclusions,
            String neverValueSetId,
            List<String> neverNames) {
        this.label = label;
        this.valueSet = valueSetId == null ? null : ValueSets.BASE + valueSetId;
        this.wholeNames =
                Pattern.compile(names.stream().map(Pattern::quote).collect(Collectors.joining("|", "\\b(?:", ")\\b")));
        this.exclusions = exclusions;
        this.neverValueSet = neverValueSetId == null ? null : ValueSets.BASE + neverValueSetId;
        this.neverNames = neverNames;
    }

    /**
     * The value set of products that are never this drug, checked before any match and winning
     * over it; null where there is none.
     */
    public String never() {
        return neverValueSet;
    }

    List<String> neverNames() {
        return neverNames;
    }

    public String label() {
        return label;
    }

    /** The canonical URL of the value set of codes, or null where only names are known. */
    public String valueSet() {
        return valueSet;
    }

    /** The drug's names as whole words, for reading it from a prescription's words. */
    Pattern wholeNames() {
        return wholeNames;
    }

    /** Brand names, each standing for its ingredient. */
    private static final Map<String, String> BRANDS = Map.ofEntries(
            Map.entry("coumadin", "warfarin"),
            Map.entry("jantoven", "warfarin"),
            Map.entry("marevan", "warfarin"),
            Map.entry("sintrom", "acenocoumarol"),
            Map.entry("marcumar", "phenprocoumon"),
            Map.entry("eliquis", "apixaban"),
            Map.entry("xarelto", "rivaroxaban"),
            Map.entry("pradaxa", "dabigatran"),
            Map.entry("savaysa", "edoxaban"),
            Map.entry("lixiana", "edoxaban"));

    /** RxNorm ingredient codes of oral anticoagulants (the value set {@code oral-anticoagulant}). */
    private static final Map<String, String> INGREDIENT_CODES = Map.of(
            "11289", "warfarin",
            "1364430", "apixaban",
            "1114195", "rivaroxaban",
            "1037042", "dabigatran",
            "1599543", "edoxaban",
            "1599551", "edoxaban",
            "1599555", "edoxaban");

    /**
     * The ingredient a prescription of this drug names, lower case: the first of the drug's names
     * in its words (a brand name gives its ingredient), else its RxNorm ingredient code, else the
     * drug's label.
     */
    String ingredient(String text, CodeableConcept concept) {
        Matcher found = wholeNames.matcher(text.toLowerCase(Locale.ROOT));
        if (found.find()) {
            return BRANDS.getOrDefault(found.group(), found.group());
        }
        for (Coding coding : concept.getCoding()) {
            String ingredient = INGREDIENT_CODES.get(coding.getCode());
            if (ingredient != null && CodeSystems.RXNORM.equals(coding.getSystem())) {
                return ingredient;
            }
        }
        return label;
    }

    List<String> exclusions() {
        return exclusions;
    }
}
