package io.ctscope.analysis.flow;

/** How a flow entered the rebuilt table ({@link FlowTable#origin(int)}). */
public final class FlowOrigin {
    /** A {@code [NEW]} event: the flow was created during the capture; its whole life is observable. */
    public static final int NEW = 1;
    /** A table-dump line: the flow was in the table when the dump was taken. */
    public static final int DUMP = 2;
    /**
     * An {@code [UPDATE]} for a flow never seen before: it was created before the capture began (with
     * {@code nf_conntrack_events=1}, or after lost events); its start is unknown.
     */
    public static final int PREEXISTING = 3;

    private FlowOrigin() {
    }

    public static String name(int origin) {
        switch (origin) {
            case NEW:
                return "new";
            case DUMP:
                return "dump";
            case PREEXISTING:
                return "preexisting";
            default:
                return "unknown";
        }
    }
}
