package org.rplcds.filegraph.layered;

import org.rplcds.filegraph.layered.below.Bottom;

/** The middle floor. */
class Middle {

    int floor() {
        return new Bottom().floor() + 1;
    }
}
