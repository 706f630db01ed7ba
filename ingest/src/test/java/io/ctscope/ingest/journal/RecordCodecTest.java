package io.ctscope.ingest.journal;

import static io.ctscope.ingest.journal.JournalTestRecords.assertSameRecord;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ctscope.ingest.record.Addresses;
import io.ctscope.ingest.record.ConnState;
import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.Field;
import io.ctscope.ingest.record.Flags;
import io.ctscope.ingest.record.Protocols;
import io.ctscope.ingest.record.RecordKind;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RecordCodecTest {
    private final RecordCodec codec = new RecordCodec();
    private final Bytes<?> bytes = Bytes.allocateElasticDirect(1024);
    private final ConntrackRecord decoded = new ConntrackRecord();

    @AfterEach
    void release() {
        bytes.releaseLast();
    }

    @Test
    void previousLayoutIs304FixedBytesWithTwo88ByteTuples() {
        assertEquals(88, RecordLayoutV1.TUPLE_LENGTH);
        assertEquals(304, RecordLayoutV1.FIXED_LENGTH);
        assertEquals(128, RecordLayoutV1.ORIG_OFFSET);
    }

    @Test
    void fixedStateCodesMeanTheSameNamesAsWhenTheFormatWasDefined() {
        // the on-disk meaning of state codes 0..27 (format version 1): ConnState may only append to its list
        List<String> v1 = List.of("NONE", "SYN_SENT", "SYN_RECV", "ESTABLISHED", "FIN_WAIT", "CLOSE_WAIT", "LAST_ACK",
            "TIME_WAIT", "CLOSE", "SYN_SENT2", "LISTEN", "CLOSED", "COOKIE_WAIT", "COOKIE_ECHOED", "SHUTDOWN_SENT",
            "SHUTDOWN_RECD", "SHUTDOWN_ACK_SENT", "HEARTBEAT_SENT", "HEARTBEAT_ACKED", "REQUEST", "RESPOND", "PARTOPEN",
            "OPEN", "CLOSEREQ", "CLOSING", "TIMEWAIT", "IGNORE", "INVALID");
        assertEquals(RecordLayoutV1.FIXED_STATE_CODES, v1.size());
        for (int code = 0; code < v1.size(); code++) {
            assertEquals(v1.get(code), ConnState.name(code), "state code " + code);
        }
        assertTrue(ConnState.OTHER >= RecordLayoutV1.FIXED_STATE_CODES);
    }

    @Test
    void everyCorpusRecordSurvivesTheRoundTrip() {
        List<ConntrackRecord> records = JournalTestRecords.corpusRecords();
        assertTrue(records.size() > 1500, "corpus records: " + records.size());
        long endOffset = 0;
        for (ConntrackRecord r : records) {
            bytes.clear();
            endOffset += 7;
            codec.encode(r, endOffset, bytes);
            assertTrue(bytes.writePosition() <= RecordLayoutV1.maxEncodedLength(r), "never larger than the old layout");
            assertEquals(endOffset, codec.decode(bytes, decoded));
            assertEquals(0, bytes.readRemaining(), "decode consumes exactly what encode wrote");
            assertSameRecord(r, decoded);
        }
    }

    @Test
    void theCompactLayoutTakesAFifthOfTheOldOne() {
        List<ConntrackRecord> records = JournalTestRecords.corpusRecords();
        long v2 = 0;
        long v1 = 0;
        RecordLayoutV1 old = new RecordLayoutV1();
        for (ConntrackRecord r : records) {
            bytes.clear();
            codec.encode(r, r.offset + 100, bytes);
            v2 += bytes.writePosition();
            bytes.clear();
            old.encode(r, r.offset + 100, bytes);
            v1 += bytes.writePosition();
        }
        double mean = (double) v2 / records.size();
        // the bound is 64 bytes a record on disk, Chronicle's 4-byte excerpt header included
        assertTrue(mean + 4 <= 64, "mean " + mean + " bytes a record (old layout " + (double) v1 / records.size() + ")");
        assertTrue(v2 * 5 <= v1, v2 + " vs " + v1 + " bytes");
    }

    @Test
    void recordsOfThePreviousLayoutAreRead() {
        RecordLayoutV1 v1 = new RecordLayoutV1();
        List<ConntrackRecord> records = new java.util.ArrayList<>(JournalTestRecords.corpusRecords().subList(0, 300));
        records.add(richRecord());
        for (int i = 0; i < records.size(); i++) {
            bytes.clear();
            v1.encode(records.get(i), 1000L + i, bytes);
            assertEquals(1, bytes.readUnsignedByte(0));
            assertEquals(1000L + i, codec.decode(bytes, decoded));
            assertSameRecord(records.get(i), decoded);
        }
    }

    @Test
    void aCorruptedByteIsCaughtByTheChecksum() {
        codec.encode(richRecord(), 1, bytes);
        for (long at = 1; at < bytes.writePosition(); at += 7) {
            byte was = bytes.readByte(at);
            bytes.writeByte(at, (byte) (was ^ 0x10));
            bytes.readPosition(0);
            JournalDamageException e = assertThrows(JournalDamageException.class, () -> codec.decode(bytes, decoded));
            assertTrue(e.getMessage().contains("checksum"), e.getMessage());
            bytes.writeByte(at, was);
        }
        bytes.readPosition(0);
        codec.decode(bytes, decoded);
        assertSameRecord(richRecord(), decoded);
    }

    @Test
    void textFieldsExtremeValuesAndARunTimeStateSurvive() {
        ConntrackRecord r = richRecord();
        codec.encode(r, Long.MAX_VALUE, bytes);
        assertEquals(Long.MAX_VALUE, codec.decode(bytes, decoded));
        assertSameRecord(r, decoded);
        assertEquals("SOME_FUTURE_STATE", decoded.stateName());
    }

    @Test
    void decodingOverwritesWhateverTheRecordHeldBefore() {
        codec.encode(richRecord(), 1, bytes);
        codec.decode(bytes, decoded);
        ConntrackRecord plain = new ConntrackRecord();
        plain.family = Addresses.AF_INET;
        plain.protocol = Protocols.UDP;
        plain.orig.sport = 53;
        bytes.clear();
        codec.encode(plain, 2, bytes);
        codec.decode(bytes, decoded);
        assertSameRecord(plain, decoded);
    }

    @Test
    void aRecordOfANewerFormatVersionIsRefusedByName() {
        codec.encode(richRecord(), 1, bytes);
        bytes.writeByte(0, (byte) (RecordCodec.VERSION + 1));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> codec.decode(bytes, decoded));
        assertTrue(e.getMessage().contains("journal record format version 3: this build reads versions 1 to 2"),
            e.getMessage());
    }

    @Test
    void zeroedOrTruncatedRecordsAreDamage() {
        bytes.writeSkip(RecordLayoutV1.FIXED_LENGTH - 1);
        assertThrows(JournalDamageException.class, () -> codec.decode(bytes, decoded));
        bytes.clear();
        codec.encode(richRecord(), 1, bytes);
        long length = bytes.writePosition();
        bytes.writePosition(length - 3);
        assertThrows(JournalDamageException.class, () -> codec.decode(bytes, decoded));
    }

    @Test
    void encodingAndDecodingAllocateNothingOnceWarm() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        List<ConntrackRecord> records = JournalTestRecords.corpusRecords();
        ConntrackRecord rich = richRecord();
        Runnable loop = () -> {
            for (ConntrackRecord r : records) {
                bytes.clear();
                codec.encode(r, 1, bytes);
                codec.decode(bytes, decoded);
            }
            bytes.clear();
            codec.encode(rich, 1, bytes);
            codec.decode(bytes, decoded);
        };
        for (int i = 0; i < 20; i++) {
            loop.run();
        }
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 10; i++) {
            loop.run();
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        // the measuring call itself may allocate a little; per record it must be nothing
        assertTrue(allocated < 10L * records.size(), allocated + " bytes allocated for " + 10 * records.size() + " records");
    }

    static ConntrackRecord richRecord() {
        ConntrackRecord r = new ConntrackRecord();
        r.kind = RecordKind.DESTROY;
        r.family = Addresses.AF_INET6;
        r.protocol = Protocols.SCTP;
        r.present = Field.TIMESTAMP | Field.TIMEOUT | Field.STATE | Field.MARK | Field.SECMARK | Field.ZONE
            | Field.SECCTX | Field.DELTA_TIME | Field.START | Field.STOP | Field.HELPER | Field.USE | Field.ID
            | Field.LABELS | Field.PORTID | Field.PROGNAME | Field.REPLY | Field.L3_COLUMNS;
        r.timestampMicros = 1_712_345_678_123_456L;
        r.timeout = 432000;
        r.state = ConnState.code("SOME_FUTURE_STATE");
        r.flags = Flags.ASSURED | Flags.HW_OFFLOAD | Flags.USERSPACE;
        r.mark = 0xffffffffL;
        r.secmark = Long.MAX_VALUE;
        r.zone = 65535;
        set(r.secctx, "system_u:object_r:unlabeled_t:s0");
        r.deltaTime = 123456789L;
        r.startSec = 1_700_000_000L;
        r.stopSec = 1_700_000_999L;
        set(r.helper, "ftp\\x20quoted");
        r.use = Integer.MAX_VALUE;
        r.id = 0xfffffffeL;
        set(r.labels, "x".repeat(300));
        r.portid = 4_000_000_000L;
        set(r.progname, "conntrackd");
        r.unknownFields = 3;
        r.source = 77;
        r.offset = 1L << 40;
        r.line = 123_456_789_012L;
        r.orig.srcHi = 0x20010db800000000L;
        r.orig.srcLo = 0x0000000000000001L;
        r.orig.dstHi = -1L;
        r.orig.dstLo = Long.MIN_VALUE;
        r.orig.hasSrc = r.orig.hasDst = true;
        r.orig.addrFamily = 6;
        r.orig.sport = 65535;
        r.orig.dport = 0;
        r.orig.hasCounters = true;
        r.orig.packets = Long.MAX_VALUE;
        r.orig.bytes = 1L << 50;
        r.orig.hasZone = true;
        r.orig.zone = 7;
        r.reply.copyFrom(r.orig);
        r.reply.icmpType = 255;
        r.reply.icmpCode = 0;
        r.reply.icmpId = 65535;
        r.reply.greSrcKey = 0xffffffffL;
        r.reply.greDstKey = 0;
        r.reply.hasZone = false;
        r.reply.zone = 0; // a zone without its flag is not data (parsers never leave one): the compact layout drops it
        return r;
    }

    private static void set(io.ctscope.ingest.record.TextValue v, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        v.set(b, 0, b.length);
    }
}
