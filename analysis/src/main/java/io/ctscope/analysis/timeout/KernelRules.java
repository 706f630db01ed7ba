package io.ctscope.analysis.timeout;

/**
 * The kernel generation whose UDP rules apply. Since Linux 5.0 ("udp: only extend timeout to stream
 * mode after 2s", "set stream timeout to 2 minutes"; the 5.0-era nf_conntrack_proto_udp.c, still with
 * {@code udp_get_net_proto}, already sets {@code stream_ts = 2 * HZ + jiffies} and defaults the replied
 * timeout to 120 s, as DESIGN.md says) a replied UDP flow gets
 * {@code udp_timeout_stream} (default 120 s) only for a packet more than 2 s after its creation;
 * before it (RHEL 8's 4.18, Debian 10's 4.19) every packet after the reply gets the stream timeout
 * (default 180 s) and sets {@code [ASSURED]} at once.
 */
public enum KernelRules {
    /** Linux 5.0 and later. */
    CURRENT(5, 0),
    /** Before 5.0. */
    BEFORE_5_0(0, 0);

    private final int major;
    private final int minor;

    KernelRules(int major, int minor) {
        this.major = major;
        this.minor = minor;
    }

    /** The rules for a kernel release string such as {@code 4.19.0-27-amd64} or {@code 6.18}. */
    public static KernelRules forRelease(String release) {
        String[] parts = release.trim().split("[.\\-+_~]", 3);
        int maj;
        int min;
        try {
            maj = Integer.parseInt(parts[0]);
            min = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad kernel version \"" + release + "\": use MAJOR.MINOR, e.g. 4.19 or 6.1");
        }
        if (maj > CURRENT.major || (maj == CURRENT.major && min >= CURRENT.minor)) {
            return CURRENT;
        }
        return BEFORE_5_0;
    }

    /** Whether a replied UDP flow must be over 2 s old before a packet extends it to the stream timeout. */
    public boolean udpTwoSecondRule() {
        return this == CURRENT;
    }

    /** The kernel's default for {@code s} under these rules. */
    public long defaultSeconds(Setting s) {
        if (this == BEFORE_5_0 && s == Setting.UDP_STREAM) {
            return 180;
        }
        return s.defaultSeconds;
    }
}
