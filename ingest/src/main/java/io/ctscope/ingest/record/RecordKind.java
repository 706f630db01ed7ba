package io.ctscope.ingest.record;

/** What a record is: an event from {@code conntrack -E}, or one entry of a table dump. */
public enum RecordKind {
    NEW, UPDATE, DESTROY, ENTRY;

    private static final RecordKind[] VALUES = values();

    public static RecordKind ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }

    public boolean isEvent() {
        return this != ENTRY;
    }
}
