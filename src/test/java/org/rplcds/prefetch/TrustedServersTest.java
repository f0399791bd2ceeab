package org.rplcds.prefetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rplcds.support.PrivateCa;
import org.rplcds.system.CdsProperties;
import org.springframework.util.unit.DataSize;

@DisplayName("The trust store of FHIR servers (cds.fallback.trust-store)")
class TrustedServersTest {

    @TempDir
    Path folder;

    static CdsProperties.Fallback with(String trustStore, String password) {
        return new CdsProperties.Fallback(
                Duration.ofSeconds(1),
                Duration.ofSeconds(2),
                1000,
                32,
                5000,
                DataSize.ofMegabytes(16),
                CdsProperties.OnIncomplete.STATUS,
                Duration.ofHours(1),
                200,
                trustStore,
                password,
                "PKCS12");
    }

    @Test
    @DisplayName("Should use the JVM's trust store alone when none is set")
    void jvmsAlone() throws Exception {
        assertThat(TrustedServers.context(with(null, null))).isSameAs(SSLContext.getDefault());
    }

    @Test
    @DisplayName("Should stop the start naming the setting for a missing file, a wrong password and an empty store")
    void refusesWhatItCannotUse() throws Exception {
        PrivateCa ca = PrivateCa.make(folder);
        assertThatThrownBy(() ->
                        TrustedServers.context(with(folder.resolve("none.p12").toString(), null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cds.fallback.trust-store: ")
                .hasMessageContaining("not a file");
        assertThatThrownBy(() -> TrustedServers.context(with(ca.trustStore().toString(), "wrong")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("password is wrong");
        Path text = Files.writeString(folder.resolve("notes.p12"), "not a key store");
        assertThatThrownBy(() -> TrustedServers.context(with(text.toString(), PrivateCa.PASSWORD)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cds.fallback.trust-store: ");
        assertThat(TrustedServers.context(with(ca.trustStore().toString(), PrivateCa.PASSWORD)))
                .isNotSameAs(SSLContext.getDefault());
    }
}
