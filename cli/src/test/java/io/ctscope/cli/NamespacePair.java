package io.ctscope.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two network namespaces of this test run joined by a veth pair, {@code 10.93.N.1} (client, with a
 * {@code -m conntrack} rule so it tracks) and {@code 10.93.N.2} (server). The namespaces are named with
 * this JVM's pid, the veth ends are created inside them (no host interface), traffic goes only between
 * the two, and {@link #close()} removes both and ends every process started here.
 */
final class NamespacePair implements AutoCloseable {
    private static final AtomicInteger SEQ = new AtomicInteger();

    final String client;
    final String server;
    final String clientAddress;
    final String serverAddress;
    private final List<Process> started = new ArrayList<>();

    NamespacePair() throws IOException {
        LabPrerequisites.require();
        int n = SEQ.incrementAndGet();
        String base = "ctio-" + ProcessHandle.current().pid() + "-" + n;
        client = base + "-c";
        server = base + "-s";
        int net = (int) ((ProcessHandle.current().pid() * 7 + n) % 250) + 1;
        clientAddress = "10.93." + net + ".1";
        serverAddress = "10.93." + net + ".2";
        try {
            sh("ip netns add " + client);
            sh("ip netns add " + server);
            sh("ip -n " + client + " link add eth0 type veth peer name eth0 netns " + server);
            sh("ip -n " + client + " addr add " + clientAddress + "/24 dev eth0");
            sh("ip -n " + server + " addr add " + serverAddress + "/24 dev eth0");
            sh("ip -n " + client + " link set eth0 up");
            sh("ip -n " + server + " link set eth0 up");
            sh("ip -n " + client + " link set lo up");
            in(client, "iptables -A OUTPUT -m conntrack --ctstate NEW,ESTABLISHED,RELATED -j ACCEPT");
        } catch (IOException | RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** Runs {@code script} with bash inside {@code ns}; returns stdout (stderr appended after it). */
    String in(String ns, String script) throws IOException {
        return sh("ip netns exec " + ns + " bash -c '" + script.replace("'", "'\\''") + "'");
    }

    /** Starts a long-running process inside {@code ns}; it is ended by {@link #close()}. */
    Process start(String ns, String... command) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        cmd.addAll(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        started.add(p);
        return p;
    }

    /** The pid of a process living in the client namespace: {@code /proc/PID/net} is that namespace's view. */
    long clientPid() throws IOException {
        // ip netns exec execs the command in place, so the process keeps the pid
        return start(client, "sleep", "600").pid();
    }

    /** {@code count} UDP flows from the client, each from its own source port (one socket per redirect). */
    void udpFlows(int count, int firstPort) throws IOException {
        in(client, "for i in $(seq 0 " + (count - 1) + "); do echo x > /dev/udp/" + serverAddress + "/$((" + firstPort + "+i)); done");
    }

    /** {@code count} pings: ICMP echo flows answered by the server. */
    void pings(int count) throws IOException {
        in(client, "ping -c " + count + " -i 0.2 -W 1 " + serverAddress + " >/dev/null");
    }

    /** {@code count} whole TCP connections to an echo service in the server (they end in TIME_WAIT). */
    void tcpConnections(int count, int port) throws IOException {
        start(server, "socat", "TCP-LISTEN:" + port + ",fork,reuseaddr", "EXEC:cat");
        in(client, "for t in $(seq 1 50); do socat -u OPEN:/dev/null TCP:" + serverAddress + ":" + port
            + " 2>/dev/null && break; sleep 0.1; done");
        for (int i = 1; i < count; i++) {
            in(client, "echo hello | socat - TCP:" + serverAddress + ":" + port + " >/dev/null");
        }
    }

    @Override
    public void close() {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        for (Process p : started) {
            try {
                p.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            p.destroyForcibly();
        }
        quietly("ip netns del " + client);
        quietly("ip netns del " + server);
    }

    private static void quietly(String command) {
        try {
            sh(command);
        } catch (IOException | AssertionError e) {
            // already gone
        }
    }

    static String sh(String command) throws IOException {
        Process p = new ProcessBuilder("bash", "-c", command).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        try {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), command + ": still running after 60 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + command, e);
        }
        String text = new String(out, StandardCharsets.UTF_8) + new String(err, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), command + " failed:\n" + text);
        return text;
    }
}
