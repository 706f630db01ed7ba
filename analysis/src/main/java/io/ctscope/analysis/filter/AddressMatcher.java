package io.ctscope.analysis.filter;

import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.Tuple;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code --src} / {@code --dst}: keeps records whose ORIGINAL-direction source (or destination) address
 * lies in any of the given blocks. The original tuple is what the client sent, before NAT, so
 * {@code --src 10.0.0.0/8} selects the inside hosts of a NAT gateway and {@code --dst} the servers
 * they talk to.
 */
final class AddressMatcher implements RecordFilter {
    private final boolean source;
    private final Cidr[] blocks;
    private final String description;

    private AddressMatcher(boolean source, Cidr[] blocks) {
        this.source = source;
        this.blocks = blocks;
        List<String> shown = new ArrayList<>();
        for (Cidr c : blocks) {
            shown.add(c.toString());
        }
        description = (source ? "--src " : "--dst ") + String.join(",", shown);
    }

    /** Matches the original source address against items already split at commas. */
    static AddressMatcher source(List<String> items) {
        return new AddressMatcher(true, parse(items));
    }

    /** Matches the original destination address against items already split at commas. */
    static AddressMatcher destination(List<String> items) {
        return new AddressMatcher(false, parse(items));
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
        Tuple t = r.orig;
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
