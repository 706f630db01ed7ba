package io.ctscope.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The filter options under conntrack's names, on committed real-kernel recordings and real-world corpus
 * lines, each checked against a recount of the lines written here with regular expressions (the n-th
 * {@code src=} of a line is its n-th tuple's source, as conntrack prints them).
 */
class ConntrackFilterOptionsTest {
    private static final Path ROOT = LabPrerequisites.repoRoot();
    private static final Path EVENTS = ROOT.resolve("samples/lab/recorded/events-timestamp-extended-id.txt");
    private static final Path OFFLOAD_NAT = ROOT.resolve("samples/corpus/events__netfilter-devel_lore__20240409_timestamp_offload_nat.txt");
    private static final Path ZONES = ROOT.resolve("samples/corpus/list__canonical_hotsos__openstack_compute_o_extended_1439.txt");
    private static final Pattern EVENT_COUNTS = Pattern.compile("\"events\": \\{\\s*\"NEW\": (\\d+),\\s*\"UPDATE\": (\\d+),\\s*\"DESTROY\": (\\d+)");
    private static final Pattern EVENT = Pattern.compile("\\[(NEW|UPDATE|DESTROY)]");

    /** One line taken apart naively: its event type, families and each tuple's values in print order. */
    static final class Line {
        final String text;
        final String event;
        final Map<String, List<String>> fields = new HashMap<>();

        Line(String text) {
            this.text = text;
            Matcher e = EVENT.matcher(text);
            event = e.find() ? e.group(1) : "ENTRY";
            for (String word : text.split("\\s+")) {
                int eq = word.indexOf('=');
                if (eq > 0) {
                    fields.computeIfAbsent(word.substring(0, eq), k -> new ArrayList<>()).add(word.substring(eq + 1));
                }
            }
        }

        /** The {@code n}-th value of {@code key} (0 = original tuple, 1 = reply tuple), or "". */
        String get(String key, int n) {
            List<String> v = fields.get(key);
            return v == null || v.size() <= n ? "" : v.get(n);
        }

        int port(String key, int n) {
            String v = get(key, n);
            return v.isEmpty() ? -1 : Integer.parseInt(v);
        }

        boolean has(String word) {
            return (" " + text + " ").contains(" " + word + " ");
        }
    }

    private static List<Line> lines(Path file) throws IOException {
        List<Line> out = new ArrayList<>();
        for (String s : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (s.contains("src=")) {
                out.add(new Line(s));
            }
        }
        return out;
    }

    /** NEW, UPDATE, DESTROY lines that pass {@code keep}. */
    private static List<Long> recount(List<Line> lines, Predicate<Line> keep) {
        long[] n = new long[3];
        for (Line l : lines) {
            if (keep.test(l)) {
                n[List.of("NEW", "UPDATE", "DESTROY").indexOf(l.event)]++;
            }
        }
        return List.of(n[0], n[1], n[2]);
    }

    private static List<Long> reported(Path file, String... options) {
        List<String> argv = new ArrayList<>(List.of("report", "--format", "json"));
        argv.addAll(List.of(options));
        argv.add(file.toString());
        CliRun run = CliRun.run(argv.toArray(new String[0]));
        assertEquals(0, run.exitCode, String.join(" ", options) + ": " + run.err);
        Matcher m = EVENT_COUNTS.matcher(run.out);
        assertTrue(m.find(), run.out);
        return List.of(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)));
    }

    private static void check(Path file, Predicate<Line> keep, String... options) throws IOException {
        List<Long> expected = recount(lines(file), keep);
        assertTrue(expected.get(0) + expected.get(1) + expected.get(2) > 0, "the case must select something: " + String.join(" ", options));
        assertEquals(expected, reported(file, options), String.join(" ", options));
    }

    @Test
    void shouldSelectByFamilyAndProtocolUnderConntrackNames() throws IOException {
        check(EVENTS, l -> l.has("ipv6"), "-f", "ipv6");
        check(EVENTS, l -> l.has("ipv4"), "--family", "IPV4");
        check(EVENTS, l -> l.has("udp"), "-p", "udp");
        check(EVENTS, l -> l.has("udp") || l.has("icmpv6"), "--protonum", "udp,icmpv6");
        assertEquals(reported(EVENTS, "-p", "tcp"), reported(EVENTS, "--proto", "tcp"));
    }

    @Test
    void shouldSelectByEitherTupleOfEitherDirection() throws IOException {
        check(EVENTS, l -> l.get("src", 0).equals("10.77.1.3"), "-s", "10.77.1.3");
        check(EVENTS, l -> l.get("src", 0).startsWith("fd77:1::"), "--orig-src", "fd77:1::/64");
        check(EVENTS, l -> l.get("dst", 0).equals("172.20.77.2"), "-d", "172.20.77.2/32");
        check(EVENTS, l -> l.get("src", 1).equals("fd77:2::2"), "-r", "fd77:2::2");
        // the reply destination of a MASQUERADEd flow is the router's outside address: the NAT side
        check(EVENTS, l -> l.get("dst", 1).equals("172.20.77.1"), "-q", "172.20.77.1");
        check(EVENTS, l -> l.get("dst", 1).equals("172.20.77.1"), "--reply-dst", "172.20.77.0/24");
        assertEquals(reported(EVENTS, "-s", "10.77.1.2"), reported(EVENTS, "--src", "10.77.1.2"));
    }

    @Test
    void shouldSelectByOnePortOfOneDirection() throws IOException {
        check(EVENTS, l -> l.port("dport", 0) == 9090, "--dport", "9090");
        check(EVENTS, l -> l.port("sport", 0) >= 50000, "--sport", "50000-65535");
        check(EVENTS, l -> l.port("sport", 1) == 8080, "--reply-port-src", "8080");
        check(EVENTS, l -> l.port("dport", 1) >= 1024 && l.port("dport", 1) <= 40000, "--reply-port-dst", "1024-40000");
        check(EVENTS, l -> l.port("sport", 0) == 5355 || l.port("dport", 0) == 5355, "--port", "5355");
    }

    @Test
    void shouldSelectByMarkWithConntracksMaskRule() throws IOException {
        // 25165825 = 0x1800001, 16777216 = 0x1000000
        check(OFFLOAD_NAT, l -> l.get("mark", 0).equals("25165825"), "-m", "25165825");
        check(OFFLOAD_NAT, l -> (Long.parseLong(l.get("mark", 0)) & 0xff000000L) == 0x1000000L, "--mark", "0x1000000/0xff000000");
        check(OFFLOAD_NAT, l -> (Long.parseLong(l.get("mark", 0)) & 0xff) == 1, "-m", "1/0xff");
        // a line without mark= has mark 0
        check(EVENTS, l -> true, "-m", "0");
    }

    @Test
    void shouldSelectByZoneWithNoZoneBeingZoneZero() throws IOException {
        List<Line> lines = lines(ZONES);
        long zone3 = lines.stream().filter(l -> l.get("zone", 0).equals("3")).count();
        CliRun run = CliRun.run("report", "--format", "json", "-w", "3", ZONES.toString());
        assertTrue(run.out.contains("\"matched\": " + zone3 + ","), run.out);
        assertTrue(zone3 > 0);
    }

    @Test
    void shouldSelectByStatusBitsFollowingTheFlowFromTheFirstShowingIt() throws IOException {
        // OFFLOAD: flows (by original tuple) picked at their first [OFFLOAD] line and followed to their DESTROY
        Function<Line, String> tuple = l -> l.get("src", 0) + " " + l.get("dst", 0) + " " + l.get("sport", 0) + " " + l.get("dport", 0);
        for (Path file : List.of(OFFLOAD_NAT, ROOT.resolve("samples/corpus/events__netfilter-devel_lore__20240408_ipv6_offload_destroy.txt"))) {
            List<String> followed = followedFrom(file, tuple, l -> l.has("[OFFLOAD]") || l.has("[HW_OFFLOAD]"));
            check(file, l -> followed.contains(l.text), "--status", "OFFLOAD");
        }
        // ASSURED on the lab recording, the same way, by conntrack id
        List<String> followed = followedFrom(EVENTS, l -> l.get("id", l.fields.get("id").size() - 1), l -> l.has("[ASSURED]"));
        check(EVENTS, l -> followed.contains(l.text), "-u", "ASSURED");
    }

    /** The lines of each flow from its first line that shows {@code picks} to its DESTROY; a NEW starts a new flow. */
    private static List<String> followedFrom(Path file, Function<Line, String> flowKey, Predicate<Line> picks) throws IOException {
        Map<String, Boolean> picked = new HashMap<>();
        List<String> followed = new ArrayList<>();
        for (Line l : lines(file)) {
            String flow = flowKey.apply(l);
            if (l.event.equals("NEW")) {
                picked.remove(flow);
            }
            if (picks.test(l)) {
                picked.put(flow, true);
            }
            if (picked.getOrDefault(flow, false)) {
                followed.add(l.text);
            }
            if (l.event.equals("DESTROY")) {
                picked.remove(flow);
            }
        }
        return followed;
    }

    /**
     * {@code --status UNREPLIED} on the recording: a flow (keyed by conntrack id, a new flow at each NEW)
     * is never replied when none of its lines lacks {@code [UNREPLIED]}; every line of such a flow counts.
     */
    @Test
    void shouldKeepOnlyFlowsThatNeverGotAReply() throws IOException {
        List<Line> lines = lines(EVENTS);
        Map<String, List<Line>> open = new HashMap<>();
        List<List<Line>> flows = new ArrayList<>();
        for (Line l : lines) {
            String id = l.get("id", l.fields.get("id").size() - 1);
            if (l.event.equals("NEW") || !open.containsKey(id)) {
                List<Line> flow = new ArrayList<>();
                flows.add(flow);
                open.put(id, flow);
            }
            open.get(id).add(l);
            if (l.event.equals("DESTROY")) {
                open.remove(id);
            }
        }
        List<Line> neverReplied = new ArrayList<>();
        long openAtEnd = 0;
        for (List<Line> flow : flows) {
            if (flow.stream().allMatch(l -> l.has("[UNREPLIED]"))) {
                neverReplied.addAll(flow);
                if (!flow.get(flow.size() - 1).event.equals("DESTROY")) {
                    openAtEnd++;
                }
            }
        }
        List<Long> expected = recount(neverReplied, l -> true);
        assertTrue(expected.get(0) > 10 && expected.get(0) < recount(lines, l -> true).get(0), expected.toString());
        assertEquals(expected, reported(EVENTS, "--status", "UNREPLIED"));
        CliRun run = CliRun.run("report", "--format", "json", "-u", "unreplied", EVENTS.toString());
        assertTrue(run.out.contains("\"entries\": " + openAtEnd + ","), run.out);
        assertTrue(run.out.contains("\"unreplied\": " + openAtEnd + ","), run.out);
        assertTrue(run.out.contains("\"expression\": \"--status UNREPLIED\""), run.out);
        assertTrue(run.out.contains("\"matched\": " + neverReplied.size() + ","), run.out);
    }

    @Test
    void shouldRefuseUnrepliedAsAStateAndPointAtStatus() {
        CliRun run = CliRun.run("report", "--state", "UNREPLIED", EVENTS.toString());
        assertEquals(2, run.exitCode);
        assertTrue(run.err.contains("use --status UNREPLIED"), run.err);
        assertTrue(run.out.isEmpty(), run.out);
    }
}
