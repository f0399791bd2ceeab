package org.rplcds.prefetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("FhirServerPolicy")
class FhirServerPolicyTest {

    /** Every host resolves to this address: no name is looked up in these tests. */
    static FhirServerPolicy resolvingTo(String address) {
        return new FhirServerPolicy(host -> new InetAddress[] {InetAddress.getByName(address)});
    }

    static final Optional<List<String>> ANY_PUBLIC = Optional.of(List.of());

    @Test
    @DisplayName("Should read any server when client tokens are not checked, as in the demo")
    void readsAnythingWithoutTokens() {
        assertThat(resolvingTo("127.0.0.1").refusal(URI.create("http://localhost:8080/fhir"), Optional.empty()))
                .isEmpty();
    }

    @Nested
    @DisplayName("for a client without a list")
    class WithoutAList {

        @Test
        @DisplayName("Should read an https server at a public address")
        void readsPublicHttps() {
            assertThat(resolvingTo("93.184.216.34").refusal(URI.create("https://ehr.example.org/fhir"), ANY_PUBLIC))
                    .isEmpty();
        }

        @Test
        @DisplayName("Should refuse plain http, even at a public address")
        void refusesHttp() {
            assertThat(resolvingTo("93.184.216.34").refusal(URI.create("http://ehr.example.org/fhir"), ANY_PUBLIC))
                    .contains("fhirServer is not an https URL");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(
                strings = {
                    "127.0.0.1",
                    "10.1.2.3",
                    "172.16.0.9",
                    "192.168.1.1",
                    "169.254.169.254",
                    "100.64.0.1",
                    "0.0.0.0",
                    "::1",
                    "fe80::1",
                    "fd00::1"
                })
        @DisplayName("Should refuse a name that resolves to a private, loopback or link-local address")
        void refusesPrivateAddresses(String address) {
            assertThat(resolvingTo(address).refusal(URI.create("https://ehr.example.org/fhir"), ANY_PUBLIC))
                    .contains("fhirServer resolves to a private, loopback or link-local address");
        }

        @Test
        @DisplayName("Should refuse a URL with user information")
        void refusesUserInfo() {
            assertThat(resolvingTo("93.184.216.34")
                            .refusal(URI.create("https://user@ehr.example.org/fhir"), ANY_PUBLIC))
                    .contains("fhirServer is not a plain https base URL");
        }
    }

    @Nested
    @DisplayName("for a client with a list")
    class WithAList {

        final Optional<List<String>> listed = Optional.of(List.of("https://fhir.internal.example.org/r4"));

        @ParameterizedTest(name = "{0}")
        @ValueSource(
                strings = {
                    "https://fhir.internal.example.org/r4",
                    "https://FHIR.internal.example.org:443/r4/",
                    "https://fhir.internal.example.org/r4/tenant-a"
                })
        @DisplayName("Should read a listed server, even at a private address")
        void readsListed(String server) {
            assertThat(resolvingTo("10.0.0.5").refusal(URI.create(server), listed))
                    .isEmpty();
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(
                strings = {
                    "https://fhir.internal.example.org/r4x",
                    "https://fhir.internal.example.org:8443/r4",
                    "https://fhir.internal.example.org.attacker.example/r4",
                    "https://fhir.internal.example.org/r4/../admin",
                    "https://fhir.internal.example.org/"
                })
        @DisplayName("Should refuse a server the list does not name")
        void refusesUnlisted(String server) {
            assertThat(resolvingTo("10.0.0.5").refusal(URI.create(server), listed))
                    .contains("fhirServer is not on the client's fhir-servers list");
        }
    }
}
