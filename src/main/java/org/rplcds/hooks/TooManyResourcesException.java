package org.rplcds.hooks;

/** The prefetch holds more resources than the service accepts: 413. */
class TooManyResourcesException extends RuntimeException {

    TooManyResourcesException(int limit) {
        this("prefetch holds more than " + limit + " resources");
    }

    TooManyResourcesException(String message) {
        super(message);
    }
}
