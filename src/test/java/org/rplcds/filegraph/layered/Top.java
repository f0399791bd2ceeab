package org.rplcds.filegraph.layered;

import org.rplcds.filegraph.layered.below.Bottom;

/** Three files in three floors, across a subpackage, for {@code FileGraphTest}. */
class Top {

    int floor() {
        return new Middle().floor() + new Bottom().floor();
    }
}
