package io.ctscope.ingest.live;

import io.ctscope.ingest.io.ProcFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code --spawn} checks before it runs conntrack, each with a one-line answer instead of a
 * conntrack error loop: listening to conntrack events needs root or CAP_NET_ADMIN, and the kernel sends
 * no event at all while {@code nf_conntrack_events} is 0. Reads {@code /proc} paths given to it.
 */
public final class SpawnPreflight {
    private static final int CAP_NET_ADMIN = 12;

    private final Path procSelfStatus;
    private final Path eventsSysctl;

    public SpawnPreflight(Path procSelfStatus, Path eventsSysctl) {
        this.procSelfStatus = procSelfStatus;
        this.eventsSysctl = eventsSysctl;
    }

    public static SpawnPreflight system() {
        return new SpawnPreflight(Path.of("/proc/self/status"), Path.of("/proc/sys/net/netfilter/nf_conntrack_events"));
    }

    /** Null when conntrack -E can work here, else why not (one line). */
    public String problem() {
        String events = read(eventsSysctl);
        if (events != null && events.trim().equals("0")) {
            return "the kernel sends no conntrack events (net.netfilter.nf_conntrack_events = 0): enable them with"
                + " sysctl -w net.netfilter.nf_conntrack_events=1 (or 2, the default since 5.19)";
        }
        String status = read(procSelfStatus);
        if (status != null && !privileged(status)) {
            return "listening to conntrack events needs root or CAP_NET_ADMIN: run ctscope live --spawn as root";
        }
        return null;
    }

    /** Effective uid 0, or CAP_NET_ADMIN among the effective capabilities. */
    static boolean privileged(String procStatus) {
        for (String line : procStatus.split("\n")) {
            if (line.startsWith("Uid:")) {
                List<String> f = List.of(line.substring(4).trim().split("\\s+"));
                if (f.size() > 1 && f.get(1).equals("0")) {
                    return true;
                }
            } else if (line.startsWith("CapEff:")) {
                long caps = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                if ((caps & (1L << CAP_NET_ADMIN)) != 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String read(Path p) {
        try {
            return ProcFiles.read(p);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
