package org.rplcds.hooks;

/** What was asked for is not here: 404, with what the message says. */
class NotFoundException extends RuntimeException {

    NotFoundException(String message) {
        super(message);
    }
}
