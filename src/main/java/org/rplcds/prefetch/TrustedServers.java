package org.rplcds.prefetch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.rplcds.system.CdsProperties;

/**
 * The certificate authorities the service trusts for FHIR servers: the JVM's own, and those of the
 * site's trust store ({@code cds.fallback.trust-store}) beside them, for FHIR servers whose
 * certificates a hospital's private CA signs. A certificate either trusts is trusted; host names
 * are checked as always.
 */
final class TrustedServers {

    private TrustedServers() {}

    /**
     * The TLS context for reads of FHIR servers.
     *
     * @throws IllegalStateException naming the setting, when the site's trust store cannot be read
     */
    static SSLContext context(CdsProperties.Fallback settings) {
        try {
            if (settings.trustStore() == null || settings.trustStore().isBlank()) {
                return SSLContext.getDefault();
            }
            X509TrustManager jvm = trustManager(null);
            X509TrustManager site = trustManager(read(settings));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new Either(List.of(jvm, site))}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cds.fallback.trust-store: " + settings.trustStore() + " cannot be used ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static KeyStore read(CdsProperties.Fallback settings) throws GeneralSecurityException {
        Path file = Path.of(settings.trustStore().trim());
        if (!Files.isReadable(file)) {
            throw new IllegalStateException(
                    "cds.fallback.trust-store: " + file + " is not a file the service can read");
        }
        KeyStore store = KeyStore.getInstance(settings.trustStoreType().trim().toUpperCase(Locale.ROOT));
        char[] password = settings.trustStorePassword() == null
                ? null
                : settings.trustStorePassword().toCharArray();
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        } catch (IOException e) {
            throw new IllegalStateException("cds.fallback.trust-store: " + file + " is not a "
                    + settings.trustStoreType() + " trust store, or cds.fallback.trust-store-password is wrong");
        }
        if (store.size() == 0) {
            throw new IllegalStateException("cds.fallback.trust-store: " + file + " holds no certificate");
        }
        return store;
    }

    /** The X.509 trust manager of a store; {@code null}: the JVM's. */
    private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    /** Trusts what any of its trust managers trusts. */
    private record Either(List<X509TrustManager> managers) implements X509TrustManager {

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("the service reads FHIR servers; it authenticates no clients by TLS");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            CertificateException last = null;
            for (X509TrustManager manager : managers) {
                try {
                    manager.checkServerTrusted(chain, authType);
                    return;
                } catch (CertificateException e) {
                    last = e;
                }
            }
            throw last;
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            List<X509Certificate> issuers = new ArrayList<>();
            managers.forEach(manager -> issuers.addAll(List.of(manager.getAcceptedIssuers())));
            return issuers.toArray(X509Certificate[]::new);
        }
    }
}
