package io.ctscope.analysis.filter;

import io.ctscope.ingest.record.ConntrackRecord;

import java.util.ArrayList;
import java.util.List;

/** Keeps a record only when every part keeps it: the options of one command line combine with AND. */
final class AllOf implements RecordFilter {
    private final RecordFilter[] parts;
    private final String description;

    AllOf(List<RecordFilter> parts) {
        this.parts = parts.toArray(new RecordFilter[0]);
        List<String> shown = new ArrayList<>();
        for (RecordFilter f : parts) {
            shown.add(f.describe());
        }
        description = String.join(" ", shown);
    }

    @Override
    public boolean test(ConntrackRecord r) {
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].test(r)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String describe() {
        return description;
    }
}
