/** The CDS client JWT check of CDS Hooks 2.0; nothing else knows about tokens. */
package org.rplcds.security;
