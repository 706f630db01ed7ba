package io.ctscope.analysis.occupancy;

import java.util.Arrays;

/**
 * Per-interval values over time, in primitive pages of {@link #PAGE_ROWS} intervals that exist only
 * where something happened, so records may arrive in any time order and a stray timestamp far from the
 * rest costs one page, not the span between them. Interval {@code i} covers
 * {@code [i * width, (i + 1) * width)} µs since the epoch, so intervals are aligned to the epoch and
 * doubling the width maps interval {@code i} onto {@code floor(i / 2)}.
 *
 * <p>Each interval holds {@code columns} longs (row-major). What a row means is the {@link Fold}'s
 * business: by default ({@link #SUM}) each column is a sum, and {@link #add} adds to it; other folds
 * (see {@link LiveRuns}) update rows in place through {@link #locate}. When adjacent intervals must
 * become one, the fold appends the later row to the earlier one.
 *
 * <p>Memory is bounded: when a new page would make more than {@code maxIntervals / PAGE_ROWS} pages,
 * the width doubles and adjacent intervals are folded together until it fits. Since the pages touched
 * at twice the width are never more than at the width, the final width is the smallest that holds the
 * set of times seen: it depends on that set, not on its order.
 *
 * <p>{@link #touch} also keeps, per page, the first and last time and the number of records seen
 * there, from which {@link TimeOutliers} tells the body of a capture from stray timestamps.
 *
 * <pre>
 * pageKeys: [ p0 &lt; p1 &lt; ... ]          page k holds intervals pageKeys[k] * PAGE_ROWS + r, r in 0..PAGE_ROWS-1
 * pages[k]: [ row 0: col 0 .. col c-1 ][ row 1 ] ...
 * </pre>
 */
final class TimeBuckets {
    /** 2^22 intervals: 48 days at 1 s, 32 MiB per column of longs when every page is in use. */
    static final int DEFAULT_MAX_INTERVALS = 1 << 22;
    static final int PAGE_BITS = 8;
    static final int PAGE_ROWS = 1 << PAGE_BITS;
    private static final int ROW_MASK = PAGE_ROWS - 1;

    /** How two adjacent intervals' rows become one. */
    interface Fold {
        /** Makes row {@code dst} of {@code d} (the earlier interval, maybe empty) hold itself followed by row {@code src} of {@code s}. */
        void append(long[] d, int dst, long[] s, int src, int columns);
    }

    /** Every column is a sum. */
    static final Fold SUM = (d, dst, s, src, columns) -> {
        for (int c = 0; c < columns; c++) {
            d[dst + c] += s[src + c];
        }
    };

    private final int columns;
    private final int maxPages;
    private final Fold fold;
    private long widthMicros;
    private long[] pageKeys = new long[4];
    private long[][] pages = new long[4][];
    private long[] pageFirst = new long[4];
    private long[] pageLast = new long[4];
    private long[] pageTouches = new long[4];
    private int pageCount;
    /** Index of the page of the last lookup, or -1. */
    private int cached = -1;
    private long[] located;

    TimeBuckets(long widthMicros, int columns, int maxIntervals) {
        this(widthMicros, columns, maxIntervals, SUM);
    }

    TimeBuckets(long widthMicros, int columns, int maxIntervals, Fold fold) {
        if (widthMicros <= 0 || columns <= 0 || maxIntervals <= 0) {
            throw new IllegalArgumentException("width, columns and maxIntervals must be positive");
        }
        this.widthMicros = widthMicros;
        this.columns = columns;
        this.maxPages = Math.max(1, maxIntervals / PAGE_ROWS);
        this.fold = fold;
    }

    /** Adds {@code delta} to {@code column} of the interval holding {@code timeMicros}. */
    void add(long timeMicros, int column, long delta) {
        int off = locate(timeMicros);
        located[off + column] += delta;
    }

    /**
     * The offset in {@link #located()} of the row of the interval holding {@code timeMicros}, creating
     * its page (and coarsening) if needed.
     */
    int locate(long timeMicros) {
        long i = Math.floorDiv(timeMicros, widthMicros);
        int k = page(i >> PAGE_BITS);
        if (k < 0) {
            k = insert(timeMicros);
            i = Math.floorDiv(timeMicros, widthMicros);
        }
        located = pages[k];
        return (int) (i & ROW_MASK) * columns;
    }

    /** The page of the last {@link #locate}. */
    long[] located() {
        return located;
    }

    /** Marks {@code timeMicros} as part of the capture (one record there) without changing any row. */
    void touch(long timeMicros) {
        locate(timeMicros);
        int k = cached;
        pageFirst[k] = Math.min(pageFirst[k], timeMicros);
        pageLast[k] = Math.max(pageLast[k], timeMicros);
        pageTouches[k]++;
    }

    /** The value in {@code column} of {@code interval} (at the current width); 0 where no page is. */
    long get(long interval, int column) {
        int k = page(interval >> PAGE_BITS);
        return k < 0 ? 0 : pages[k][(int) (interval & ROW_MASK) * columns + column];
    }

    /** The page holding {@code interval}, or null; its row is at {@link #rowOffset(long)}. */
    long[] pageOf(long interval) {
        int k = page(interval >> PAGE_BITS);
        return k < 0 ? null : pages[k];
    }

    int rowOffset(long interval) {
        return (int) (interval & ROW_MASK) * columns;
    }

    long widthMicros() {
        return widthMicros;
    }

    boolean isEmpty() {
        return pageCount == 0;
    }

    /** Index of the interval holding {@code timeMicros} at the current width. */
    long intervalOf(long timeMicros) {
        return Math.floorDiv(timeMicros, widthMicros);
    }

    /** Pages in use, in time order; for the page statistics below. */
    int pages() {
        return pageCount;
    }

    long pageFirstMicros(int k) {
        return pageFirst[k];
    }

    long pageLastMicros(int k) {
        return pageLast[k];
    }

    long pageTouches(int k) {
        return pageTouches[k];
    }

    /** The first interval of page {@code k}. */
    long pageStart(int k) {
        return pageKeys[k] << PAGE_BITS;
    }

    /** The rows of page {@code k}, {@link #PAGE_ROWS} of {@code columns} longs. */
    long[] pageCells(int k) {
        return pages[k];
    }

    /** Longs held in pages: the memory this costs, in units of 8 bytes. */
    long allocatedCells() {
        return (long) pageCount * PAGE_ROWS * columns;
    }

    /** Sum of {@code column} over the intervals before {@code interval}. */
    long sumBefore(long interval, int column) {
        long sum = 0;
        for (int k = 0; k < pageCount; k++) {
            long base = pageKeys[k] << PAGE_BITS;
            for (int r = 0; r < PAGE_ROWS && base + r < interval; r++) {
                sum += pages[k][r * columns + column];
            }
        }
        return sum;
    }

    /** Forgets every interval outside {@code lo..hi}. */
    void retain(long lo, long hi) {
        int n = 0;
        for (int k = 0; k < pageCount; k++) {
            long base = pageKeys[k] << PAGE_BITS;
            if (base + ROW_MASK < lo || base > hi) {
                continue;
            }
            for (int r = 0; r < PAGE_ROWS; r++) {
                if (base + r < lo || base + r > hi) {
                    Arrays.fill(pages[k], r * columns, (r + 1) * columns, 0);
                }
            }
            move(k, n++);
        }
        pageCount = n;
        cached = -1;
    }

    /** Doubles the width until it is {@code targetMicros}, which must be this width times a power of two. */
    void coarsenTo(long targetMicros) {
        if (targetMicros % widthMicros != 0 || Long.bitCount(targetMicros / widthMicros) != 1) {
            throw new IllegalArgumentException(targetMicros + " µs is not " + widthMicros + " µs times a power of two");
        }
        while (widthMicros < targetMicros) {
            coarsen();
        }
    }

    /** Index of page {@code key}, or -1. */
    private int page(long key) {
        int c = cached;
        if (c >= 0 && pageKeys[c] == key) {
            return c;
        }
        int k = Arrays.binarySearch(pageKeys, 0, pageCount, key);
        if (k >= 0) {
            cached = k;
        }
        return k;
    }

    /** Cold path: creates the page of {@code timeMicros}, coarsening first when the pages are all used; returns its index. */
    private int insert(long timeMicros) {
        while (true) {
            long key = Math.floorDiv(timeMicros, widthMicros) >> PAGE_BITS;
            int k = page(key);
            if (k >= 0) {
                return k;
            }
            if (pageCount < maxPages) {
                int at = -k - 1;
                grow();
                System.arraycopy(pageKeys, at, pageKeys, at + 1, pageCount - at);
                System.arraycopy(pages, at, pages, at + 1, pageCount - at);
                System.arraycopy(pageFirst, at, pageFirst, at + 1, pageCount - at);
                System.arraycopy(pageLast, at, pageLast, at + 1, pageCount - at);
                System.arraycopy(pageTouches, at, pageTouches, at + 1, pageCount - at);
                pageKeys[at] = key;
                pages[at] = new long[PAGE_ROWS * columns];
                pageFirst[at] = Long.MAX_VALUE;
                pageLast[at] = Long.MIN_VALUE;
                pageTouches[at] = 0;
                pageCount++;
                cached = at;
                return at;
            }
            coarsen();
        }
    }

    private void grow() {
        if (pageCount < pageKeys.length) {
            return;
        }
        int n = pageKeys.length * 2;
        pageKeys = Arrays.copyOf(pageKeys, n);
        pages = Arrays.copyOf(pages, n);
        pageFirst = Arrays.copyOf(pageFirst, n);
        pageLast = Arrays.copyOf(pageLast, n);
        pageTouches = Arrays.copyOf(pageTouches, n);
    }

    private void move(int from, int to) {
        pageKeys[to] = pageKeys[from];
        pages[to] = pages[from];
        pageFirst[to] = pageFirst[from];
        pageLast[to] = pageLast[from];
        pageTouches[to] = pageTouches[from];
    }

    /**
     * Doubles the width: interval {@code i} folds into {@code floor(i / 2)}, so pages {@code 2k} and
     * {@code 2k + 1} become page {@code k}, its first and second half. Rows are folded in time order.
     */
    private void coarsen() {
        widthMicros *= 2;
        cached = -1;
        int n = 0;
        for (int k = 0; k < pageCount; k++) {
            long oldKey = pageKeys[k];
            long key = oldKey >> 1;
            long[] src = pages[k];
            if (n == 0 || pageKeys[n - 1] != key) {
                pageKeys[n] = key;
                pages[n] = new long[PAGE_ROWS * columns];
                pageFirst[n] = pageFirst[k];
                pageLast[n] = pageLast[k];
                pageTouches[n] = pageTouches[k];
                n++;
            } else {
                pageFirst[n - 1] = Math.min(pageFirst[n - 1], pageFirst[k]);
                pageLast[n - 1] = Math.max(pageLast[n - 1], pageLast[k]);
                pageTouches[n - 1] += pageTouches[k];
            }
            long[] dst = pages[n - 1];
            int half = (int) (oldKey & 1) * (PAGE_ROWS / 2);
            for (int r = 0; r < PAGE_ROWS; r++) {
                fold.append(dst, (half + (r >> 1)) * columns, src, r * columns, columns);
            }
        }
        for (int k = n; k < pageCount; k++) {
            pages[k] = null;
        }
        pageCount = n;
    }
}
