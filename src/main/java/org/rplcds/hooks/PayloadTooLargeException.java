package org.rplcds.hooks;

import java.io.IOException;

/** The request is larger than the service accepts: 413. */
class PayloadTooLargeException extends IOException {

    PayloadTooLargeException(String message) {
        super(message, null);
    }
}
