package org.rplcds.hooks;

/** The request names a service this deployment does not offer: 404. */
class UnknownServiceException extends RuntimeException {

    UnknownServiceException(String id) {
        super("no CDS service with id '" + Sanitise.forMessage(id) + "'");
    }
}
