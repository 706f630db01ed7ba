package io.ctscope.cli;

import io.ctscope.analysis.doctor.DoctorFacts;
import io.ctscope.analysis.doctor.NamespaceFacts;
import io.ctscope.ingest.stats.StatsParser;
import io.ctscope.ingest.sysctl.SysctlReader;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reads this machine for {@code doctor --live}: per namespace its sysctls, /proc/net/stat/nf_conntrack
 * (else {@code conntrack -S}) and its table (/proc/net/nf_conntrack, streamed; else {@code conntrack -L});
 * then /proc/slabinfo's nf_conntrack object size and the kernel log ({@code dmesg}, else
 * {@code journalctl -k}). A named namespace is read through a helper process parked in it
 * ({@code ip netns exec NAME sleep}): its /proc/PID/net files are that namespace's.
 */
final class LiveProbe {
    static final Path NETNS_DIR = Path.of("/run/netns");
    private static final Path PROC_NET = Path.of("/proc/net");

    private final DoctorFacts facts;
    private final DoctorFiles files;
    private final Clock clock;

    LiveProbe(DoctorFacts facts, DoctorFiles files, Clock clock) {
        this.facts = facts;
        this.files = files;
        this.clock = clock;
    }

    /** The namespaces named in /run/netns, sorted. */
    static List<String> allNamespaces() throws IOException {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(NETNS_DIR)) {
            return out;
        }
        try (var s = Files.list(NETNS_DIR)) {
            s.map(p -> p.getFileName().toString()).sorted().forEach(out::add);
        }
        return out;
    }

    /** The inode of a named namespace (what the kernel prints as {@code netns N}), or -1. */
    static long inodeOf(String name) {
        try {
            return ((Number) Files.getAttribute(NETNS_DIR.resolve(name), "unix:ino")).longValue();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return -1;
        }
    }

    private static long ownInode() {
        try {
            String link = Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();
            return Long.parseLong(link.substring(link.indexOf('[') + 1, link.indexOf(']')));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    void host(boolean table) throws IOException {
        NamespaceFacts ns = facts.namespace("host");
        ns.inode = ownInode();
        ns.settings.putAll(SysctlReader.read(SysctlTimeouts.PROC_NETFILTER, (i, l, r) -> true));
        readNamespace(ns, PROC_NET, null, table);
    }

    /** One sample of every namespace's counters (for --every). */
    void sampleStats(List<NamespaceFacts> namespaces) throws IOException, InterruptedException {
        for (NamespaceFacts ns : namespaces) {
            if (ns.name.equals("host")) {
                stats(ns, PROC_NET, null);
            } else {
                try (Parked p = Parked.in(ns.name)) {
                    stats(ns, p.procNet(), ns.name);
                }
            }
        }
    }

    void namespace(String name, boolean table) throws IOException, InterruptedException {
        NamespaceFacts ns = facts.namespace(name);
        ns.inode = inodeOf(name);
        if (ns.inode < 0) {
            ns.notes.add("no network namespace " + name + " in " + NETNS_DIR);
            return;
        }
        try (Parked p = Parked.in(name)) {
            ns.settings.putAll(SysctlReader.parse(name + ":/proc/sys/net/netfilter",
                new BufferedReader(new InputStreamReader(run("ip", "netns", "exec", name, "grep", "-r", ".", "/proc/sys/net/netfilter"),
                    StandardCharsets.ISO_8859_1)), (i, l, r) -> true));
            readNamespace(ns, p.procNet(), name, table);
        }
    }

    private void readNamespace(NamespaceFacts ns, Path procNet, String netns, boolean table) throws IOException {
        stats(ns, procNet, netns);
        if (!table) {
            return;
        }
        Path t = procNet.resolve("nf_conntrack");
        if (Files.exists(t)) {
            try (InputStream in = new FileInputStream(t.toFile())) {
                files.readTable(in, t.toString(), ns, true);
            }
            ns.tableSource = netns == null ? "/proc/net/nf_conntrack" : "/proc/net/nf_conntrack of " + netns;
        } else {
            ns.notes.add("no " + t + " (kernel built without CONFIG_NF_CONNTRACK_PROCFS): read conntrack -L instead");
            try (InputStream in = run(netnsCommand(netns, "conntrack", "-L", "-o", "extended"))) {
                files.readTable(in, "conntrack -L", ns, true);
            }
        }
    }

    private void stats(NamespaceFacts ns, Path procNet, String netns) throws IOException {
        Path s = procNet.resolve("stat/nf_conntrack");
        long now = clock.millis() * 1000;
        if (Files.exists(s)) {
            try (InputStream in = new FileInputStream(s.toFile())) {
                DoctorFiles.addStats(StatsParser.parse(in, netns == null ? "/proc/net/stat/nf_conntrack"
                    : "/proc/net/stat/nf_conntrack of " + netns, (i, l, r) -> true), ns, now, "a read at " + clock.instant());
            }
        } else {
            try (InputStream in = run(netnsCommand(netns, "conntrack", "-S"))) {
                DoctorFiles.addStats(StatsParser.parse(in, "conntrack -S", (i, l, r) -> true), ns, now, "a read at " + clock.instant());
            }
            if (ns.samples.size() <= 1) {
                ns.notes.add("no /proc/net/stat/nf_conntrack: counters from conntrack -S");
            }
        }
    }

    /** /proc/slabinfo's nf_conntrack line: active objects and object size. Root only. */
    void slab() {
        Path p = Path.of("/proc/slabinfo");
        try {
            for (String line : Files.readAllLines(p, StandardCharsets.ISO_8859_1)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 4 && f[0].equals("nf_conntrack")) {
                    facts.slabActiveObjects = Long.parseLong(f[1]);
                    facts.slabBytesPerEntry = Long.parseLong(f[3]);
                    return;
                }
            }
            facts.notes.add("/proc/slabinfo has no nf_conntrack cache: bytes per entry assumed");
        } catch (IOException | NumberFormatException e) {
            facts.notes.add("/proc/slabinfo not readable (" + e.getClass().getSimpleName() + "): bytes per entry assumed");
        }
    }

    /** The kernel log: dmesg (the ring buffer, without blocking), else the journal's kernel messages. */
    void kernelLog() {
        try {
            double uptime = Double.parseDouble(Files.readAllLines(Path.of("/proc/uptime")).get(0).split(" ")[0]);
            facts.bootMicros = clock.millis() * 1000 - (long) (uptime * 1e6);
        } catch (IOException | RuntimeException e) {
            facts.notes.add("/proc/uptime not readable: dmesg times stay uptimes");
        }
        String[][] commands = {{"dmesg"}, {"journalctl", "-k", "-b", "--no-pager", "-o", "short-iso", "-q"}};
        List<String> failures = new ArrayList<>();
        for (String[] cmd : commands) {
            try {
                Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
                try (InputStream in = p.getInputStream()) {
                    files.readKernelLog(in, String.join(" ", cmd));
                }
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return;
                }
                failures.add(String.join(" ", cmd) + " failed (exit " + (p.isAlive() ? "timeout" : p.exitValue()) + ")");
                p.destroyForcibly();
                facts.logRead = false;
                facts.log.sources().remove(String.join(" ", cmd));
            } catch (IOException e) {
                failures.add(cmd[0] + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        facts.logUnreadable = "no kernel log readable: " + String.join("; ", failures);
    }

    private static String[] netnsCommand(String netns, String... cmd) {
        if (netns == null) {
            return cmd;
        }
        String[] out = new String[cmd.length + 4];
        out[0] = "ip";
        out[1] = "netns";
        out[2] = "exec";
        out[3] = netns;
        System.arraycopy(cmd, 0, out, 4, cmd.length);
        return out;
    }

    /** A command's standard output, read as it comes (its stderr is discarded). */
    private static InputStream run(String... cmd) throws IOException {
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start().getInputStream();
    }

    /** A process parked in a named namespace, so that /proc/PID/net is that namespace's. */
    private static final class Parked implements AutoCloseable {
        private final Process process;

        private Parked(Process process) {
            this.process = process;
        }

        static Parked in(String name) throws IOException {
            long target = inodeOf(name);
            Process p = new ProcessBuilder("ip", "netns", "exec", name, "sleep", "600")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            Parked parked = new Parked(p);
            Path ns = Path.of("/proc", Long.toString(p.pid()), "ns/net");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                try {
                    String link = Files.readSymbolicLink(ns).toString();
                    if (link.equals("net:[" + target + "]")) {
                        return parked;
                    }
                } catch (IOException e) {
                    // not there yet, or gone: checked below
                }
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    parked.close();
                    throw new IOException("cannot enter network namespace " + name + " (ip netns exec failed)");
                }
                Thread.onSpinWait();
            }
        }

        Path procNet() {
            return Path.of("/proc", Long.toString(process.pid()), "net");
        }

        @Override
        public void close() {
            process.destroy();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process.destroyForcibly();
        }
    }
}
