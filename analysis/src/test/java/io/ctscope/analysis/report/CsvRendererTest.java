package io.ctscope.analysis.report;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CsvRendererTest {
    /** A small report with one table of every shape, laid out like the real sections. */
    private static Report report() {
        Report r = new Report();
        Map<String, Object> input = r.section("input");
        input.put("files", List.of("events.txt", "dump,2.txt"));
        input.put("formats", map("events.txt", "conntrack -E", "dump,2.txt", "/proc/net/nf_conntrack"));
        input.put("lines", 120L);
        input.put("first_ts", new BigDecimal("1795240180.138637"));
        input.put("last_ts", null);

        Map<String, Object> table = r.section("table");
        table.put("entries", 3L);
        table.put("by_state", map("tcp/ESTABLISHED", 2L, "udp", 1L));
        table.put("fill_ratio", 0.25);
        table.put("max", 65536.0);
        table.put("full", false);

        r.section("top").put("custom", List.of(
            map("address", "10.0.0.2", "flows", 5L, "share", 0.625),
            map("address", "10.0.0.3", "flows", 2L, "note", "said \"hi\", twice")));

        r.section("occupancy").put("series", List.of(new long[] {1795240180L, 3}, new long[] {1795240181L, 4}));
        r.section("occupancy").put("peaks", List.of(List.of(1795240181L, 4L), List.of(1795240190L, 2L)));

        r.section("durations").put("custom", map(
            "tcp", map("count", 2L, "p50", 1.5),
            "udp", map("count", 1L, "p99", 30.0)));

        r.section("events").put("by_state", map("NEW", map("tcp/SYN_SENT", 3L, "udp", 1L)));

        r.section("nat").put("by_address", map("172.20.77.1", map("ports", 10L, "free", 5L)));
        return r;
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    @Test
    void shouldRenderAListOfMapsWithTheUnionOfTheirKeysInOrderOfFirstAppearance() {
        assertEquals("address,flows,share,note\n"
                + "10.0.0.2,5,0.625,\n"
                + "10.0.0.3,2,,\"said \"\"hi\"\", twice\"\n",
            CsvRenderer.render(report(), "top.custom"));
    }

    @Test
    void shouldNameTheColumnsOfASeriesTsAndEntries() {
        assertEquals("ts,entries\n1795240180,3\n1795240181,4\n", CsvRenderer.render(report(), "occupancy.series"));
    }

    @Test
    void shouldNameTheColumnsOfOtherListsOfPairsTsAndValue() {
        assertEquals("ts,value\n1795240181,4\n1795240190,2\n", CsvRenderer.render(report(), "occupancy.peaks"));
    }

    @Test
    void shouldNumberTheValueColumnsOfWiderRows() {
        Report r = new Report();
        r.section("s").put("rows", List.of(List.of(1L, 2L, 3L), List.of(4L, 5L)));
        assertEquals("ts,value_1,value_2\n1,2,3\n4,5,\n", CsvRenderer.render(r, "s.rows"));
    }

    @Test
    void shouldRenderAMapOfMapsWithAKeyColumnThenTheUnionOfInnerKeys() {
        assertEquals("key,count,p50,p99\n"
                + "tcp,2,1.5,\n"
                + "udp,1,,30\n",
            CsvRenderer.render(report(), "durations.custom"));
    }

    @Test
    void shouldRenderAMapOfScalarsAsKeyAndValue() {
        assertEquals("key,value\ntcp/ESTABLISHED,2\nudp,1\n", CsvRenderer.render(report(), "table.by_state"));
        assertEquals("key,value\ntcp/SYN_SENT,3\nudp,1\n", CsvRenderer.render(report(), "events.by_state.NEW"));
        assertEquals("key,value\nevents.txt,conntrack -E\n\"dump,2.txt\",/proc/net/nf_conntrack\n",
            CsvRenderer.render(report(), "input.formats"));
    }

    @Test
    void shouldRenderOnlyTheScalarMembersOfAMixedSectionFormattedAsJsonDoes() {
        assertEquals("key,value\nentries,3\nfill_ratio,0.25\nmax,65536\nfull,false\n",
            CsvRenderer.render(report(), "table"));
        assertEquals("key,value\nlines,120\nfirst_ts,1795240180.138637\nlast_ts,\n",
            CsvRenderer.render(report(), "input"));
    }

    @Test
    void shouldRenderAListOfScalarsAsOneValueColumn() {
        assertEquals("value\nevents.txt\n\"dump,2.txt\"\n", CsvRenderer.render(report(), "input.files"));
    }

    @Test
    void shouldFindKeysThatHoldDots() {
        assertEquals("key,ports,free\n172.20.77.1,10,5\n", CsvRenderer.render(report(), "nat.by_address"));
        assertEquals("key,value\nports,10\nfree,5\n", CsvRenderer.render(report(), "nat.by_address.172.20.77.1"));
    }

    @Test
    void shouldQuoteLineBreaksAndPrintNestedValuesAsCompactJson() {
        Report r = new Report();
        List<Object> rows = new ArrayList<>();
        rows.add(map("name", "two\nlines", "ports", List.of(80L, 443L), "empty", null));
        rows.add(map("name", "plain", "ports", map("low", 1024L), "nan", Double.NaN));
        r.section("odd").put("rows", rows);
        assertEquals("name,ports,empty,nan\n"
                + "\"two\nlines\",\"[80,443]\",,\n"
                + "plain,\"{\"\"low\"\":1024}\",,\n",
            CsvRenderer.render(r, "odd.rows"));
    }

    @Test
    void shouldRenderEmptyTables() {
        Report r = new Report();
        r.section("occupancy").put("series", List.of());
        r.section("top").put("src", List.of());
        r.section("table").put("by_state", new LinkedHashMap<>());
        assertEquals("ts,entries\n", CsvRenderer.render(r, "occupancy.series"));
        assertEquals("key,flows,flows_low,flows_high,bytes,packets,unreplied,peak_entries\n", CsvRenderer.render(r, "top.src"));
        r.section("odd").put("rows", List.of());
        assertEquals("", CsvRenderer.render(r, "odd.rows"));
        assertEquals("key,value\n", CsvRenderer.render(r, "table.by_state"));
    }

    @Test
    void shouldListEveryTabularPathDepthFirstInReportOrder() {
        assertEquals(Arrays.asList("input", "input.files", "input.formats", "table", "table.by_state", "top", "top.custom",
                "occupancy", "occupancy.series", "occupancy.peaks", "durations", "durations.custom",
                "durations.custom.tcp", "durations.custom.udp", "events",
                "events.by_state", "events.by_state.NEW", "nat", "nat.by_address", "nat.by_address.172.20.77.1"),
            CsvRenderer.tabularPaths(report()));
    }

    @Test
    void shouldRejectAnUnknownPathListingTheTablesOfThisReport() {
        Report r = new Report();
        r.section("table").put("entries", 3L);
        r.section("table").put("by_state", map("udp", 1L));
        r.section("top").put("src", List.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> CsvRenderer.render(r, "table.by_nothing"));
        assertEquals("no such table \"table.by_nothing\"; choose one of: table, table.by_state, top, top.src",
            e.getMessage());
    }

    @Test
    void shouldRejectAPathToASingleValue() {
        Report r = new Report();
        r.section("table").put("entries", 3L);
        r.section("table").put("by_state", map("udp", 1L));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> CsvRenderer.render(r, "table.entries"));
        assertEquals("\"table.entries\" is a single value, not a table; choose one of: table, table.by_state",
            e.getMessage());
    }

    /** Documented tables keep their columns whatever the input held, and nested ones come out as rows. */
    @Test
    void shouldGiveADocumentedTableTheSameColumnsWhateverTheInput() {
        Report dump = new Report();
        // a dump without counters (nf_conntrack_acct=0): the talker has no bytes or packets
        dump.section("top").put("src", List.of(map("key", "10.0.0.2", "flows", 5L, "flows_low", 5L, "flows_high", 5L,
            "unreplied", 1L, "peak_entries", 5L)));
        assertEquals("key,flows,flows_low,flows_high,bytes,packets,unreplied,peak_entries\n10.0.0.2,5,5,5,,,1,5\n",
            CsvRenderer.render(dump, "top.src"));
        // absent from this report (no timestamps): still the header
        assertEquals("ts,entries\n", CsvRenderer.render(dump, "occupancy.series"));
        assertEquals("protocol,ts,entries\n", CsvRenderer.render(dump, "occupancy.by_protocol"));
        assertEquals("key,count,p50,p90,p99,max,mean\n", CsvRenderer.render(dump, "durations.lifetime"));
        assertEquals("key,address,destination,protocol,peak_ports,peak_ts,use_pct,range_use_pct\n",
            CsvRenderer.render(dump, "nat.ports.by_destination"));
    }

    @Test
    void shouldRenderOccupancyPerProtocolAndEventCountsAsRows() {
        Report r = new Report();
        r.section("occupancy").put("by_protocol", map(
            "tcp", map("peak", 4L, "series", List.of(new long[] {100L, 3}, new long[] {101L, 4})),
            "udp", map("peak", 1L, "series", List.of(List.of(100L, 1L)))));
        assertEquals("protocol,ts,entries\ntcp,100,3\ntcp,101,4\nudp,100,1\n", CsvRenderer.render(r, "occupancy.by_protocol"));
        assertEquals("ts,entries\n100,3\n101,4\n", CsvRenderer.render(r, "occupancy.by_protocol.tcp.series"));
        r.section("events").put("by_state", map("NEW", map("tcp/SYN_SENT", 3L), "DESTROY", map("udp", 2L, "tcp/CLOSE", 1L)));
        assertEquals("event,state,count\nNEW,tcp/SYN_SENT,3\nDESTROY,udp,2\nDESTROY,tcp/CLOSE,1\n",
            CsvRenderer.render(r, "events.by_state"));
    }
}
