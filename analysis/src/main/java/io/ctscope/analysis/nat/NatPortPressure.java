package io.ctscope.analysis.nat;

import io.ctscope.analysis.ReportOptions;
import io.ctscope.analysis.flow.FlowAnalyzer;
import io.ctscope.analysis.flow.FlowTable;
import io.ctscope.analysis.keys.KeyMap;
import io.ctscope.analysis.report.FirstN;
import io.ctscope.analysis.report.Report;
import io.ctscope.analysis.report.Units;
import io.ctscope.ingest.record.Addresses;
import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.Protocols;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Source-NAT port pressure: how many translated source ports each translated address uses at once, and how
 * many flows it holds at once towards each destination. A flow is source-NATed when its reply goes to
 * another address than its original source; the translated address and port are the reply tuple's
 * destination. Only protocols with ports count.
 *
 * <p>Per translated address and protocol the measure is distinct ports in use at once (a port may serve
 * several destinations, so ports are refcounted by (address, protocol, port)). Per translated address,
 * protocol and original destination address:port it is concurrent flows: each needs its own translated
 * port towards that destination, so this is the count that runs out first. Flows enter at open (any
 * origin) and leave at close, observed or not; a DESTROY for a flow never seen is ignored, as it was
 * never counted live. Memory is bounded by the live flows plus a few times {@code options.top} retired
 * peaks ({@link PeakCounts}).
 *
 * <p>Contributes {@code nat.ports}: {@code capacity} (65536, the port space), {@code port_range}
 * ({@code "low-high"} or null), {@code range_size} (or null), {@code translated_flows} (source-NATed flows
 * with ports opened), {@code outside_range} (of those, flows whose translated port lies outside the given
 * range), {@code by_address} and {@code by_destination}: the top {@code options.top} highest peaks, each
 * {@code {key, address, [destination,] protocol, peak_ports, peak_ts, use_pct, range_use_pct}}.
 */
public final class NatPortPressure implements FlowAnalyzer {
    /** Every 16-bit port: the most flows one translated address can hold towards one destination. */
    public static final int PORT_SPACE = 65_536;
    /** Retired peaks kept per list, as a multiple of the entries reported. */
    private static final int RETIRED_PER_REPORTED = 4;
    private static final int MIN_RETIRED = 16;

    private static final int ADDRESS_KEY_WIDTH = 3;
    private static final int DESTINATION_KEY_WIDTH = 5;

    private final ReportOptions options;
    /** (translated address, family/protocol/port) → flows using that translated port. */
    private final KeyMap portRefs = new KeyMap(ADDRESS_KEY_WIDTH, 1);
    private final PeakCounts byAddress;
    private final PeakCounts byDestination;
    private final long[] portKey = new long[ADDRESS_KEY_WIDTH];
    private final long[] addressKey = new long[ADDRESS_KEY_WIDTH];
    private final long[] destinationKey = new long[DESTINATION_KEY_WIDTH];
    private long translatedFlows;
    private long outsideRange;

    public NatPortPressure(ReportOptions options) {
        this.options = options;
        int retired = Math.max(MIN_RETIRED, RETIRED_PER_REPORTED * options.top);
        this.byAddress = new PeakCounts(ADDRESS_KEY_WIDTH, retired);
        this.byDestination = new PeakCounts(DESTINATION_KEY_WIDTH, retired);
    }

    @Override
    public void onOpen(ConntrackRecord r, long timeMicros, FlowTable table, int slot) {
        if (!isTranslated(table, slot)) {
            return;
        }
        translatedFlows++;
        int port = table.replyDport(slot);
        if (options.hasPortRange() && (port < options.portRangeLow || port > options.portRangeHigh)) {
            outsideRange++;
        }
        packKeys(table, slot);
        int s = portRefs.findOrInsert(portKey);
        portRefs.addValue(s, 0, 1);
        if (portRefs.value(s, 0) == 1) {
            byAddress.increment(addressKey, timeMicros);
        }
        byDestination.increment(destinationKey, timeMicros);
    }

    @Override
    public void onClose(ConntrackRecord r, long timeMicros, FlowTable table, int slot, boolean observed) {
        if (!isTranslated(table, slot)) {
            return;
        }
        packKeys(table, slot);
        int s = portRefs.find(portKey);
        if (s >= 0) {
            portRefs.addValue(s, 0, -1);
            if (portRefs.value(s, 0) <= 0) {
                portRefs.removeSlot(s);
                byAddress.decrement(addressKey);
            }
        }
        byDestination.decrement(destinationKey);
    }

    /** A dump entry leaves the table when the next dump begins: it frees its port like a closed flow (the record is not read). */
    @Override
    public void onVanish(FlowTable table, int slot) {
        onClose(null, FlowTable.NO_TIME, table, slot, false);
    }

    /** The identity columns never change while a flow lives, so open and close agree on this. */
    private static boolean isTranslated(FlowTable table, int slot) {
        return table.replyDport(slot) >= 0 && table.isSourceNat(slot);
    }

    private void packKeys(FlowTable table, int slot) {
        long family = table.family(slot) & 0xff;
        long protocol = table.protocol(slot) & 0xff;
        long hi = table.replyDstHi(slot);
        long lo = table.replyDstLo(slot);
        addressKey[0] = hi;
        addressKey[1] = lo;
        addressKey[2] = (family << 8) | protocol;
        portKey[0] = hi;
        portKey[1] = lo;
        portKey[2] = portMeta(family, protocol, table.replyDport(slot));
        destinationKey[0] = hi;
        destinationKey[1] = lo;
        destinationKey[2] = table.origDstHi(slot);
        destinationKey[3] = table.origDstLo(slot);
        destinationKey[4] = portMeta(family, protocol, table.origDport(slot));
    }

    private static long portMeta(long family, long protocol, int port) {
        return (family << 24) | (protocol << 16) | (port & 0xffff);
    }

    @Override
    public void contribute(Report report, FlowTable table) {
        Map<String, Object> ports = new LinkedHashMap<>();
        ports.put("capacity", (long) PORT_SPACE);
        ports.put("port_range", options.hasPortRange() ? options.portRangeLow + "-" + options.portRangeHigh : null);
        ports.put("range_size", options.hasPortRange() ? rangeSize() : null);
        ports.put("translated_flows", translatedFlows);
        ports.put("outside_range", outsideRange);
        ports.put("by_address", top(byAddress.peaks(), NatPortPressure::addressKey, this::addressRow));
        ports.put("by_destination", top(byDestination.peaks(), NatPortPressure::destinationKey, this::destinationRow));
        report.section("nat").put("ports", ports);
    }

    private long rangeSize() {
        return (long) options.portRangeHigh - options.portRangeLow + 1;
    }

    private static String addressKey(long[] k) {
        return address(k) + " " + Protocols.reportName((int) k[2] & 0xff);
    }

    private static String address(long[] k) {
        return Addresses.toString((int) (k[2] >>> 8) & 0xff, k[0], k[1]);
    }

    private Map<String, Object> addressRow(PeakCounts.KeyPeak p, String key) {
        long[] k = p.key();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", key);
        m.put("address", address(k));
        m.put("protocol", Protocols.reportName((int) k[2] & 0xff));
        putPeak(m, p);
        return m;
    }

    private static String destinationKey(long[] k) {
        return Addresses.toString(destinationFamily(k), k[0], k[1]) + " -> " + destination(k) + " "
            + Protocols.reportName((int) (k[4] >>> 16) & 0xff);
    }

    private static int destinationFamily(long[] k) {
        return (int) (k[4] >>> 24) & 0xff;
    }

    private static String destination(long[] k) {
        int family = destinationFamily(k);
        int port = (int) k[4] & 0xffff;
        String host = Addresses.toString(family, k[2], k[3]);
        return family == Addresses.AF_INET6 ? "[" + host + "]:" + port : host + ":" + port;
    }

    private Map<String, Object> destinationRow(PeakCounts.KeyPeak p, String key) {
        long[] k = p.key();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", key);
        m.put("address", Addresses.toString(destinationFamily(k), k[0], k[1]));
        m.put("destination", destination(k));
        m.put("protocol", Protocols.reportName((int) (k[4] >>> 16) & 0xff));
        putPeak(m, p);
        return m;
    }

    private void putPeak(Map<String, Object> m, PeakCounts.KeyPeak p) {
        m.put("peak_ports", p.peak());
        m.put("peak_ts", p.peakTimeMicros() == FlowTable.NO_TIME ? null : Units.epochSeconds(p.peakTimeMicros()));
        m.put("use_pct", percent(p.peak(), PORT_SPACE));
        m.put("range_use_pct", options.hasPortRange() ? percent(p.peak(), rangeSize()) : null);
    }

    /**
     * Highest peak first (the most at risk), then by key; the first {@code options.top}. A key's text is
     * made only when its peak ties the last kept, and a row only for what is kept.
     */
    private List<Object> top(List<PeakCounts.KeyPeak> peaks, Function<long[], String> keyText,
                             BiFunction<PeakCounts.KeyPeak, String, Map<String, Object>> row) {
        FirstN<Candidate> first = new FirstN<>(options.top, Candidate.ORDER);
        for (PeakCounts.KeyPeak p : peaks) {
            Candidate last = first.lastIfFull();
            if (last == null || p.peak() >= last.peak.peak()) {
                first.offer(new Candidate(p, keyText));
            }
        }
        List<Object> out = new ArrayList<>();
        for (Candidate c : first.sorted()) {
            out.add(row.apply(c.peak, c.key()));
        }
        return out;
    }

    /** A key in the running for a list, its text made when first compared. */
    private static final class Candidate {
        static final Comparator<Candidate> ORDER = (a, b) -> {
            int c = Long.compare(b.peak.peak(), a.peak.peak());
            return c != 0 ? c : a.key().compareTo(b.key());
        };
        final PeakCounts.KeyPeak peak;
        private final Function<long[], String> keyText;
        private String key;

        Candidate(PeakCounts.KeyPeak peak, Function<long[], String> keyText) {
            this.peak = peak;
            this.keyText = keyText;
        }

        String key() {
            if (key == null) {
                key = keyText.apply(peak.key());
            }
            return key;
        }
    }

    /** Percentage rounded to four decimals: one port of the 64k space is 0.0015 %, which must not show as 0. */
    private static double percent(long part, long whole) {
        return Math.round(1_000_000.0 * part / whole) / 10_000.0;
    }

}
