package org.rplcds.facts;

import java.util.List;

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
    IRON("iron", "oral-iron", List.of("ferrous", "ferric", "iron"), List.of()),
    DOPAMINE_AGONIST("dopamine agonist", null, List.of("cabergoline", "bromocriptine", "quinagolide"), List.of()),
    ANTIBIOTIC(
            "antibiotic",
            null,
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
    IMMUNOTHERAPY(
            "immunotherapy",
            null,
            List.of("immune globulin", "immunoglobulin", "ivig", "lymphocyte immunotherapy", "intralipid"),
            List.of());

    private final String label;
    private final String valueSet;
    private final List<String> names;
    private final List<String> exclusions;

    Drug(String label, String valueSetId, List<String> names, List<String> exclusions) {
        this.label = label;
        this.valueSet = valueSetId == null ? null : ValueSets.BASE + valueSetId;
        this.names = names;
        this.exclusions = exclusions;
    }

    public String label() {
        return label;
    }

    /** The canonical URL of the value set of codes, or null where only names are known. */
    public String valueSet() {
        return valueSet;
    }

    List<String> names() {
        return names;
    }

    List<String> exclusions() {
        return exclusions;
    }
}
