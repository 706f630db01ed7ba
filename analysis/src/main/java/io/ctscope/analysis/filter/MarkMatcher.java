package io.ctscope.analysis.filter;

import io.ctscope.ingest.record.ConntrackRecord;
import io.ctscope.ingest.record.Field;

import java.util.List;

/**
 * {@code -m/--mark MARK[/MASK]}: keeps records whose connection mark ANDed with MASK equals MARK, the
 * comparison conntrack makes for {@code -L -m} (MARK itself is not masked; without a mask it is
 * 0xffffffff). Values are decimal or 0x-hex, as in conntrack. A record that prints no {@code mark=}
 * has mark 0 (the kernel's initial mark; {@code conntrack -E} prints it only when it is set).
 */
final class MarkMatcher implements RecordFilter {
    private static final long ALL_BITS = 0xffff_ffffL;

    private final long[] values;
    private final long[] masks;
    private final String description;

    private MarkMatcher(long[] values, long[] masks, String description) {
        this.values = values;
        this.masks = masks;
        this.description = description;
    }

    /** One matcher for items already split at commas, e.g. {@code [1, 0x100/0xff00]}. */
    static MarkMatcher of(List<String> items) {
        long[] values = new long[items.size()];
        long[] masks = new long[items.size()];
        StringBuilder shown = new StringBuilder("--mark ");
        for (int i = 0; i < items.size(); i++) {
            String item = items.get(i);
            int slash = item.indexOf('/');
            values[i] = number(item, slash < 0 ? item : item.substring(0, slash));
            masks[i] = slash < 0 ? ALL_BITS : number(item, item.substring(slash + 1));
            shown.append(i == 0 ? "" : ",").append(values[i]);
            if (masks[i] != ALL_BITS) {
                shown.append("/0x").append(Long.toHexString(masks[i]));
            }
        }
        return new MarkMatcher(values, masks, shown.toString());
    }

    private static long number(String item, String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        int radix = 10;
        if (t.startsWith("0x")) {
            t = t.substring(2);
            radix = 16;
        }
        try {
            long v = Long.parseLong(t, radix);
            if (v >= 0 && v <= ALL_BITS && !t.startsWith("+") && !t.startsWith("-")) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new IllegalArgumentException("bad --mark \"" + item + "\": use MARK or MARK/MASK, each 0-4294967295"
            + " or 0x-hex (e.g. 1, 0x10/0xf0)");
    }

    @Override
    public boolean test(ConntrackRecord r) {
        long mark = r.has(Field.MARK) ? r.mark : 0;
        for (int i = 0; i < values.length; i++) {
            if ((mark & masks[i]) == values[i]) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String describe() {
        return description;
    }
}
