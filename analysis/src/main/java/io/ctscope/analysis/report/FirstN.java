package io.ctscope.analysis.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The first {@code n} items of an order, picked while the items stream past instead of sorting them all:
 * a heap of at most {@code n} items with the last of them on top. A top list of 10 over the 100 k keys of a
 * busy box costs 100 k comparisons instead of a sort and 100 k rows built (a live report is built while the
 * analyzers wait, so this is on their latency). The result equals sorting everything and taking the first
 * {@code n}, provided the order is total (ties broken by key).
 */
public final class FirstN<T> {
    private final int n;
    private final Comparator<? super T> order;
    private final PriorityQueue<T> kept;

    public FirstN(int n, Comparator<? super T> order) {
        this.n = Math.max(0, n);
        this.order = order;
        this.kept = new PriorityQueue<>(Math.max(1, Math.min(this.n, 1024)), order.reversed());
    }

    /**
     * The last item kept once {@code n} are kept, else null: an item that does not come before it would not
     * enter, so a caller can reject it before building it.
     */
    public T lastIfFull() {
        return kept.size() < n ? null : kept.peek();
    }

    public void offer(T item) {
        if (n == 0) {
            return;
        }
        if (kept.size() < n) {
            kept.add(item);
        } else if (order.compare(item, kept.peek()) < 0) {
            kept.poll();
            kept.add(item);
        }
    }

    /** The items kept, in order. */
    public List<T> sorted() {
        List<T> out = new ArrayList<>(kept);
        out.sort(order);
        return out;
    }
}
