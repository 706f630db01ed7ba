package io.ctscope.ingest.journal;

/** What a {@link JournalReader} found damaged: records it skipped, and where. Empty for an intact journal. */
public final class JournalDamage {
    private long damagedRecords;
    private long unreadableRecords;
    private long firstIndex = SourceRegistry.NO_INDEX;
    private String firstReason;

    void damaged(long index, String reason) {
        damagedRecords++;
        first(index, reason);
    }

    void unreadable(long fromIndex, long count) {
        unreadableRecords += count;
        first(fromIndex, "the chain of records breaks (a zeroed or damaged header)");
    }

    private void first(long index, String reason) {
        if (firstReason == null) {
            firstIndex = index;
            firstReason = reason;
        }
    }

    public boolean isEmpty() {
        return firstReason == null;
    }

    /** Records skipped: damaged ones plus those behind a break. */
    public long records() {
        return damagedRecords + unreadableRecords;
    }

    /** One line: where the damage starts and what was skipped. */
    public String describe() {
        if (isEmpty()) {
            return "intact";
        }
        return "damaged at queue index " + Long.toHexString(firstIndex) + " (" + firstReason + "): " + damagedRecords
            + " damaged record" + (damagedRecords == 1 ? "" : "s") + " skipped" + (unreadableRecords > 0
            ? ", " + unreadableRecords + " unreadable behind a break" : "") + "; the rest is intact";
    }
}
