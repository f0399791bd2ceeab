package org.rplcds.facts;

/** How a pregnancy ended, as far as the record tells. */
public enum LossKind {
    /** A spontaneous miscarriage before the viability limit: counts toward RPL. */
    SPONTANEOUS,
    /** A loss after a positive hCG only: counts where the profile counts biochemical losses. */
    BIOCHEMICAL,
    /** Never counts, never breaks a run. */
    INDUCED,
    /** Never counts, never breaks a run. */
    ECTOPIC,
    /** Never counts, never breaks a run. */
    MOLAR,
    /** A stillbirth or a loss at or past the viability limit: not a miscarriage. */
    FETAL_DEATH,
    /** A delivery with a live-born child: breaks a consecutive run of losses. */
    LIVE_BIRTH
}
