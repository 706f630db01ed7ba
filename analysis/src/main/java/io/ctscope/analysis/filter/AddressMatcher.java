package io.ctscope.analysis.filter;

import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.Tuple;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code --src} / {@code --dst} (conntrack's {@code -s/--orig-src}, {@code -d/--orig-dst}) and
 * {@code --reply-src} / {@code --reply-dst} ({@code -r}, {@code -q}): keeps records whose source (or
 * destination) address of one direction lies in any of the given blocks. The original tuple is what the
 * client sent, before NAT, so {@code --src 10.0.0.0/8} selects the inside hosts of a NAT gateway and
 * {@code --dst} the servers they talk to; the reply tuple is the NAT side, so {@code --reply-dst} of a
 * source-NATed flow is the translated address.
 */
final class AddressMatcher implements RecordFilter {
    private final boolean reply;
    private final boolean source;
    private final Cidr[] blocks;
    private final String description;

    private AddressMatcher(String option, boolean reply, boolean source, Cidr[] blocks) {
        this.reply = reply;
        this.source = source;
        this.blocks = blocks;
        List<String> shown = new ArrayList<>();
        for (Cidr c : blocks) {
            shown.add(c.toString());
        }
        description = option + " " + String.join(",", shown);
    }

    /** Matches the original source address against items already split at commas. */
    static AddressMatcher source(List<String> items) {
        return new AddressMatcher("--src", false, true, parse(items));
    }

    /** Matches the original destination address against items already split at commas. */
    static AddressMatcher destination(List<String> items) {
        return new AddressMatcher("--dst", false, false, parse(items));
    }

    /** Matches the reply direction's source address (the server, or a DNAT's real target). */
    static AddressMatcher replySource(List<String> items) {
        return new AddressMatcher("--reply-src", true, true, parse(items));
    }

    /** Matches the reply direction's destination address (the translated address under source NAT). */
    static AddressMatcher replyDestination(List<String> items) {
        return new AddressMatcher("--reply-dst", true, false, parse(items));
    }

    private static Cidr[] parse(List<String> items) {
        List<Cidr> blocks = new ArrayList<>();
        for (String item : items) {
            Cidr c = Cidr.parse(item);
            if (!blocks.contains(c)) {
                blocks.add(c);
            }
        }
        return blocks.toArray(new Cidr[0]);
    }

    @Override
    public boolean test(ConntrackRecord r) {
        Tuple t = reply ? r.reply : r.orig;
        long hi = source ? t.srcHi : t.dstHi;
        long lo = source ? t.srcLo : t.dstLo;
        for (int i = 0; i < blocks.length; i++) {
            if (blocks[i].matches(r.family, hi, lo)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String describe() {
        return description;
    }
}
