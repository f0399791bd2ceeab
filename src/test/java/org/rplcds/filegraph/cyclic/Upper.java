package org.rplcds.filegraph.cyclic;

/** A planted cycle for {@code FileGraphTest}: this file uses {@link Lower}, whose nested class uses this one. */
class Upper {

    int floor() {
        return new Lower().floor() + 1;
    }
}
