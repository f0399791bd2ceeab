package org.rplcds.prefetch;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Which {@code fhirServer} the service may read, and so send a client's access token to: with
 * client tokens checked, an https server the client's allowlist names, or, when the list is empty,
 * any https server at a public address. The service is then no way into the networks it runs in.
 */
@Component
public class FhirServerPolicy {

    /** Resolves a host name; a seam for tests, the system resolver otherwise. */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Resolver resolver;

    FhirServerPolicy() {
        this(InetAddress::getAllByName);
    }

    FhirServerPolicy(Resolver resolver) {
        this.resolver = resolver;
    }

    /**
     * Why the server may not be read, if it may not.
     *
     * @param allowed the verified client's allowlist; empty when client tokens are not checked,
     *     as in the demo, where any server may be read
     */
    public Optional<String> refusal(URI server, Optional<List<String>> allowed) {
        if (allowed.isEmpty()) {
            return Optional.empty();
        }
        if (!"https".equalsIgnoreCase(server.getScheme())) {
            return Optional.of("fhirServer is not an https URL");
        }
        if (server.getHost() == null || server.getRawUserInfo() != null || server.getRawFragment() != null) {
            return Optional.of("fhirServer is not a plain https base URL");
        }
        if (!allowed.get().isEmpty()) {
            return allowed.get().stream().anyMatch(prefix -> matches(URI.create(prefix), server))
                    ? Optional.empty()
                    : Optional.of("fhirServer is not on the client's fhir-servers list");
        }
        try {
            for (InetAddress address : resolver.resolve(server.getHost())) {
                if (!isPublic(address)) {
                    return Optional.of("fhirServer resolves to a private, loopback or link-local address");
                }
            }
        } catch (UnknownHostException e) {
            return Optional.of("fhirServer host does not resolve");
        }
        return Optional.empty();
    }

    /** Same scheme, host and port, and the prefix's path is the server's or a parent of it. */
    static boolean matches(URI prefix, URI server) {
        if (!prefix.getScheme().equalsIgnoreCase(server.getScheme())
                || prefix.getHost() == null
                || !prefix.getHost().equalsIgnoreCase(server.getHost())
                || port(prefix) != port(server)) {
            return false;
        }
        String wanted = trim(prefix.normalize().getPath());
        String path = trim(server.normalize().getPath());
        return path.equals(wanted) || path.startsWith(wanted + "/");
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equals(uri.getScheme().toLowerCase(Locale.ROOT)) ? 443 : 80;
    }

    private static String trim(String path) {
        String trimmed = path == null ? "" : path;
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }

    /** Not loopback, private (RFC 1918, fc00::/7), link-local, carrier-grade NAT, multicast or unspecified. */
    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress()
                || address.isAnyLocalAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            // 100.64.0.0/10 (shared address space) and 0.0.0.0/8
            return !(first == 100 && second >= 64 && second <= 127) && first != 0;
        }
        if (address instanceof Inet6Address) {
            // fc00::/7 unique local addresses
            return (bytes[0] & 0xfe) != 0xfc;
        }
        return true;
    }
}
