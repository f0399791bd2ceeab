package org.rplcds.facts;

import java.util.Optional;

/**
 * The terminology settings, under {@code cds.terminology.*}.
 *
 * @param siteValueSets a folder of FHIR R4 ValueSet files, each adding a site's own codes to one
 *     shipped value set or replacing it ({@link SiteValueSets}); none: the shipped value sets alone
 */
public record TerminologySettings(String siteValueSets) {

    /** The setting's name, as the start report names it. */
    public static final String SITE_VALUE_SETS = "cds.terminology.site-value-sets";

    /** The shipped value sets alone. */
    public static final TerminologySettings SHIPPED = new TerminologySettings(null);

    /** The folder of the site's value sets, as set; empty when none is. */
    Optional<String> siteFolder() {
        return Optional.ofNullable(siteValueSets).map(String::trim).filter(folder -> !folder.isEmpty());
    }
}
