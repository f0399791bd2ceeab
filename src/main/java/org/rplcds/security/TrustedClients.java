package org.rplcds.security;

import com.nimbusds.jose.jwk.JWKSet;
import java.net.URI;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rplcds.CdsSettings;
import org.rplcds.system.Docs;
import org.rplcds.system.InvalidSettingException;
import org.rplcds.system.SettingsCheck;

/**
 * The CDS clients allowed in, checked when the service starts: an audience, at least one client,
 * each with an issuer and a way to its keys, https {@code fhirServer}s, and every pinned key set
 * read. A setting that cannot work stops the start with what to set, before the web server starts.
 */
final class TrustedClients implements SettingsCheck {

    private static final String ENVIRONMENT_EXAMPLE = "CDS_SECURITY_TRUSTEDCLIENTS_0_ISSUER=https://ehr.example.org"
            + " and CDS_SECURITY_TRUSTEDCLIENTS_0_JWKSURL=https://ehr.example.org/.well-known/jwks.json";

    private final List<CdsSettings.Security.TrustedClient> clients;
    /** Key sets pinned in the configuration, by issuer. */
    private final Map<String, JWKSet> pinned;

    TrustedClients(CdsSettings.Security settings) {
        if (settings.audience() == null || settings.audience().isBlank()) {
            throw new InvalidSettingException(
                    "cds.security.audience is not set: client tokens are checked (every profile but demo), and a"
                            + " token must name this service's external base URL as its aud",
                    "Set CDS_SECURITY_AUDIENCE=https://cds.example.org (this service's external base URL), or start"
                            + " the demo profile, where client tokens are not checked. "
                            + Docs.PROFILES.atStart() + " has a minimal production start to copy; "
                            + Docs.SECURE_IT + " explains each setting.");
        }
        if (settings.trustedClients().isEmpty()) {
            throw new InvalidSettingException(
                    "cds.security.trusted-clients is empty: no CDS client (EHR) could call the service",
                    "List each EHR by its issuer and its key set: " + ENVIRONMENT_EXAMPLE
                            + " (a list: the index comes after TRUSTEDCLIENTS), or cds.security.trusted-clients in"
                            + " the site's YAML. " + Docs.SECURE_IT.atStart()
                            + " shows both; on a closed network, cds.security.enabled=false turns the check off.");
        }
        Set<String> issuers = new HashSet<>();
        Map<String, JWKSet> keys = new HashMap<>();
        for (int i = 0; i < settings.trustedClients().size(); i++) {
            CdsSettings.Security.TrustedClient client =
                    settings.trustedClients().get(i);
            String at = "cds.security.trusted-clients[" + i + "]";
            if (client.issuer() == null || client.issuer().isBlank()) {
                throw new InvalidSettingException(
                        at + ".issuer is not set: a client is known by the iss of its tokens",
                        "Set it (CDS_SECURITY_TRUSTEDCLIENTS_" + i + "_ISSUER=https://ehr.example.org); "
                                + Docs.SECURE_IT + " shows a client's settings.");
            }
            if (!issuers.add(client.issuer())) {
                throw new InvalidSettingException(
                        at + ".issuer: " + client.issuer() + " is listed twice",
                        "List each issuer once, with all its key-set settings; " + Docs.SECURE_IT
                                + " shows a client's settings.");
            }
            boolean pins = client.jwks() != null && !client.jwks().isBlank();
            boolean fetches = client.jwksUrl() != null && !client.jwksUrl().isBlank();
            if (!pins && !fetches && client.jkuAllowlist().isEmpty()) {
                throw new InvalidSettingException(
                        at + " (" + client.issuer() + ") names no key set: none of its tokens could be verified",
                        "Give its key set's URL (CDS_SECURITY_TRUSTEDCLIENTS_" + i + "_JWKSURL), the key-set URLs its"
                                + " tokens may name in jku (jku-allowlist), or its key set pinned (jwks: a JWK Set or"
                                + " a file holding one); " + Docs.SECURE_IT + " shows each.");
            }
            if (fetches) {
                requireHttpUrl(at + ".jwks-url", client.jwksUrl());
            }
            for (int j = 0; j < client.jkuAllowlist().size(); j++) {
                requireHttpUrl(
                        at + ".jku-allowlist[" + j + "]", client.jkuAllowlist().get(j));
            }
            for (int j = 0; j < client.fhirServers().size(); j++) {
                String server = client.fhirServers().get(j);
                if (!server.regionMatches(true, 0, "https://", 0, 8)
                        || host(server).isEmpty()) {
                    throw new InvalidSettingException(
                            at + ".fhir-servers[" + j + "] of " + client.issuer() + " is not an https URL: '" + server
                                    + "'",
                            "List the base URLs of the FHIR servers its calls may name, each https"
                                    + " (https://fhir.ehr.example.org/r4); " + Docs.SECURE_IT
                                    + " says how they are matched.");
                }
            }
            if (pins) {
                keys.put(client.issuer(), PinnedKeys.read(at + ".jwks", client.issuer(), client.jwks()));
            }
        }
        this.clients = List.copyOf(settings.trustedClients());
        this.pinned = Map.copyOf(keys);
    }

    /** The client whose issuer this is, if it is trusted; none for a token without {@code iss}. */
    Optional<CdsSettings.Security.TrustedClient> client(String issuer) {
        return clients.stream().filter(c -> c.issuer().equals(issuer)).findFirst();
    }

    /** The issuers trusted, in the order the settings list them. */
    List<String> issuers() {
        return clients.stream().map(CdsSettings.Security.TrustedClient::issuer).toList();
    }

    /** The key set pinned for the issuer, if one is. */
    Optional<JWKSet> pinned(String issuer) {
        return Optional.ofNullable(pinned.get(issuer));
    }

    private static void requireHttpUrl(String setting, String url) {
        if (!(url.regionMatches(true, 0, "https://", 0, 8) || url.regionMatches(true, 0, "http://", 0, 7))
                || host(url).isEmpty()) {
            throw new InvalidSettingException(
                    setting + " is not a URL: '" + url + "'",
                    "Write the key set's whole URL (https://ehr.example.org/.well-known/jwks.json); " + Docs.SECURE_IT
                            + " shows a client's settings.");
        }
    }

    private static Optional<String> host(String url) {
        try {
            return Optional.ofNullable(URI.create(url.strip()).getHost());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
