package org.rplcds.facts;

import java.util.List;

/**
 * Medicines the rules look for. RxNorm product codes are many and change, so therapy is matched
 * by ingredient: a code of the value set, or the ingredient's name in the coding display or text
 * (with exclusions: "progesterone" is not "medroxyprogesterone").
 */
public enum Drug {
    PROGESTERONE(
            "progesterone",
            ValueSets.PROGESTERONE,
            List.of("progesterone"),
            List.of("medroxyprogesterone", "hydroxyprogesterone")),
    LEVOTHYROXINE("levothyroxine", ValueSets.LEVOTHYROXINE, List.of("levothyroxine", "thyroxine"), List.of()),
    ASPIRIN("aspirin", ValueSets.ASPIRIN, List.of("aspirin", "acetylsalicylic"), List.of()),
    HEPARIN("heparin", ValueSets.HEPARIN, List.of("enoxaparin", "dalteparin", "tinzaparin", "heparin"), List.of()),
    IRON("iron", ValueSets.ORAL_IRON, List.of("ferrous", "ferric", "iron"), List.of()),
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

    Drug(String label, String valueSet, List<String> names, List<String> exclusions) {
        this.label = label;
        this.valueSet = valueSet;
        this.names = names;
        this.exclusions = exclusions;
    }

    public String label() {
        return label;
    }

    /** The value set of codes, or null where only names are known. */
    String valueSet() {
        return valueSet;
    }

    List<String> names() {
        return names;
    }

    List<String> exclusions() {
        return exclusions;
    }
}
