package org.rplcds.hooks;

import com.fasterxml.jackson.databind.JsonNode;

/** A hook call's body as {@link HookBodyConverter} read it: the tree {@link HookRequest} checks. */
record HookBody(JsonNode json) {

    @Override
    public String toString() {
        // Never print the clinical content.
        return "HookBody";
    }
}
