package org.rplcds.rules;

/**
 * How the cards speak, chosen by the site ({@code cds.ui.*}): not what is advised, only how it is
 * shown.
 *
 * @param aggregateWorkup one evaluation card for RPL-01, 02, 03, 05 and 08, or a card each
 * @param units the units values and thresholds are shown in
 */
public record Presentation(boolean aggregateWorkup, UnitSystem units) {

    /** The service's defaults: one evaluation card, conventional units. */
    public static final Presentation DEFAULT = new Presentation(true, UnitSystem.CONVENTIONAL);

    public Presentation {
        Settings.present("units", units);
    }

    /** The units of card text. */
    public enum UnitSystem {
        /** g/dL, %, ng/dL. */
        CONVENTIONAL,
        /** g/L, mmol/mol, pmol/L. */
        SI
    }

    public Presentation withAggregateWorkup(boolean aggregate) {
        return new Presentation(aggregate, units);
    }

    public Presentation withUnits(UnitSystem system) {
        return new Presentation(aggregateWorkup, system);
    }
}
