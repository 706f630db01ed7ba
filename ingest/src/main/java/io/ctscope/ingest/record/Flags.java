package io.ctscope.ingest.record;

/** Bit flags printed in square brackets on a conntrack line. */
public final class Flags {
    public static final int UNREPLIED = 1;
    public static final int ASSURED = 1 << 1;
    public static final int OFFLOAD = 1 << 2;
    public static final int HW_OFFLOAD = 1 << 3;
    /** {@code [USERSPACE]}: the event was caused by a userspace program (newer conntrack-tools). */
    public static final int USERSPACE = 1 << 4;

    private Flags() {
    }

    public static boolean has(int flags, int flag) {
        return (flags & flag) != 0;
    }
}
