package io.ctscope.fleet.ship;

import java.nio.ByteBuffer;

/** Headers of an events record: the journal index of the record (8 bytes, big endian). */
public final class ShipHeaders {
    public static final String INDEX = "ctscope.index";

    private ShipHeaders() {
    }

    static byte[] index(long index) {
        return ByteBuffer.allocate(8).putLong(index).array();
    }

    /** The index in a header value, or -1 when it is not 8 bytes. */
    public static long index(byte[] value) {
        return value == null || value.length != 8 ? -1 : ByteBuffer.wrap(value).getLong();
    }
}
