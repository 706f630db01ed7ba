package io.ctscope.ingest.kernlog;

import io.ctscope.ingest.decode.BadLineListener;
import io.ctscope.ingest.io.LineFramer;
import io.ctscope.ingest.io.LineHandler;
import io.ctscope.ingest.parse.Ascii;
import io.ctscope.ingest.parse.Excerpt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds conntrack's messages in a kernel log (dmesg with or without {@code [ uptime]}, {@code dmesg -T},
 * /dev/kmsg, BSD or RFC 3339 syslog, journal lines): {@code table full, dropping packet} with or
 * without the period, the module prefix once or twice, {@code in netns N} (6.17+ child namespaces), the
 * 2.6-era {@code ip_conntrack:} and OpenVZ {@code VPS N} forms, a message hard-wrapped after
 * {@code table full,}; the ratelimiter's {@code __ratelimit:}/{@code net_ratelimit: N callbacks
 * suppressed}; the module banner {@code nf_conntrack version V (N buckets, M max)}. Every other line
 * (the bulk of a real log, including lines that merely mention conntrack) is passed over and counted;
 * a line that has a conntrack message's words but not its grammar is a bad line.
 *
 * <p>Lines are screened on their bytes for the messages' key words; only those are decoded.
 */
public final class KernelLogParser implements LineHandler {
    private static final byte[] TABLE_FULL = Ascii.bytes("table full");
    private static final byte[] SUPPRESSED = Ascii.bytes("callbacks suppressed");
    private static final byte[] VERSION = Ascii.bytes("conntrack version");
    private static final byte[] DROPPING = Ascii.bytes("dropping packet");
    /** Both module names, {@code nf_conntrack} and {@code ip_conntrack}, contain it. */
    private static final byte[] CONNTRACK = Ascii.bytes("_conntrack");

    private static final Pattern FULL = Pattern.compile(
        "(nf_conntrack|ip_conntrack): (?:(?:nf_conntrack|ip_conntrack): )?(?:VPS (\\S+) )?table full(?: in netns (\\S+?))?,\\s*(dropping packet)?");
    private static final Pattern RATELIMIT = Pattern.compile("(__ratelimit|net_ratelimit): (\\S+) callbacks suppressed");
    private static final Pattern BANNER = Pattern.compile(
        "(nf_conntrack|ip_conntrack) version (\\S+) \\((\\S+) buckets, (\\S+) max\\)");

    private final String name;
    private final LogStamps stamps;
    private final KernelLogListener listener;
    private final BadLineListener badLines;
    private final KernelLogEvent event = new KernelLogEvent();
    private final KernelLogSummary summary = new KernelLogSummary();
    private boolean wrapped;
    private boolean stop;

    /**
     * @param zone the zone of stamps that print none (BSD syslog, dmesg -T)
     * @param now  the moment the log is read, for the year BSD stamps leave out
     */
    public KernelLogParser(String name, ZoneId zone, Instant now, KernelLogListener listener, BadLineListener badLines) {
        this.name = name;
        this.stamps = new LogStamps(zone, now);
        this.listener = listener;
        this.badLines = badLines;
    }

    /** Reads a whole input. */
    public KernelLogSummary read(InputStream in) throws IOException {
        new LineFramer(1 << 17).frame(in, this, 1, 0);
        return summary;
    }

    public KernelLogSummary summary() {
        return summary;
    }

    /** True for a line holding one of the messages' key words (for content recognition; allocates nothing). */
    public static boolean mentionsConntrackMessage(byte[] b, int off, int end) {
        return (Ascii.indexOf(b, off, end, TABLE_FULL) >= 0 || Ascii.indexOf(b, off, end, VERSION) >= 0)
            && indexOfConntrack(b, off, end) >= 0
            || Ascii.indexOf(b, off, end, SUPPRESSED) >= 0;
    }

    @Override
    public boolean onLine(byte[] b, int off, int end, long lineNumber, long byteOffset, boolean terminated) {
        summary.lines++;
        boolean continuation = wrapped;
        wrapped = false;
        String reason = null;
        if (Ascii.indexOf(b, off, end, TABLE_FULL) >= 0 && indexOfConntrack(b, off, end) >= 0) {
            reason = Excerpt.isBinary(b, off, end) ? "binary data" : tableFull(decode(b, off, end), lineNumber);
        } else if (Ascii.indexOf(b, off, end, SUPPRESSED) >= 0) {
            reason = Excerpt.isBinary(b, off, end) ? "binary data" : suppressed(decode(b, off, end), lineNumber);
        } else if (Ascii.indexOf(b, off, end, VERSION) >= 0 && indexOfConntrack(b, off, end) >= 0) {
            reason = Excerpt.isBinary(b, off, end) ? "binary data" : banner(decode(b, off, end), lineNumber);
        } else if (continuation && Ascii.indexOf(b, off, end, DROPPING) >= 0 && end - off < 40) {
            return true; // the rest of a message wrapped after "table full,": counted with it
        } else {
            summary.otherLines++;
        }
        if (reason != null) {
            summary.badLines++;
            stop = !badLines.onBadLine(name, lineNumber, reason);
        }
        return !stop;
    }

    @Override
    public boolean onOverlongLine(long lineNumber, long byteOffset, long length) {
        summary.lines++;
        summary.otherLines++;
        return true;
    }

    private String tableFull(String line, long lineNumber) {
        Matcher m = FULL.matcher(line);
        if (!m.find()) {
            if (line.contains("dropping packet")) {
                return "garbled table-full message: " + Excerpt.of(line, 100);
            }
            summary.otherLines++; // e.g. "nf_conntrack: expectation table full": another table
            return null;
        }
        event.reset(KernelLogEvent.Kind.TABLE_FULL, lineNumber);
        if (m.group(3) != null) {
            long ns = Ascii.parseUnsigned(m.group(3).getBytes(StandardCharsets.US_ASCII), 0, m.group(3).length());
            if (ns == Ascii.INVALID) {
                return "malformed namespace number in 'table full in netns " + Excerpt.of(m.group(3), 30) + "'";
            }
            event.netns = ns;
        }
        event.module = m.group(1);
        event.vps = m.group(2);
        wrapped = m.group(4) == null && m.end() >= line.stripTrailing().length();
        stamps.read(line.substring(0, m.start()), event);
        summary.tableFull++;
        listener.onEvent(event);
        return null;
    }

    private String suppressed(String line, long lineNumber) {
        Matcher m = RATELIMIT.matcher(line);
        if (!m.find()) {
            summary.otherLines++; // another subsystem's ratelimiter
            return null;
        }
        long n = number(m.group(2));
        if (n < 0) {
            return "malformed count in '" + Excerpt.of(m.group(), 60) + "'";
        }
        event.reset(KernelLogEvent.Kind.SUPPRESSED, lineNumber);
        event.module = m.group(1);
        event.suppressed = n;
        stamps.read(line.substring(0, m.start()), event);
        summary.suppressedLines++;
        listener.onEvent(event);
        return null;
    }

    private String banner(String line, long lineNumber) {
        Matcher m = BANNER.matcher(line);
        if (!m.find()) {
            summary.otherLines++;
            return null;
        }
        long buckets = number(m.group(3));
        long max = number(m.group(4));
        if (buckets < 0 || max < 0) {
            return "malformed numbers in '" + Excerpt.of(m.group(), 80) + "'";
        }
        event.reset(KernelLogEvent.Kind.BANNER, lineNumber);
        event.module = m.group(1);
        event.buckets = buckets;
        event.max = max;
        stamps.read(line.substring(0, m.start()), event);
        summary.banners++;
        listener.onEvent(event);
        return null;
    }

    private static long number(String s) {
        long v = Ascii.parseUnsigned(s.getBytes(StandardCharsets.US_ASCII), 0, s.length());
        return v == Ascii.INVALID ? -1 : v;
    }

    private static int indexOfConntrack(byte[] b, int off, int end) {
        return Ascii.indexOf(b, off, end, CONNTRACK);
    }


    private static String decode(byte[] b, int off, int end) {
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }
}
