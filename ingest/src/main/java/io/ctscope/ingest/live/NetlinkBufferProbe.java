package io.ctscope.ingest.live;

import io.ctscope.ingest.io.ProcFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Measures the receive buffer of a conntrack process's event socket, because conntrack-tools 1.4.7 applies
 * {@code --buffer-size} to another socket and its {@code NOTICE} describes that one. The event socket is
 * the process's NETLINK_NETFILTER socket (protocol 12) that joined multicast groups: its inode is among
 * {@code /proc/PID/fd}, its port id and groups are in {@code /proc/PID/net/netlink}, and
 * {@code ss -f netlink -m -e -n} prints its buffer ({@code rb}) on the line of that port id.
 */
public final class NetlinkBufferProbe {
    private final Path proc;
    private final ProcessStarter starter;

    public NetlinkBufferProbe(Path proc, ProcessStarter starter) {
        this.proc = proc;
        this.starter = starter;
    }

    public static NetlinkBufferProbe system() {
        return new NetlinkBufferProbe(Path.of("/proc"), ProcessStarter.SYSTEM);
    }

    /** The measurement, or null when the socket or {@code ss} could not be found. */
    public record Measurement(long portId, long receiveBuffer, long drops) {
    }

    public Measurement measure(long pid) {
        try {
            Set<Long> inodes = socketInodes(proc.resolve(Long.toString(pid)).resolve("fd"));
            long[] socket = eventSocket(ProcFiles.read(proc.resolve(Long.toString(pid)).resolve("net/netlink")), inodes);
            if (socket == null) {
                return null;
            }
            Process ss = starter.start(List.of("ss", "-f", "netlink", "-m", "-e", "-n"));
            String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            ss.waitFor(10, TimeUnit.SECONDS);
            long rb = receiveBuffer(out, socket[0]);
            return rb < 0 ? null : new Measurement(socket[0], rb, socket[1]);
        } catch (IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Whether process {@code pid} has joined conntrack's event groups (its event socket exists). */
    public boolean subscribed(long pid) {
        try {
            Set<Long> inodes = socketInodes(proc.resolve(Long.toString(pid)).resolve("fd"));
            return eventSocket(ProcFiles.read(proc.resolve(Long.toString(pid)).resolve("net/netlink")), inodes) != null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static Set<Long> socketInodes(Path fdDir) throws IOException {
        Set<Long> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDir)) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[") && target.endsWith("]")) {
                        inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
                    }
                } catch (IOException gone) {
                    // closed meanwhile
                }
            }
        }
        return inodes;
    }

    /**
     * From {@code /proc/net/netlink} ({@code sk Eth Pid Groups Rmem Wmem Dump Locks Drops Inode}): the port id
     * (as a signed 32-bit value, as ss prints it) and drop count of the protocol-12 socket with groups
     * among {@code inodes}, or null.
     */
    static long[] eventSocket(String procNetNetlink, Set<Long> inodes) {
        for (String line : procNetNetlink.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 10 || !f[1].equals("12")) {
                continue;
            }
            try {
                long groups = Long.parseLong(f[3], 16);
                long inode = Long.parseLong(f[9]);
                if (groups != 0 && inodes.contains(inode)) {
                    return new long[] {(int) Long.parseLong(f[2]), Long.parseLong(f[8])};
                }
            } catch (NumberFormatException header) {
                // the header line
            }
        }
        return null;
    }

    /** The {@code rb} of the line whose local address is {@code 12:PORTID} or {@code nft:PORTID} in {@code ss -m -e -n} output, or -1. */
    static long receiveBuffer(String ssOutput, long portId) {
        String[] want = {"12:" + portId + " ", "nft:" + portId + " "};
        for (String line : ssOutput.split("\n")) {
            if (!line.contains(want[0]) && !line.contains(want[1])) {
                continue;
            }
            int rb = line.indexOf(",rb");
            if (rb < 0) {
                continue;
            }
            int end = rb + 3;
            while (end < line.length() && Character.isDigit(line.charAt(end))) {
                end++;
            }
            return Long.parseLong(line.substring(rb + 3, end));
        }
        return -1;
    }
}
