/**
 * The HTTP edge and the services behind it: discovery, the service of each hook with the pipeline
 * a call runs down once, feedback, and errors mapped to CDS Hooks status codes.
 */
package org.rplcds.hooks;
