package org.rplcds.support.ehr;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.hl7.fhir.r4.model.Coding;

/**
 * One value of a token search parameter. FHIR R4 search.html#token: {@code code} matches any
 * system, {@code system|code} that system only, {@code |code} a coding without a system; a comma
 * separates values any one of which may match (search.html#combining).
 *
 * @param system {@code null} for any system, empty for no system
 */
record Token(String system, String code) {

    static List<Token> list(String value) {
        List<Token> tokens = new ArrayList<>();
        for (String one : value.split(",", -1)) {
            int bar = one.indexOf('|');
            tokens.add(bar < 0 ? new Token(null, one) : new Token(one.substring(0, bar), one.substring(bar + 1)));
        }
        return tokens;
    }

    boolean matches(Coding coding) {
        if (!code.equals(coding.getCode())) {
            return false;
        }
        if (system == null) {
            return true;
        }
        return system.isEmpty() ? !coding.hasSystem() : system.equals(coding.getSystem());
    }

    /** A plain code, as for {@code status} or {@code intent}: the system, if any, is not checked. */
    boolean matches(String value) {
        return code.equals(value);
    }

    static boolean anyMatches(List<Token> tokens, Collection<Coding> codings) {
        return tokens.stream().anyMatch(t -> codings.stream().anyMatch(t::matches));
    }

    static boolean anyMatchesCode(List<Token> tokens, String value) {
        return value != null && tokens.stream().anyMatch(t -> t.matches(value));
    }
}
