package org.rplcds.system;

/**
 * What the client check tells the rest of a request, as servlet request attributes: the check
 * lives in one package, and nothing else needs its types to read what it decided.
 */
public final class ClientAttributes {

    /**
     * The {@code fhirServer} base URLs the verified client may name, as a {@code List<String>}
     * (empty: any public https server). Absent when client tokens are not checked.
     */
    public static final String FHIR_SERVERS = "org.rplcds.client.fhir-servers";

    /**
     * The verified client's {@code iss}, for the log and the audit trail. Absent when client tokens
     * are not checked.
     */
    public static final String ISSUER = "org.rplcds.client.issuer";

    /** The verified client's {@code sub}, for the audit trail, when its token has one. */
    public static final String SUBJECT = "org.rplcds.client.subject";

    private ClientAttributes() {}
}
