package org.rplcds.support.ehr;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One value of a date search parameter: its prefix and the range its precision covers. FHIR R4
 * search.html#date and #prefix: a value without a prefix means {@code eq}; {@code 2019} covers the
 * whole year. A value without an offset is read as UTC.
 *
 * @param to exclusive
 */
record DateValue(String prefix, boolean prefixGiven, Instant from, Instant to, boolean hasTime, boolean hasOffset) {

    static final Set<String> PREFIXES = Set.of("eq", "ne", "gt", "lt", "ge", "le", "sa", "eb", "ap");
    private static final Pattern OFFSET = Pattern.compile(".*T.*(Z|[+-]\\d\\d:\\d\\d)$");

    /** Empty when the text is not a date, date-time or instant in FHIR's format. */
    static Optional<DateValue> parse(String text) {
        String prefix = "eq";
        boolean given = false;
        String value = text;
        if (text.length() > 2 && Character.isLetter(text.charAt(0)) && Character.isLetter(text.charAt(1))) {
            prefix = text.substring(0, 2);
            given = true;
            value = text.substring(2);
            if (!PREFIXES.contains(prefix)) {
                return Optional.empty();
            }
        }
        try {
            if (value.matches("\\d{4}")) {
                LocalDate start = LocalDate.of(Integer.parseInt(value), 1, 1);
                return Optional.of(of(prefix, given, start, start.plusYears(1)));
            }
            if (value.matches("\\d{4}-\\d{2}")) {
                YearMonth month = YearMonth.parse(value);
                return Optional.of(
                        of(prefix, given, month.atDay(1), month.plusMonths(1).atDay(1)));
            }
            if (value.matches("\\d{4}-\\d{2}-\\d{2}")) {
                LocalDate day = LocalDate.parse(value);
                return Optional.of(of(prefix, given, day, day.plusDays(1)));
            }
            boolean offset = OFFSET.matcher(value).matches();
            Instant at = offset
                    ? OffsetDateTime.parse(value).toInstant()
                    : LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            // a date-time is precise to the second (fractions kept): it covers that second
            return Optional.of(new DateValue(prefix, given, at, at.plusSeconds(1), true, offset));
        } catch (DateTimeParseException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static DateValue of(String prefix, boolean given, LocalDate from, LocalDate to) {
        return new DateValue(
                prefix,
                given,
                from.atStartOfDay().toInstant(ZoneOffset.UTC),
                to.atStartOfDay().toInstant(ZoneOffset.UTC),
                false,
                false);
    }

    /**
     * Whether a target that runs from {@code start} to {@code end} (both inclusive; equal for a
     * point in time) meets this value, as search.html#prefix describes the prefixes.
     */
    boolean matches(Instant start, Instant end) {
        return switch (prefix) {
            case "eq" -> !start.isBefore(from) && end.isBefore(to);
            case "ne" -> start.isBefore(from) || !end.isBefore(to);
            case "gt", "sa" -> !end.isBefore(to);
            case "ge" -> !end.isBefore(from);
            case "lt", "eb" -> start.isBefore(from);
            case "le" -> start.isBefore(to);
            default -> !end.isBefore(from) && start.isBefore(to); // ap: overlaps
        };
    }

    boolean isLowerBound() {
        return prefix.equals("ge") || prefix.equals("gt");
    }

    boolean isUpperBound() {
        return prefix.equals("le") || prefix.equals("lt");
    }
}
