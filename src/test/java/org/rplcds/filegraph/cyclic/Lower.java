package org.rplcds.filegraph.cyclic;

/** The other half of the planted cycle: only the nested class reaches back to {@link Upper}. */
class Lower {

    int floor() {
        return 0;
    }

    static final class Back {

        Upper up() {
            return new Upper();
        }
    }
}
