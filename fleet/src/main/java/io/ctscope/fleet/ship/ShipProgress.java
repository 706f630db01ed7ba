package io.ctscope.fleet.ship;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The value of a box's progress record, written in the transaction that ships the records up to it:
 * <pre>version u8 (1) | lastIndex i64 | journal id utf | host utf</pre>
 * The journal id ({@link JournalIdentity}) tells which machine's journal the box's records come from.
 */
public record ShipProgress(long lastIndex, String journalId, String host) {
    static final int VERSION = 1;

    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeLong(lastIndex);
            out.writeUTF(journalId);
            out.writeUTF(host);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The progress in {@code value}, or null when it is not a progress record this build reads. */
    public static ShipProgress decode(byte[] value) {
        if (value == null || value.length < 9 || value[0] != VERSION) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value, 1, value.length - 1))) {
            return new ShipProgress(in.readLong(), in.readUTF(), in.readUTF());
        } catch (IOException e) {
            return null;
        }
    }
}
