package io.ctscope.samples;

/**
 * The future: a binary min-heap of (due time, flow slot). Every open flow has exactly one pending
 * event, so the heap never holds more than the flow table's capacity. Ties keep no particular
 * order, but the order is a pure function of the insert/replace sequence, hence deterministic.
 */
final class PendingEvents {

    private final long[] due;
    private final int[] slot;
    private int size;

    PendingEvents(int capacity) {
        due = new long[capacity];
        slot = new int[capacity];
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    long peekDue() {
        return due[0];
    }

    int peekSlot() {
        return slot[0];
    }

    void add(long when, int flow) {
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (due[parent] <= when) {
                break;
            }
            due[i] = due[parent];
            slot[i] = slot[parent];
            i = parent;
        }
        due[i] = when;
        slot[i] = flow;
    }

    /** Reschedules the earliest flow (the one just handled) to a later time. */
    void rescheduleTop(long when) {
        siftDown(when, slot[0]);
    }

    void removeTop() {
        int last = --size;
        if (last > 0) {
            siftDown(due[last], slot[last]);
        }
    }

    private void siftDown(long when, int flow) {
        int i = 0;
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && due[right] < due[child]) {
                child = right;
            }
            if (when <= due[child]) {
                break;
            }
            due[i] = due[child];
            slot[i] = slot[child];
            i = child;
        }
        due[i] = when;
        slot[i] = flow;
    }
}
