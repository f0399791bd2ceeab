package org.rplcds.facts;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The folder of a site's value sets, or a file in it, cannot be used: the service does not start,
 * and says which file and what is wrong ({@link SiteValueSetsFailureAnalyzer}).
 */
public class InvalidSiteValueSetException extends RuntimeException {

    private final String file;

    /**
     * @param folder the folder {@code cds.terminology.site-value-sets} names
     * @param file the file in it, or {@code null} when the folder itself cannot be used
     * @param problem what is wrong, in a few words
     */
    InvalidSiteValueSetException(String folder, String file, String problem) {
        super(TerminologySettings.SITE_VALUE_SETS + ": " + (file == null ? folder : Path.of(folder, file)) + ": "
                + problem);
        this.file = file;
    }

    /** The file that cannot be used; empty when the folder itself cannot. */
    public Optional<String> file() {
        return Optional.ofNullable(file);
    }
}
