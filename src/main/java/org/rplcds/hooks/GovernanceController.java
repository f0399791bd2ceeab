package org.rplcds.hooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.rplcds.audit.AuditTrail;
import org.rplcds.audit.UsageReport;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What a site's CDS governance reads: the audit trail as FHIR R4 AuditEvents, searched by patient
 * and date as FHIR's AuditEvent search parameters have it, and the usage report. Outside the demo
 * profile only a client the site marks as a governance client may call it.
 */
@RestController
@RequestMapping("/governance")
@Hidden
class GovernanceController {

    static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json");
    static final int DEFAULT_COUNT = 50;
    static final int MAX_COUNT = 500;

    private final AuditTrail trail;
    private final UsageReport usage;
    private final ObjectMapper json;
    private final Clock clock;

    GovernanceController(AuditTrail trail, UsageReport usage, ObjectMapper json, Clock clock) {
        this.trail = trail;
        this.usage = usage;
        this.json = json;
        this.clock = clock;
    }

    /**
     * The events of a patient, of a date range, or both, oldest first, as a FHIR {@code searchset}
     * Bundle, {@code _count} at a time ({@code next} link to the following page).
     *
     * @param patient {@code Patient/123} or {@code 123}
     * @param dates up to two values with FHIR's prefixes: {@code ge2026-01-01}, {@code
     *     lt2026-02-01}, {@code eq2026-01-15}; a day or a date-time with its offset
     */
    @GetMapping(
            path = "/AuditEvent",
            produces = {"application/fhir+json", "application/json"})
    ResponseEntity<String> search(
            @RequestParam(required = false) String patient,
            @RequestParam(name = "date", required = false) List<String> dates,
            @RequestParam(name = "_count", required = false) Integer count,
            @RequestParam(name = "_offset", required = false) Integer offset) {
        requireTrail();
        Optional<String> reference = Optional.ofNullable(patient)
                .map(String::trim)
                .filter(p -> !p.isEmpty())
                .map(p -> p.startsWith("Patient/") ? p : "Patient/" + p);
        if (reference.isPresent() && !reference.get().matches("Patient/[A-Za-z0-9\\-.]{1,64}")) {
            throw new MalformedRequestException("patient must be a FHIR id or Patient/<id>");
        }
        List<String> ranges = dates == null ? List.of() : dates;
        if (reference.isEmpty() && ranges.isEmpty()) {
            throw new MalformedRequestException("search by patient, by date, or both");
        }
        if (ranges.size() > 2) {
            throw new MalformedRequestException("at most two date parameters: a lower and an upper bound");
        }
        Instant from = Instant.EPOCH;
        Instant until = Instant.parse("9999-12-31T00:00:00Z");
        for (String value : ranges) {
            DateBound bound = DateBound.parse(value);
            from = bound.from().isAfter(from) ? bound.from() : from;
            until = bound.until().isBefore(until) ? bound.until() : until;
        }
        int size = count == null ? DEFAULT_COUNT : count;
        if (size < 1 || size > MAX_COUNT) {
            throw new MalformedRequestException("_count must be from 1 to " + MAX_COUNT);
        }
        int skip = offset == null ? 0 : offset;
        if (skip < 0) {
            throw new MalformedRequestException("_offset must not be negative");
        }
        AuditTrail.Page page = trail.search(reference, from, until, skip, size);

        String base = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/governance/AuditEvent")
                .toUriString();
        ObjectNode bundle = json.createObjectNode();
        bundle.put("resourceType", "Bundle");
        bundle.put("type", "searchset");
        bundle.put("total", page.total());
        ArrayNode links = bundle.putArray("link");
        links.addObject().put("relation", "self").put("url", link(base, patient, ranges, size, skip));
        if (skip + page.events().size() < page.total()) {
            links.addObject().put("relation", "next").put("url", link(base, patient, ranges, size, skip + size));
        }
        ArrayNode entries = bundle.putArray("entry");
        for (AuditTrail.Event event : page.events()) {
            ObjectNode entry = entries.addObject();
            entry.put("fullUrl", base + "/" + event.id());
            entry.set("resource", tree(event.json()));
            entry.putObject("search").put("mode", "match");
        }
        return ResponseEntity.ok().contentType(FHIR_JSON).body(bundle.toString());
    }

    /** One event by its id. */
    @GetMapping(
            path = "/AuditEvent/{id}",
            produces = {"application/fhir+json", "application/json"})
    ResponseEntity<String> read(@PathVariable String id) {
        requireTrail();
        return trail.read(id)
                .map(event -> ResponseEntity.ok().contentType(FHIR_JSON).body(event.json()))
                .orElseThrow(() -> new NotFoundException("no audit event has this id"));
    }

    /**
     * Per recommendation and period: cards shown, silent and snoozed, feedback accepted and
     * overridden by reason.
     *
     * @param from the first day (UTC), by default the first of the month eleven months ago
     * @param to the last day, by default today
     * @param period day, week or month (the default)
     */
    @GetMapping(path = "/usage", produces = MediaType.APPLICATION_JSON_VALUE)
    UsageReport.Report usage(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String period) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate last = to == null ? today : day(to, "to");
        LocalDate first = from == null ? last.minusMonths(11).withDayOfMonth(1) : day(from, "from");
        UsageReport.Period length;
        try {
            length = period == null
                    ? UsageReport.Period.MONTH
                    : UsageReport.Period.valueOf(period.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new MalformedRequestException("period must be day, week or month");
        }
        try {
            return usage.report(first, last, length);
        } catch (IllegalArgumentException e) {
            throw new MalformedRequestException(e.getMessage());
        }
    }

    private void requireTrail() {
        if (!trail.enabled()) {
            throw new NotFoundException("the audit trail is off (cds.audit.enabled=false)");
        }
    }

    private static LocalDate day(String value, String name) {
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new MalformedRequestException(name + " must be a day, such as 2026-01-31");
        }
    }

    private static String link(String base, String patient, List<String> dates, int count, int offset) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(base);
        if (patient != null) {
            uri.queryParam("patient", patient);
        }
        dates.forEach(date -> uri.queryParam("date", date));
        uri.queryParam("_count", count);
        uri.queryParam("_offset", offset);
        return uri.encode().build().toUriString();
    }

    private com.fasterxml.jackson.databind.JsonNode tree(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A FHIR date search value as the instants it covers, {@code [from, until)}: a prefix ({@code
     * eq} by default, {@code ge}, {@code gt}, {@code le}, {@code lt}), then a day (in UTC) or a
     * date-time with its offset.
     */
    record DateBound(Instant from, Instant until) {

        static DateBound parse(String value) {
            String text = value.trim();
            String prefix = "eq";
            if (text.length() > 2 && Character.isLetter(text.charAt(0))) {
                prefix = text.substring(0, 2);
                text = text.substring(2);
            }
            Instant start;
            Instant end;
            try {
                if (text.length() == 10) {
                    LocalDate day = LocalDate.parse(text);
                    start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
                    end = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                } else {
                    start = OffsetDateTime.parse(text).toInstant();
                    end = start.plusMillis(1);
                }
            } catch (DateTimeParseException e) {
                throw new MalformedRequestException(
                        "date must be a day (2026-01-31) or a date-time with its offset, after an optional prefix"
                                + " eq, ge, gt, le or lt");
            }
            return switch (prefix) {
                case "eq" -> new DateBound(start, end);
                case "ge" -> new DateBound(start, Instant.MAX);
                case "gt" -> new DateBound(end, Instant.MAX);
                case "le" -> new DateBound(Instant.EPOCH, end);
                case "lt" -> new DateBound(Instant.EPOCH, start);
                default -> throw new MalformedRequestException("date prefix must be eq, ge, gt, le or lt");
            };
        }
    }
}
