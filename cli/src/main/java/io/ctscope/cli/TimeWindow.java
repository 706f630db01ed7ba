package io.ctscope.cli;

import io.ctscope.analysis.filter.RecordFilter;
import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.Field;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A [from, to) window of event time, given as epoch seconds ({@code 1700000000.5}), ISO-8601
 * ({@code 2026-11-21T05:50:00Z}) or the form the report prints ({@code 2026-11-21 06:20:11 UTC}); without
 * a zone a time is read as UTC, and a zone may be {@code UTC}, {@code Z}, an offset ({@code +01:00},
 * {@code +0100}) or a region ({@code Europe/Berlin}). Without bounds every record is in; with a bound,
 * a record without a timestamp is out, since it cannot be placed.
 */
final class TimeWindow implements RecordFilter {
    static final TimeWindow ALL = new TimeWindow(Long.MIN_VALUE, Long.MAX_VALUE, "");

    private static final Pattern EPOCH = Pattern.compile("\\d+(\\.\\d{1,6})?");
    private static final Pattern CALENDAR = Pattern.compile(
        "(\\d{4}-\\d{2}-\\d{2})(?:[T ](\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?))?\\s*(.*)");
    private static final Pattern OFFSET = Pattern.compile("[+-]\\d{2}(:?\\d{2})?");

    private final long fromMicros;
    private final long toMicros;
    private final String description;

    private TimeWindow(long fromMicros, long toMicros, String description) {
        this.fromMicros = fromMicros;
        this.toMicros = toMicros;
        this.description = description;
    }

    static TimeWindow of(String from, String to) {
        if (from == null && to == null) {
            return ALL;
        }
        long f = from == null ? Long.MIN_VALUE : parseMicros("--from", from);
        long t = to == null ? Long.MAX_VALUE : parseMicros("--to", to);
        if (f >= t) {
            throw new IllegalArgumentException("--from must be before --to");
        }
        String shown = (from == null ? "" : "--from " + epoch(f)) + (from != null && to != null ? " " : "")
            + (to == null ? "" : "--to " + epoch(t));
        return new TimeWindow(f, t, shown);
    }

    private static String epoch(long micros) {
        return new java.math.BigDecimal(micros).movePointLeft(6).stripTrailingZeros().toPlainString();
    }

    boolean isAll() {
        return this == ALL;
    }

    boolean contains(ConntrackRecord r) {
        if (isAll()) {
            return true;
        }
        return r.has(Field.TIMESTAMP) && r.timestampMicros >= fromMicros && r.timestampMicros < toMicros;
    }

    /** This window and then {@code filter}: the filter a report of files applies. */
    RecordFilter and(RecordFilter filter) {
        if (isAll()) {
            return filter;
        }
        TimeWindow window = this;
        String shown = (description + " " + filter.describe()).trim();
        return new RecordFilter() {
            @Override
            public boolean test(ConntrackRecord r) {
                return window.contains(r) && filter.test(r);
            }

            @Override
            public String describe() {
                return shown;
            }
        };
    }

    @Override
    public boolean test(ConntrackRecord r) {
        return contains(r);
    }

    @Override
    public String describe() {
        return description;
    }

    static long parseMicros(String option, String text) {
        String s = text.trim();
        try {
            if (EPOCH.matcher(s).matches()) {
                return new java.math.BigDecimal(s).movePointRight(6).longValueExact();
            }
            Matcher m = CALENDAR.matcher(s);
            if (m.matches()) {
                LocalDate date = LocalDate.parse(m.group(1));
                LocalTime time = m.group(2) == null ? LocalTime.MIDNIGHT : LocalTime.parse(m.group(2));
                ZonedDateTime at = ZonedDateTime.of(date, time, zone(m.group(3)));
                return at.toEpochSecond() * 1_000_000L + at.getNano() / 1000;
            }
        } catch (DateTimeException | ArithmeticException e) {
            // fall through to the message
        }
        throw new IllegalArgumentException("bad " + option + " \"" + text + "\": use epoch seconds (1795242011),"
            + " ISO-8601 (2026-11-21T06:20:11Z) or the report's form (2026-11-21 06:20:11 UTC); no zone means UTC");
    }

    private static ZoneId zone(String text) {
        String z = text.trim();
        if (z.isEmpty() || z.equals("Z") || z.equalsIgnoreCase("UTC") || z.equalsIgnoreCase("GMT")) {
            return ZoneOffset.UTC;
        }
        if (OFFSET.matcher(z).matches()) {
            return ZoneOffset.of(z.length() == 5 ? z.substring(0, 3) + ":" + z.substring(3) : z);
        }
        return ZoneId.of(z, ZoneId.SHORT_IDS);
    }
}
