package org.rplcds.support;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A certificate authority of a hospital's own, made in the test with the JDK's keytool: a server
 * certificate for 127.0.0.1 signed by it (the server's PKCS12 key store) and a trust store holding
 * the authority alone, as a site would give the service.
 *
 * @param serverKeyStore the FHIR server's key and chain
 * @param trustStore the authority's certificate, nothing else
 */
public record PrivateCa(Path serverKeyStore, Path trustStore) {

    public static final String PASSWORD = "changeit";

    /** A new authority and a server certificate it signed, in {@code folder}. */
    public static PrivateCa make(Path folder) throws IOException, InterruptedException {
        String ca = folder.resolve("ca.p12").toString();
        String server = folder.resolve("server.p12").toString();
        String trust = folder.resolve("trust.p12").toString();
        keytool(
                "-genkeypair",
                "-alias",
                "ca",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=Test Hospital Root CA",
                "-ext",
                "bc:c",
                "-validity",
                "3",
                "-keystore",
                ca,
                "-storetype",
                "PKCS12",
                "-storepass",
                PASSWORD);
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "ca",
                "-keystore",
                ca,
                "-storepass",
                PASSWORD,
                "-file",
                folder.resolve("ca.crt").toString());
        keytool(
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=127.0.0.1",
                "-validity",
                "3",
                "-keystore",
                server,
                "-storetype",
                "PKCS12",
                "-storepass",
                PASSWORD);
        keytool(
                "-certreq",
                "-alias",
                "server",
                "-keystore",
                server,
                "-storepass",
                PASSWORD,
                "-file",
                folder.resolve("server.csr").toString());
        keytool(
                "-gencert",
                "-rfc",
                "-alias",
                "ca",
                "-keystore",
                ca,
                "-storepass",
                PASSWORD,
                "-infile",
                folder.resolve("server.csr").toString(),
                "-outfile",
                folder.resolve("server.crt").toString(),
                "-ext",
                "san=ip:127.0.0.1,dns:localhost",
                "-ext",
                "eku=serverAuth",
                "-validity",
                "3");
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                "ca",
                "-file",
                folder.resolve("ca.crt").toString(),
                "-keystore",
                server,
                "-storepass",
                PASSWORD);
        keytool(
                "-importcert",
                "-alias",
                "server",
                "-file",
                folder.resolve("server.crt").toString(),
                "-keystore",
                server,
                "-storepass",
                PASSWORD);
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                "hospital-ca",
                "-file",
                folder.resolve("ca.crt").toString(),
                "-keystore",
                trust,
                "-storetype",
                "PKCS12",
                "-storepass",
                PASSWORD);
        return new PrivateCa(Path.of(server), Path.of(trust));
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException("keytool " + String.join(" ", arguments) + ": " + output);
        }
    }
}
