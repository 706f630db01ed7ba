package io.ctscope.samples;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test helper: generates a capture in memory and parses every line with a strict regex. */
final class CaptureReplay {

    private static final String IP = "((?:\\d{1,3}\\.){3}\\d{1,3})";
    private static final String TUPLE = "src=" + IP + " dst=" + IP
            + " (?:sport=(\\d+) dport=(\\d+)|type=(\\d+) code=(\\d+) id=(\\d+))";
    static final Pattern LINE = Pattern.compile("^\\[(\\d+)\\.(\\d{6})\\]\\t( {4}\\[NEW\\]| \\[UPDATE\\]|\\[DESTROY\\])"
            + " ipv4     2 (tcp      6|udp      17|icmp     1) (?:(\\d+) )?(?:(SYN_SENT|SYN_RECV|ESTABLISHED|FIN_WAIT|LAST_ACK|TIME_WAIT|CLOSE) )?"
            + TUPLE + " (?:packets=(\\d+) bytes=(\\d+) )?(\\[UNREPLIED\\] )?"
            + TUPLE + " (?:packets=(\\d+) bytes=(\\d+) )?(\\[ASSURED\\] )?id=(\\d+)$");

    static final class Event {
        String line;
        long micros;
        String tag;
        String protocol;
        int timeout = -1;
        String state;
        String origSrc;
        String origDst;
        int origSport;
        int origDport;
        String replySrc;
        String replyDst;
        int replySport;
        int replyDport;
        long origPackets = -1;
        long replyPackets = -1;
        boolean unreplied;
        boolean assured;
        long id;

        String originalTuple() {
            return origSrc + ":" + origSport + ">" + origDst + ":" + origDport + "/" + protocol;
        }

        String replyTuple() {
            return replySrc + ":" + replySport + ">" + replyDst + ":" + replyDport + "/" + protocol;
        }
    }

    static byte[] generate(GeneratorConfig config) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new EventStreamGenerator(config).writeTo(out);
        return out.toByteArray();
    }

    static List<Event> parse(byte[] capture) {
        String text = new String(capture, StandardCharsets.US_ASCII);
        List<Event> events = new ArrayList<>();
        int start = 0;
        int lineNumber = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                throw new AssertionError("last line has no newline");
            }
            lineNumber++;
            events.add(parseLine(text.substring(start, end), lineNumber));
            start = end + 1;
        }
        return events;
    }

    static Event parseLine(String line, int lineNumber) {
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
            throw new AssertionError("line " + lineNumber + " is not a conntrack event: " + line);
        }
        Event e = new Event();
        e.line = line;
        e.micros = Long.parseLong(m.group(1)) * 1_000_000L + Integer.parseInt(m.group(2));
        e.tag = m.group(3).trim();
        e.protocol = m.group(4).substring(0, 4).trim();
        e.timeout = m.group(5) == null ? -1 : Integer.parseInt(m.group(5));
        e.state = m.group(6);
        e.origSrc = m.group(7);
        e.origDst = m.group(8);
        e.origSport = m.group(9) != null ? Integer.parseInt(m.group(9)) : Integer.parseInt(m.group(13));
        e.origDport = m.group(10) != null ? Integer.parseInt(m.group(10)) : -1;
        e.origPackets = m.group(14) == null ? -1 : Long.parseLong(m.group(14));
        e.unreplied = m.group(16) != null;
        e.replySrc = m.group(17);
        e.replyDst = m.group(18);
        e.replySport = m.group(19) != null ? Integer.parseInt(m.group(19)) : -1;
        e.replyDport = m.group(20) != null ? Integer.parseInt(m.group(20)) : Integer.parseInt(m.group(23));
        e.replyPackets = m.group(24) == null ? -1 : Long.parseLong(m.group(24));
        e.assured = m.group(26) != null;
        e.id = Long.parseLong(m.group(27));
        for (String ip : new String[] {e.origSrc, e.origDst, e.replySrc, e.replyDst}) {
            for (String octet : ip.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    throw new AssertionError("line " + lineNumber + ": bad address " + ip);
                }
            }
        }
        boolean destroy = e.tag.equals("[DESTROY]");
        boolean tcp = e.protocol.equals("tcp");
        if (destroy == (e.timeout >= 0) || destroy != (e.origPackets >= 0) || destroy != (e.replyPackets >= 0)
                || (!destroy && tcp) != (e.state != null) || e.id > 0xFFFF_FFFFL) {
            throw new AssertionError("line " + lineNumber + ": fields do not fit the event type: " + line);
        }
        return e;
    }

    private CaptureReplay() {
    }
}
