package org.rplcds.rules;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whether each recommendation speaks, as the site chose it ({@code cds.rules.<id>.mode}) and as one
 * call may narrow it: not what a rule advises, only whether its card is given. A rule the map does
 * not name is on.
 *
 * @param modes the mode of each recommendation named, by id
 */
public record RuleModes(Map<String, Mode> modes) {

    /** Every recommendation on: the service as shipped. */
    public static final RuleModes ALL_ON = new RuleModes(Map.of());

    /** Whether a recommendation speaks. */
    public enum Mode {
        /** Evaluated; its card is given. */
        ON,
        /** Evaluated and counted, its card never given: to see what a rule would say before it speaks. */
        SILENT,
        /** Not evaluated. */
        OFF
    }

    public RuleModes {
        modes = Map.copyOf(modes);
    }

    /** The mode of that recommendation. */
    public Mode of(String ruleId) {
        return modes.getOrDefault(ruleId, Mode.ON);
    }

    public boolean on(String ruleId) {
        return of(ruleId) == Mode.ON;
    }

    /** The same modes with these recommendations off too, as a call asks. */
    public RuleModes off(Collection<String> ruleIds) {
        if (ruleIds.isEmpty()) {
            return this;
        }
        Map<String, Mode> narrowed = new HashMap<>(modes);
        ruleIds.forEach(id -> narrowed.put(id, Mode.OFF));
        return new RuleModes(narrowed);
    }

    /** The recommendations that are not on, with their modes, in rule order. */
    public Map<String, Mode> notOn() {
        Map<String, Mode> notOn = new TreeMap<>(modes);
        notOn.values().removeIf(mode -> mode == Mode.ON);
        return notOn;
    }
}
