package io.ctscope.ingest.decode;

/** The formats ctscope reads; {@link #label()} is the name used in reports. */
public enum InputFormat {
    EVENTS("events"),
    EVENTS_XML("events-xml"),
    NF_CONNTRACK("nf_conntrack"),
    IP_CONNTRACK("ip_conntrack"),
    CONNTRACK_LIST("conntrack-list"),
    LIST_XML("list-xml"),
    /** Nothing recognisable was read (empty input, or every line rejected). */
    UNKNOWN("unknown");

    private final String label;

    InputFormat(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean isEventStream() {
        return this == EVENTS || this == EVENTS_XML;
    }

    public static InputFormat ofLabel(String label) {
        for (InputFormat f : values()) {
            if (f.label.equals(label)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format '" + label + "'");
    }
}
