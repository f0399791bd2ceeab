/** The HTTP edge: discovery, invocation and feedback, with errors mapped to CDS Hooks status codes. */
package org.rplcds.hooks;
