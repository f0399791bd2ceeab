package org.rplcds;

import jakarta.validation.Valid;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.rplcds.audit.AuditSettings;
import org.rplcds.cards.OverrideReason;
import org.rplcds.facts.TerminologySettings;
import org.rplcds.rules.GuidelineProfile;
import org.rplcds.rules.Presentation;
import org.rplcds.system.CdsProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Every service setting under {@code cds.*}, bound in this one place and handed to the packages
 * that use it one group at a time ({@link SettingsConfiguration}). Beside the application, above
 * the layers: it holds records of the rules (the profiles, the units) and of the system (the
 * fallback), which the layers below cannot see in each other. Every value can be set from the
 * environment ({@code CDS_FALLBACK_TOTALTIMEOUT=3s}), except guideline profile values (see
 * {@code guideline-profiles.yml}). A name under {@code cds} that is none of these stops the start,
 * as does a value the annotations refuse; both are reported by their YAML names.
 *
 * @param profile the guideline profile the site chose
 * @param evaluationDate pins the date the rules evaluate on ({@code 2025-06-01}); for a test
 *     environment only
 * @param evaluationDateOutsideDemo {@code allow}: a pinned date outside the demo profile too
 * @param guidelines the guideline profiles, from {@code guideline-profiles.yml}
 * @param ui how the cards are shown
 * @param http bounds on what a client may send
 * @param fallback how the service reads missing prefetch from the client's FHIR server
 * @param security the CDS client check
 * @param demo the embedded demo FHIR server
 * @param terminology the site's own value sets
 * @param audit the audit trail of hook calls
 * @param rules each recommendation on (the default), silent or off, as {@code <id>.mode}: {@code
 *     cds.rules.RPL-16.mode=silent}; read and checked against the catalogue where the rules are
 *     built, which stops the start on an unknown id or mode, or on a former profile setting here
 */
@ConfigurationProperties(prefix = "cds", ignoreUnknownFields = false)
@Validated
public record CdsSettings(
        @DefaultValue("ESHRE2022") String profile,
        String evaluationDate,
        String evaluationDateOutsideDemo,
        @DefaultValue @Valid Guidelines guidelines,
        @DefaultValue Ui ui,
        @DefaultValue Http http,
        @DefaultValue CdsProperties.Fallback fallback,
        @DefaultValue Security security,
        @DefaultValue Demo demo,
        @DefaultValue TerminologySettings terminology,
        @DefaultValue AuditSettings audit,
        @DefaultValue Map<String, String> rules) {

    /**
     * The guideline profiles of {@code guideline-profiles.yml}, bound by name under
     * {@code cds.guidelines.profiles}. A name the profiles do not have stops the start, as does a
     * missing value.
     *
     * @param profiles each profile under its name, such as {@code ESHRE2022}
     */
    public record Guidelines(Map<String, @Valid GuidelineProfile> profiles) {

        public Guidelines {
            Map<String, GuidelineProfile> named = new LinkedHashMap<>();
            (profiles == null ? Map.<String, GuidelineProfile>of() : profiles)
                    .forEach((name, profile) -> named.put(name, profile.named(name)));
            profiles = Map.copyOf(named);
        }

        /** The profile of that name, in any case ({@code CDS_PROFILE=eshre2022} too). */
        public Optional<GuidelineProfile> named(String name) {
            return profiles.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name.trim()))
                    .map(Map.Entry::getValue)
                    .findFirst();
        }

        public List<String> names() {
            return profiles.keySet().stream().sorted().toList();
        }
    }

    /**
     * How the cards are shown (under {@code cds.ui.*}); none of these changes what is advised.
     *
     * @param aggregateWorkup one evaluation card for the RPL work-up (RPL-01, 02, 03, 05, 08), or a
     *     card each when false
     * @param units {@code conventional} (g/dL, %, ng/dL) or {@code si} (g/L, mmol/mol, pmol/L)
     * @param snoozeDays a card overridden as already addressed ({@code action-completed}, "already
     *     done", or {@code indication-order-exists}, "already ordered") stays away this many days for
     *     that patient, unless {@code snoozeDaysByReason} names the reason; 0 turns snoozing off. Other
     *     reasons snooze only when {@code snoozeDaysByReason} names them
     * @param snoozeDaysByReason days by reason, keyed by the reason's code ({@code action-completed});
     *     0 never snoozes for that reason. A key that is none of the offered reasons stops the start
     */
    public record Ui(
            @DefaultValue("true") boolean aggregateWorkup,
            @DefaultValue("conventional") Presentation.UnitSystem units,
            @DefaultValue("0") int snoozeDays,
            @DefaultValue Map<String, Integer> snoozeDaysByReason) {

        @ConstructorBinding
        public Ui {
            if (snoozeDays < 0) {
                throw new IllegalArgumentException("cds.ui.snooze-days must be 0 or more, is " + snoozeDays);
            }
            Map<String, Integer> byCode = new TreeMap<>();
            (snoozeDaysByReason == null ? Map.<String, Integer>of() : snoozeDaysByReason).forEach((key, days) -> {
                String setting = "cds.ui.snooze-days-by-reason." + key;
                OverrideReason reason = OverrideReason.named(key)
                        .orElseThrow(() -> new IllegalArgumentException(setting
                                + " is not an override reason the cards offer; they offer "
                                + String.join(", ", OverrideReason.codes())));
                if (days == null || days < 0) {
                    throw new IllegalArgumentException(setting + " must be 0 or more, is " + days);
                }
                byCode.put(reason.code(), days);
            });
            snoozeDaysByReason = Collections.unmodifiableMap(byCode);
        }

        /** The presentation and snooze days of every reason alike. */
        public Ui(boolean aggregateWorkup, Presentation.UnitSystem units, int snoozeDays) {
            this(aggregateWorkup, units, snoozeDays, Map.of());
        }

        /**
         * Days a card overridden for that reason stays away; 0: it is not snoozed. Without a setting
         * of its own, a reason that says the matter is already addressed takes {@code snooze-days};
         * another (does not apply, declined, ...) does not snooze, so that a card a clinician
         * disagreed with is not hidden unless the site chose so.
         */
        public int snoozeDays(OverrideReason reason) {
            return snoozeDaysByReason.getOrDefault(reason.code(), reason.alreadyAddressed() ? snoozeDays : 0);
        }

        /** The longest a card stays away, for any reason; 0 when snoozing is off for every reason. */
        public int longestSnooze() {
            return Arrays.stream(OverrideReason.values())
                    .mapToInt(this::snoozeDays)
                    .max()
                    .orElse(0);
        }

        public Presentation presentation() {
            return new Presentation(aggregateWorkup, units);
        }
    }

    /**
     * Bounds on what a client may send, and which browser origins may call (under {@code cds.http.*}).
     *
     * @param maxBodyBytes a request body larger than this is refused with 413
     * @param maxPrefetchResources more resources than this in the prefetch are refused with 413
     * @param maxDraftOrders more draft orders than this in {@code context.draftOrders} are refused with
     *     413: no clinician signs thousands of orders at once, and each costs memory and a suggestion
     * @param maxJsonDepth JSON nested deeper than this is refused with 400
     * @param corsAllowedOrigins browser origins allowed to call the service ({@code *} for any)
     * @param bodyTimeout a request body must have arrived whole this long after its call came; a
     *     slower one is answered 408 and its connection closed
     * @param inFlightHeap the share of the maximum heap, in percent, the calls in flight may hold
     *     together; a call past it is answered 503 with {@code Retry-After}
     * @param shutdownDelay on SIGTERM, how long the service goes on taking calls with its readiness
     *     refusing traffic before it stops taking connections: long enough for a load balancer that
     *     checks readiness to stop sending calls here, so that none reaches a closing listener
     */
    public record Http(
            @DefaultValue("10485760") long maxBodyBytes,
            @DefaultValue("20000") int maxPrefetchResources,
            @DefaultValue("200") int maxDraftOrders,
            @DefaultValue("64") int maxJsonDepth,
            @DefaultValue("*") List<String> corsAllowedOrigins,
            @DefaultValue("10s") Duration bodyTimeout,
            @DefaultValue("50") int inFlightHeap,
            @DefaultValue("0s") Duration shutdownDelay) {

        @ConstructorBinding
        public Http {
            if (bodyTimeout.isNegative() || bodyTimeout.isZero()) {
                throw new IllegalArgumentException("cds.http.body-timeout must be longer than 0s");
            }
            if (inFlightHeap < 5 || inFlightHeap > 90) {
                throw new IllegalArgumentException("cds.http.in-flight-heap must be a percentage from 5 to 90");
            }
            if (shutdownDelay.isNegative()) {
                throw new IllegalArgumentException("cds.http.shutdown-delay must be 0s or longer");
            }
        }

        /**
         * The bounds as before the body time, the memory budget and the shutdown delay; those at
         * their defaults.
         */
        public Http(
                long maxBodyBytes,
                int maxPrefetchResources,
                int maxDraftOrders,
                int maxJsonDepth,
                List<String> corsAllowedOrigins) {
            this(
                    maxBodyBytes,
                    maxPrefetchResources,
                    maxDraftOrders,
                    maxJsonDepth,
                    corsAllowedOrigins,
                    Duration.ofSeconds(10),
                    50,
                    Duration.ZERO);
        }
    }

    /**
     * The CDS client check, under {@code cds.security.*} (environment variables work:
     * {@code CDS_SECURITY_AUDIENCE}, {@code CDS_SECURITY_TRUSTEDCLIENTS_0_ISSUER}).
     *
     * @param enabled verify the client JWT on every endpoint (on, except in the demo profile)
     * @param audience this service's external base URL, which tokens must name as {@code aud}
     * @param clockSkew leeway on {@code exp} and {@code iat}
     * @param maxLifetime the longest a token may live: from {@code iat} to {@code exp}, and from now
     *     to {@code exp}
     * @param jwksCacheTtl how long a fetched key set is used before it is fetched again
     * @param jwksTimeout bound on fetching a key set, body included
     * @param jwksMaxSize the largest key set read; a larger one is a failed fetch
     * @param jwksFailureTtl how long a failed fetch is remembered: no refetch of that URL meanwhile
     * @param trustedClients the CDS clients allowed in, by issuer
     */
    public record Security(
            @DefaultValue("true") boolean enabled,
            String audience,
            @DefaultValue("60s") Duration clockSkew,
            @DefaultValue("5m") Duration maxLifetime,
            @DefaultValue("5m") Duration jwksCacheTtl,
            @DefaultValue("2s") Duration jwksTimeout,
            @DefaultValue("64KB") DataSize jwksMaxSize,
            @DefaultValue("30s") Duration jwksFailureTtl,
            @DefaultValue List<TrustedClient> trustedClients) {

        /**
         * One CDS client.
         *
         * @param issuer the {@code iss} it signs with
         * @param jwks its key set pinned here, as a JWKS document or the path of a file holding one;
         *     when set, its keys are the only ones and {@code jku} is ignored
         * @param jwksUrl where its keys are, when its tokens carry no {@code jku}
         * @param jkuAllowlist key-set URLs its tokens may name in {@code jku}; any other is refused
         * @param fhirServers the {@code fhirServer} base URLs its calls may name (https, matched by
         *     scheme, host, port and path prefix); none listed: any https server at a public address
         * @param governance whether it may read the audit trail and the usage report (a client of the
         *     site's CDS governance, not an EHR's); no EHR client needs it
         */
        public record TrustedClient(
                String issuer,
                String jwks,
                String jwksUrl,
                @DefaultValue List<String> jkuAllowlist,
                @DefaultValue List<String> fhirServers,
                @DefaultValue("false") boolean governance) {}
    }

    /**
     * The demo (the {@code demo} profile turns it on).
     *
     * @param enabled the embedded read-only FHIR server under {@code /fhir}, with the demo patients
     * @param loadInto a FHIR server to fill with the demo patients at start
     */
    public record Demo(@DefaultValue("false") boolean enabled, String loadInto) {}
}
