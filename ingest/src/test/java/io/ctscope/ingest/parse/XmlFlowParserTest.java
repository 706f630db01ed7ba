package io.ctscope.ingest.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ctscope.ingest.TestFiles;
import io.ctscope.ingest.record.Addresses;
import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.Field;
import io.ctscope.ingest.record.Flags;
import io.ctscope.ingest.record.Protocols;
import io.ctscope.ingest.record.RecordKind;
import io.ctscope.ingest.record.Tuple;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class XmlFlowParserTest {
    private static final String EVENTS_FILE = "events_xml__mk-fg_conntrack-logger__issue4.txt";
    private static final String LIST_FILE = "events_xml__tsuru_bs__list_o_xml_docker.txt";

    private static final String IPV4_TCP_TUPLES =
        "<meta direction=\"original\"><layer3 protonum=\"2\" protoname=\"ipv4\"><src>10.0.0.1</src><dst>10.0.0.2</dst></layer3>"
            + "<layer4 protonum=\"6\" protoname=\"tcp\"><sport>40000</sport><dport>443</dport></layer4></meta>"
            + "<meta direction=\"reply\"><layer3 protonum=\"2\" protoname=\"ipv4\"><src>10.0.0.2</src><dst>10.0.0.1</dst></layer3>"
            + "<layer4 protonum=\"6\" protoname=\"tcp\"><sport>443</sport><dport>40000</dport></layer4></meta>";

    private static final String RICH_IPV6_UDP =
        "<flow type=\"destroy\"><meta direction=\"original\"><layer3 protonum=\"10\" protoname=\"ipv6\">"
            + "<src>fd77::2</src><dst>2001:db8::53</dst></layer3>"
            + "<layer4 protonum=\"17\" protoname=\"udp\"><sport>5353</sport><dport>53</dport></layer4>"
            + "<zone>3</zone><counters><packets>2</packets><bytes>140</bytes></counters></meta>"
            + "<meta direction=\"reply\"><layer3 protonum=\"10\" protoname=\"ipv6\">"
            + "<src>2001:db8::53</src><dst>fd77::2</dst></layer3>"
            + "<layer4 protonum=\"17\" protoname=\"udp\"><sport>53</sport><dport>5353</dport></layer4>"
            + "<zone>4</zone><counters><packets>1</packets><bytes>12345678901234</bytes></counters></meta>"
            + "<meta direction=\"independent\"><timeout>30</timeout><mark>4294967295</mark>"
            + "<labels><label>web</label><label>eu</label></labels><secmark>7</secmark>"
            + "<secctx>system_u:object_r:unlabeled_t:s0</secctx><zone>9</zone><use>2</use><id>3735928559</id>"
            + "<assured/><timestamp><start>1700000000123456789</start><stop>1700000042999999999</stop></timestamp>"
            + "<deltatime>42</deltatime></meta>"
            + "<when><hour>5</hour><min>07</min><sec>09</sec><wday>1</wday><day>29</day><month>2</month><year>2024</year></when>"
            + "<helper>tftp</helper></flow>";

    private final XmlFlowParser parser = new XmlFlowParser();
    private final ConntrackRecord r = new ConntrackRecord();

    @Test
    void shouldParseNewEventWithWhenBlock() throws IOException {
        List<String> lines = corpus(EVENTS_FILE);
        assertEquals(ParseStatus.RECORD, parse(lines.get(0)));

        assertEquals(RecordKind.NEW, r.kind);
        assertEquals(Addresses.AF_INET, r.family);
        assertEquals(Protocols.TCP, r.protocol);
        assertTrue(r.has(Field.L3_COLUMNS));
        assertTrue(r.has(Field.REPLY));
        assertTuple(r.orig, "192.168.0.2", "1.75.7.178", 33367, 80);
        assertTuple(r.reply, "1.75.7.178", "1.2.4.5", 80, 33367);
        assertEquals("SYN_SENT", r.stateName());
        assertTrue(r.has(Field.TIMEOUT));
        assertEquals(120, r.timeout);
        assertTrue(r.has(Field.ID));
        assertEquals(501034516L, r.id);
        assertTrue(r.hasFlag(Flags.UNREPLIED));
        assertFalse(r.hasFlag(Flags.ASSURED));
        assertFalse(r.has(Field.MARK));
        assertFalse(r.has(Field.USE));
        assertTrue(r.has(Field.TIMESTAMP));
        long expected = LocalDateTime.of(2017, 7, 11, 21, 39, 50).toEpochSecond(ZoneOffset.UTC);
        assertEquals(expected * 1_000_000L, r.timestampMicros);
        assertEquals(0, r.unknownFields);
    }

    @Test
    void shouldParseEveryLineOfTheListDumpAsEntriesOrMarkup() throws IOException {
        List<String> lines = corpus(LIST_FILE);
        assertEquals(21, lines.size());
        assertEquals(ParseStatus.SKIP_MARKUP, parse(lines.get(0)));
        assertEquals(ParseStatus.SKIP_MARKUP, parse(lines.get(1)));
        assertEquals(ParseStatus.SKIP_MARKUP, parse(lines.get(20)));
        for (int i = 2; i < 20; i++) {
            assertEquals(ParseStatus.RECORD, parse(lines.get(i)), lines.get(i));
            assertEquals(RecordKind.ENTRY, r.kind);
            assertEquals(Addresses.AF_INET, r.family);
            assertEquals(Protocols.TCP, r.protocol);
            assertEquals("ESTABLISHED", r.stateName());
            assertTrue(r.hasFlag(Flags.ASSURED));
            assertFalse(r.hasFlag(Flags.UNREPLIED));
            assertTrue(r.has(Field.MARK) && r.mark == 0);
            assertTrue(r.has(Field.USE) && r.has(Field.ID) && r.has(Field.TIMEOUT));
            assertFalse(r.has(Field.TIMESTAMP));
            assertEquals(r.orig.sport, r.reply.dport);
            assertEquals(r.orig.dport, r.reply.sport);
        }

        parse(lines.get(2));
        assertTuple(r.orig, "192.168.50.4", "192.168.50.4", 33404, 2375);
        assertTuple(r.reply, "192.168.50.4", "192.168.50.4", 2375, 33404);
        assertEquals(431975, r.timeout);
        assertEquals(1, r.use);
        assertEquals(907489792L, r.id);

        parse(lines.get(7));
        assertTuple(r.orig, "192.168.50.4", "192.168.50.4", 53922, 5000);
        assertTuple(r.reply, "172.17.0.1", "192.168.50.4", 5000, 53922);
        assertEquals(907490432L, r.id);

        parse(lines.get(18));
        assertEquals(2, r.use);
        assertEquals(907485632L, r.id);
    }

    @Test
    void shouldGiveRecordOrMarkupForEveryCorpusXmlLine() throws IOException {
        for (String file : new String[] {EVENTS_FILE, LIST_FILE}) {
            for (String line : corpus(file)) {
                int status = parse(line);
                assertTrue(status == ParseStatus.RECORD || status == ParseStatus.SKIP_MARKUP,
                    file + ": " + parser.describeError(status) + ": " + line);
            }
        }
    }

    @Test
    void shouldSkipFramingMarkupWithSurroundingWhitespace() {
        assertEquals(ParseStatus.SKIP_MARKUP, parse("<?xml version=\"1.0\" encoding=\"utf-8\"?>"));
        assertEquals(ParseStatus.SKIP_MARKUP, parse("<conntrack>"));
        assertEquals(ParseStatus.SKIP_MARKUP, parse("</conntrack>"));
        assertEquals(ParseStatus.SKIP_MARKUP, parse("  <?xml version=\"1.0\" encoding=\"utf-8\"?>\t<conntrack>  \r"));
        assertEquals(ParseStatus.SKIP_MARKUP, parse("\t</conntrack>\r"));
    }

    @Test
    void shouldSkipBlankLinesAndRecogniseTheStderrLines() {
        assertEquals(ParseStatus.SKIP_BLANK, parse(""));
        assertEquals(ParseStatus.SKIP_BLANK, parse(" \t\r"));
        assertEquals(ParseStatus.SKIP_SUMMARY_EVENTS, parse("conntrack v1.4.7 (conntrack-tools): 12 flow events have been shown."));
        assertEquals(ParseStatus.SKIP_SUMMARY, parse("conntrack v1.4.7 (conntrack-tools): 18 flow entries have been shown."));
        assertEquals(ParseStatus.LOSS_WARNING, parse("WARNING: We have hit ENOBUFS! We are losing events."));
        assertEquals(ParseStatus.ERR_NOT_CONNTRACK, parse("hello world"));
    }

    @Test
    void shouldParseAFlowThatSharesItsLineWithTheFraming() {
        assertEquals(ParseStatus.RECORD, parse("<conntrack><flow>" + IPV4_TCP_TUPLES + "</flow></conntrack>"));
        assertEquals(RecordKind.ENTRY, r.kind);
    }

    @Test
    void shouldReadTheEventKindFromTheTypeAttribute() {
        assertEquals(ParseStatus.RECORD, parse("<flow type=\"update\">" + IPV4_TCP_TUPLES + "</flow>"));
        assertEquals(RecordKind.UPDATE, r.kind);
        assertEquals(ParseStatus.RECORD, parse("<flow type=\"destroy\">" + IPV4_TCP_TUPLES + "</flow>"));
        assertEquals(RecordKind.DESTROY, r.kind);
        assertEquals(ParseStatus.RECORD, parse("<flow type='new'>" + IPV4_TCP_TUPLES + "</flow>"));
        assertEquals(RecordKind.NEW, r.kind);
        assertEquals(ParseStatus.RECORD, parse("<flow>" + IPV4_TCP_TUPLES + "</flow>"));
        assertEquals(RecordKind.ENTRY, r.kind);
        assertFalse(r.has(Field.STATE));
        assertFalse(r.has(Field.TIMEOUT));
        assertEquals(ParseStatus.ERR_BAD_EVENT_TAG, parse("<flow type=\"created\">" + IPV4_TCP_TUPLES + "</flow>"));
    }

    @Test
    void shouldParseIpv6CountersZonesAndEveryIndependentField() {
        assertEquals(ParseStatus.RECORD, parse(RICH_IPV6_UDP), parser.describeError(parse(RICH_IPV6_UDP)));
        assertEquals(RecordKind.DESTROY, r.kind);
        assertEquals(Addresses.AF_INET6, r.family);
        assertEquals(Protocols.UDP, r.protocol);
        assertTuple(r.orig, "fd77::2", "2001:db8::53", 5353, 53);
        assertTuple(r.reply, "2001:db8::53", "fd77::2", 53, 5353);
        assertTrue(r.orig.hasZone && r.orig.zone == 3);
        assertTrue(r.reply.hasZone && r.reply.zone == 4);
        assertTrue(r.orig.hasCounters && r.orig.packets == 2 && r.orig.bytes == 140);
        assertEquals(12345678901234L, r.reply.bytes);
        assertNull(r.stateName());
        assertEquals(30, r.timeout);
        assertEquals(4294967295L, r.mark);
        assertTrue(r.has(Field.LABELS));
        assertEquals("web,eu", r.labels.toString());
        assertEquals(7, r.secmark);
        assertEquals("system_u:object_r:unlabeled_t:s0", r.secctx.toString());
        assertTrue(r.has(Field.ZONE) && r.zone == 9);
        assertEquals(2, r.use);
        assertEquals(3735928559L, r.id);
        assertTrue(r.hasFlag(Flags.ASSURED));
        assertTrue(r.has(Field.START) && r.startSec == 1700000000L);
        assertTrue(r.has(Field.STOP) && r.stopSec == 1700000042L);
        assertTrue(r.has(Field.DELTA_TIME) && r.deltaTime == 42);
        assertTrue(r.has(Field.HELPER));
        assertEquals("tftp", r.helper.toString());
        long expected = LocalDateTime.of(2024, 2, 29, 5, 7, 9).toEpochSecond(ZoneOffset.UTC);
        assertEquals(expected * 1_000_000L, r.timestampMicros);
        assertEquals(0, r.unknownFields);
    }

    @Test
    void shouldParseIcmpAndGreTuplesAndOffloadFlags() {
        String icmp = "<flow><meta direction=\"original\"><layer3 protonum=\"2\" protoname=\"ipv4\"><src>10.1.1.1</src>"
            + "<dst>10.1.1.2</dst></layer3><layer4 protonum=\"1\" protoname=\"icmp\"><type>8</type><code>0</code><id>4242</id>"
            + "</layer4></meta><meta direction=\"reply\"><layer3 protonum=\"2\" protoname=\"ipv4\"><src>10.1.1.2</src>"
            + "<dst>10.1.1.1</dst></layer3><layer4 protonum=\"1\" protoname=\"icmp\"></layer4></meta>"
            + "<meta direction=\"independent\"><timeout>29</timeout><offload/></meta></flow>";
        assertEquals(ParseStatus.RECORD, parse(icmp));
        assertEquals(Protocols.ICMP, r.protocol);
        assertEquals(8, r.orig.icmpType);
        assertEquals(0, r.orig.icmpCode);
        assertEquals(4242, r.orig.icmpId);
        assertFalse(r.has(Field.ID));
        assertTrue(r.hasFlag(Flags.OFFLOAD));

        String gre = "<flow><meta direction=\"original\"><layer3 protonum=\"2\" protoname=\"ipv4\"><src>10.1.1.1</src>"
            + "<dst>10.1.1.2</dst></layer3><layer4 protonum=\"47\" protoname=\"gre\"><srckey>0x0</srckey><dstkey>0x1a2b</dstkey>"
            + "</layer4></meta><meta direction=\"reply\"><layer3 protonum=\"2\" protoname=\"ipv4\"><src>10.1.1.2</src>"
            + "<dst>10.1.1.1</dst></layer3><layer4 protonum=\"47\" protoname=\"gre\"><srckey>0x1a2b</srckey>"
            + "<dstkey>0x0</dstkey></layer4></meta><meta direction=\"independent\"><hw-offload/></meta></flow>";
        assertEquals(ParseStatus.RECORD, parse(gre));
        assertEquals(Protocols.GRE, r.protocol);
        assertEquals(0, r.orig.greSrcKey);
        assertEquals(0x1a2b, r.orig.greDstKey);
        assertEquals(0x1a2b, r.reply.greSrcKey);
        assertTrue(r.hasFlag(Flags.HW_OFFLOAD));
        assertFalse(r.hasFlag(Flags.OFFLOAD));
    }

    @Test
    void shouldSkipAndCountUnknownElements() {
        String line = "<flow type=\"new\"><future a=\"1\"><deep><deeper/>text</deep></future>"
            + IPV4_TCP_TUPLES.replace("</layer4></meta><meta direction=\"reply\">",
                "<flowlabel>7</flowlabel></layer4></meta><meta direction=\"reply\">")
            + "<meta direction=\"independent\"><state>ESTABLISHED</state><brand-new/><timeout>5</timeout></meta>"
            + "<meta direction=\"sideways\"><x/></meta></flow>";
        assertEquals(ParseStatus.RECORD, parse(line));
        assertEquals(4, r.unknownFields);
        assertEquals("ESTABLISHED", r.stateName());
        assertEquals(5, r.timeout);
    }

    @Test
    void shouldClearTheRecordBetweenLines() {
        assertEquals(ParseStatus.RECORD, parse(RICH_IPV6_UDP));
        assertEquals(ParseStatus.RECORD, parse("<flow>" + IPV4_TCP_TUPLES + "</flow>"));
        assertEquals(Addresses.AF_INET, r.family);
        assertEquals(0L, r.present & ~(Field.L3_COLUMNS | Field.REPLY | Field.FROM_XML));
        assertEquals(0, r.flags);
        assertFalse(r.orig.hasCounters || r.orig.hasZone);
    }

    @Test
    void shouldRejectIncompleteOrInconsistentFlowsWithAReason() {
        String orig = IPV4_TCP_TUPLES.substring(0, IPV4_TCP_TUPLES.indexOf("<meta direction=\"reply\">"));
        assertEquals(ParseStatus.ERR_NO_REPLY, parse("<flow>" + orig + "</flow>"));
        assertEquals(ParseStatus.ERR_NO_ORIGINAL, parse("<flow></flow>"));
        assertEquals(ParseStatus.ERR_NO_PORTS, parse("<flow>" + IPV4_TCP_TUPLES.replace("<sport>443</sport>", "") + "</flow>"));
        assertEquals(ParseStatus.ERR_BAD_ADDRESS, parse("<flow>" + IPV4_TCP_TUPLES.replace("10.0.0.1<", "10.0.0.999<") + "</flow>"));
        assertEquals(ParseStatus.ERR_BAD_NUMBER, parse("<flow>" + IPV4_TCP_TUPLES.replace(">443<", ">65536<") + "</flow>"));
        assertEquals(ParseStatus.ERR_BAD_NUMBER, parse("<flow>" + IPV4_TCP_TUPLES + "<meta direction=\"independent\">"
            + "<timeout>-1</timeout></meta></flow>"));
        assertEquals(ParseStatus.ERR_BAD_STATE, parse("<flow>" + IPV4_TCP_TUPLES + "<meta direction=\"independent\">"
            + "<state>est ab</state></meta></flow>"));
        assertEquals(ParseStatus.ERR_BAD_L3, parse("<flow>" + IPV4_TCP_TUPLES.replace("protonum=\"2\"", "protonum=\"7\"") + "</flow>"));
        assertEquals(ParseStatus.ERR_FAMILY_MISMATCH, parse("<flow>" + IPV4_TCP_TUPLES.replace("10.0.0.2<", "fd00::2<") + "</flow>"));
        assertEquals(ParseStatus.ERR_BAD_PROTOCOL, parse("<flow>" + IPV4_TCP_TUPLES.replaceFirst("protonum=\"6\"", "protonum=\"17\"") + "</flow>"));
        assertEquals(ParseStatus.ERR_TOO_MANY_TUPLES, parse("<flow>" + IPV4_TCP_TUPLES + orig + "</flow>"));
        assertEquals(ParseStatus.ERR_BAD_TIMESTAMP, parse("<flow>" + IPV4_TCP_TUPLES + "<when><hour>25</hour><min>0</min>"
            + "<sec>0</sec><day>1</day><month>1</month><year>2020</year></when></flow>"));
        assertEquals(ParseStatus.ERR_BAD_XML, parse("<flow>" + IPV4_TCP_TUPLES.replace("</sport>", "</dport>") + "</flow>"));
        assertEquals(ParseStatus.ERR_BAD_XML, parse("<flow>" + IPV4_TCP_TUPLES + "</flow><flow>" + IPV4_TCP_TUPLES + "</flow>"));
        assertEquals(ParseStatus.ERR_BAD_XML, parse("<flow>" + IPV4_TCP_TUPLES + "</flow> trailing"));
        assertEquals(ParseStatus.ERR_BAD_XML, parse("<flow>stray text" + IPV4_TCP_TUPLES + "</flow>"));
        assertEquals(ParseStatus.ERR_BAD_XML, parse("<flow" + IPV4_TCP_TUPLES + "</flow>"));
        assertEquals(ParseStatus.ERR_BAD_XML, parse("<flow type=new>" + IPV4_TCP_TUPLES + "</flow>"));
        assertTrue(parser.describeError(ParseStatus.ERR_BAD_XML).startsWith(ParseStatus.reason(ParseStatus.ERR_BAD_XML)));
    }

    @Test
    void shouldNeverThrowOnALineTruncatedAtEveryBytePosition() throws IOException {
        List<String> lines = new java.util.ArrayList<>(corpus(EVENTS_FILE));
        lines.addAll(corpus(LIST_FILE));
        lines.add(RICH_IPV6_UDP);
        for (String line : lines) {
            byte[] b = line.getBytes(StandardCharsets.UTF_8);
            int full = parser.parse(b, 0, b.length, r);
            for (int cut = 0; cut < b.length; cut++) {
                int head = parser.parse(b, 0, cut, r);
                assertTrue(head != ParseStatus.RECORD || full != ParseStatus.RECORD,
                    "prefix of " + cut + " bytes parsed as a record: " + line);
                assertValidStatus(head);
                int tail = parser.parse(b, cut + 1, b.length, r);
                assertNotEquals(ParseStatus.RECORD, full == ParseStatus.RECORD ? tail : -1);
                assertValidStatus(tail);
            }
        }
    }

    @Test
    void shouldNeverThrowOnRandomGarbageOrMutatedFlows() {
        Random random = new Random(20240601L);
        byte[] alphabet = "<>/=\"' ?!abcdefghijklmnopqrstuvwxyz0123456789.:-_\t\r\n\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        byte[] garbage = new byte[512];
        for (int i = 0; i < 50_000; i++) {
            int len = random.nextInt(garbage.length);
            boolean fromAlphabet = random.nextBoolean();
            for (int j = 0; j < len; j++) {
                garbage[j] = fromAlphabet ? alphabet[random.nextInt(alphabet.length)] : (byte) random.nextInt(256);
            }
            assertValidStatus(parser.parse(garbage, 0, len, r));
        }
        byte[] valid = RICH_IPV6_UDP.getBytes(StandardCharsets.UTF_8);
        byte[] mutated = new byte[valid.length];
        for (int i = 0; i < 50_000; i++) {
            System.arraycopy(valid, 0, mutated, 0, valid.length);
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                mutated[random.nextInt(valid.length)] = alphabet[random.nextInt(alphabet.length)];
            }
            assertValidStatus(parser.parse(mutated, 0, mutated.length, r));
        }
    }

    @Test
    void shouldNotAllocateWhileParsingValidFlows() throws IOException {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        byte[][] lines = {
            corpus(EVENTS_FILE).get(0).getBytes(StandardCharsets.UTF_8),
            corpus(LIST_FILE).get(2).getBytes(StandardCharsets.UTF_8),
            RICH_IPV6_UDP.getBytes(StandardCharsets.UTF_8),
        };
        int sink = 0;
        for (int i = 0; i < 30_000; i++) {
            byte[] b = lines[i % lines.length];
            sink += parser.parse(b, 0, b.length, r);
        }
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 30_000; i++) {
            byte[] b = lines[i % lines.length];
            sink += parser.parse(b, 0, b.length, r);
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertEquals(0, sink);
        assertTrue(allocated < 4096, "allocated " + allocated + " bytes for 30000 lines");
    }

    private int parse(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return parser.parse(b, 0, b.length, r);
    }

    private static void assertTuple(Tuple t, String src, String dst, int sport, int dport) {
        assertEquals(src, Addresses.toString(t.addrFamily == 6 ? Addresses.AF_INET6 : Addresses.AF_INET, t.srcHi, t.srcLo));
        assertEquals(dst, Addresses.toString(t.addrFamily == 6 ? Addresses.AF_INET6 : Addresses.AF_INET, t.dstHi, t.dstLo));
        assertEquals(sport, t.sport);
        assertEquals(dport, t.dport);
    }

    private static void assertNull(Object o) {
        org.junit.jupiter.api.Assertions.assertNull(o);
    }

    private static void assertValidStatus(int status) {
        assertTrue(status == ParseStatus.SKIP_BLANK || ParseStatus.isSummary(status)
            || status == ParseStatus.SKIP_MARKUP || status == ParseStatus.LOSS_WARNING || status == ParseStatus.RECORD
            || (ParseStatus.isError(status) && status <= ParseStatus.ERR_FIELD_OUTSIDE_TUPLE), "status " + status);
    }

    private static List<String> corpus(String name) throws IOException {
        return Files.readAllLines(TestFiles.corpus().resolve(name), StandardCharsets.UTF_8);
    }
}
