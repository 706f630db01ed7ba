package io.ctscope.cli;

import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.Field;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A [from, to) window of event time, given as epoch seconds ({@code 1700000000.5}) or ISO-8601
 * ({@code 2026-11-21T05:50:00Z}; without a zone read as UTC). Without bounds every record is in; with a
 * bound, a record without a timestamp is out, since it cannot be placed.
 */
final class TimeWindow {
    static final TimeWindow ALL = new TimeWindow(Long.MIN_VALUE, Long.MAX_VALUE);

    private final long fromMicros;
    private final long toMicros;

    private TimeWindow(long fromMicros, long toMicros) {
        this.fromMicros = fromMicros;
        this.toMicros = toMicros;
    }

    static TimeWindow of(String from, String to) {
        if (from == null && to == null) {
            return ALL;
        }
        long f = from == null ? Long.MIN_VALUE : parseMicros(from);
        long t = to == null ? Long.MAX_VALUE : parseMicros(to);
        if (f >= t) {
            throw new IllegalArgumentException("--from must be before --to");
        }
        return new TimeWindow(f, t);
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

    static long parseMicros(String text) {
        String s = text.trim();
        try {
            if (s.matches("\\d+(\\.\\d{1,6})?")) {
                return new java.math.BigDecimal(s).movePointRight(6).longValueExact();
            }
            Instant i;
            try {
                i = Instant.parse(s);
            } catch (DateTimeParseException e) {
                i = LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
            }
            return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is neither epoch seconds nor an ISO-8601 time"
                + " (e.g. 1700000000 or 2026-11-21T05:50:00Z)");
        }
    }
}
