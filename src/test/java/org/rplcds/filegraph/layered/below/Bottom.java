package org.rplcds.filegraph.layered.below;

/** The bottom floor. */
public class Bottom {

    public int floor() {
        return 0;
    }
}
