package io.ctscope.ingest.kernlog;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the time stamps a kernel log line can start with: /dev/kmsg's {@code pri,seq,usec,flags;},
 * RFC 3339 / ISO ({@code rsyslog}, {@code journalctl -o short-iso}, {@code dmesg --time-format iso}),
 * BSD syslog and journal {@code Jun  8 10:48:13}, {@code dmesg -T}'s {@code [Tue Dec  1 21:00:00 2026]},
 * and the uptime {@code [ 10.810168]} (at the start, or after {@code host kernel: }). Stamps without a
 * zone are in the zone given; BSD stamps without a year take the year of {@code now}, or the one
 * before when that would put them in the future.
 */
final class LogStamps {
    private static final Pattern KMSG = Pattern.compile("^(\\d+),(\\d+),(\\d+),[^;]*;");
    private static final Pattern ISO = Pattern.compile(
        "^(\\d{4})-(\\d{2})-(\\d{2})[T ](\\d{2}):(\\d{2}):(\\d{2})(?:[.,](\\d{1,9}))?(Z|[+-]\\d{2}:?\\d{2})?(?=\\s)");
    private static final Pattern BSD = Pattern.compile(
        "^([A-Z][a-z]{2}) +(\\d{1,2}) (\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?(?=\\s)");
    private static final Pattern DMESG_T = Pattern.compile(
        "^\\[(?:[A-Z][a-z]{2} )?([A-Z][a-z]{2}) +(\\d{1,2}) (\\d{2}):(\\d{2}):(\\d{2}) (\\d{4})\\]");
    private static final Pattern UPTIME = Pattern.compile("\\[\\s*(\\d{1,12})\\.(\\d{1,9})\\]");

    private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";

    private final ZoneId zone;
    private final ZonedDateTime now;

    LogStamps(ZoneId zone, java.time.Instant now) {
        this.zone = zone;
        this.now = now.atZone(zone);
    }

    /**
     * Sets the event's stamps from {@code head}, the part of the line before the message; returns the
     * index in {@code head} where the wall-clock stamp ended (0 when there was none).
     */
    void read(String head, KernelLogEvent e) {
        String s = head.stripLeading();
        if (!s.isEmpty() && s.charAt(0) == '"') {
            s = s.substring(1);
        }
        Matcher m = KMSG.matcher(s);
        if (m.find()) {
            e.uptimeMicros = Long.parseLong(m.group(3));
            return;
        }
        int after = 0;
        m = ISO.matcher(s);
        if (m.find()) {
            e.wallMicros = iso(m);
            after = m.end();
        } else if ((m = BSD.matcher(s)).find()) {
            e.wallMicros = bsd(m);
            after = m.end();
        } else if ((m = DMESG_T.matcher(s)).find()) {
            e.wallMicros = dmesgT(m);
            after = m.end();
        }
        m = UPTIME.matcher(s);
        if (m.find(after)) {
            e.uptimeMicros = Long.parseLong(m.group(1)) * 1_000_000L + micros(m.group(2));
        }
    }

    private long iso(Matcher m) {
        try {
            LocalDateTime t = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                Integer.parseInt(m.group(6)));
            String z = m.group(8);
            long seconds = z == null ? t.atZone(zone).toEpochSecond()
                : OffsetDateTime.of(t, offset(z)).toEpochSecond();
            return seconds * 1_000_000L + micros(m.group(7));
        } catch (DateTimeException e) {
            return KernelLogEvent.NO_TIME;
        }
    }

    private static ZoneOffset offset(String z) {
        if (z.equals("Z")) {
            return ZoneOffset.UTC;
        }
        String digits = z.replace(":", "");
        int sign = digits.charAt(0) == '-' ? -1 : 1;
        return ZoneOffset.ofHoursMinutes(sign * Integer.parseInt(digits.substring(1, 3)),
            sign * Integer.parseInt(digits.substring(3, 5)));
    }

    private long bsd(Matcher m) {
        Month month = month(m.group(1));
        if (month == null) {
            return KernelLogEvent.NO_TIME;
        }
        try {
            LocalTime time = LocalTime.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)));
            int day = Integer.parseInt(m.group(2));
            ZonedDateTime t = LocalDate.of(now.getYear(), month, day).atTime(time).atZone(zone);
            if (t.isAfter(now.plusDays(1))) {
                t = LocalDate.of(now.getYear() - 1, month, day).atTime(time).atZone(zone);
            }
            return t.toEpochSecond() * 1_000_000L + micros(m.group(6));
        } catch (DateTimeException e) {
            return KernelLogEvent.NO_TIME;
        }
    }

    private long dmesgT(Matcher m) {
        Month month = month(m.group(1));
        if (month == null) {
            return KernelLogEvent.NO_TIME;
        }
        try {
            return LocalDateTime.of(Integer.parseInt(m.group(6)), month, Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)))
                .atZone(zone).toEpochSecond() * 1_000_000L;
        } catch (DateTimeException e) {
            return KernelLogEvent.NO_TIME;
        }
    }

    private static Month month(String abbreviation) {
        int i = MONTHS.indexOf(abbreviation.toLowerCase(Locale.ROOT));
        return i >= 0 && i % 3 == 0 ? Month.of(i / 3 + 1) : null;
    }

    /** A fraction of a second, 1 to 9 digits, as microseconds. */
    private static long micros(String fraction) {
        if (fraction == null) {
            return 0;
        }
        String six = fraction.length() >= 6 ? fraction.substring(0, 6) : (fraction + "000000").substring(0, 6);
        return Long.parseLong(six);
    }
}
