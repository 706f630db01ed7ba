package io.ctscope.analysis.nat;

import io.ctscope.analysis.report.Report;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NatTextTest {
    private static Map<String, Object> row(String key, long peak, Object ts, double usePct, Double rangePct) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", key);
        m.put("peak_ports", peak);
        m.put("peak_ts", ts);
        m.put("use_pct", usePct);
        m.put("range_use_pct", rangePct);
        return m;
    }

    private static Report report(String range, Long rangeSize, List<Object> addresses, List<Object> destinations) {
        Report r = new Report();
        Map<String, Object> ports = new LinkedHashMap<>();
        ports.put("capacity", 65536L);
        ports.put("port_range", range);
        ports.put("range_size", rangeSize);
        ports.put("translated_flows", 40_000L);
        ports.put("outside_range", 3L);
        ports.put("by_address", addresses);
        ports.put("by_destination", destinations);
        r.section("nat").put("ports", ports);
        return r;
    }

    @Test
    void shouldListTheMostAtRiskFirstAndWarnAboutADestinationOverHalfTheRange() {
        List<Object> addresses = new ArrayList<>(List.of(row("172.16.0.1 tcp", 21_000, 1732170000L, 32.0435, 74.3837)));
        List<Object> destinations = new ArrayList<>(List.of(
            row("172.16.0.1 -> 172.16.0.2:443 tcp", 20_000, 1732170000L, 30.5176, 70.8416),
            row("172.16.0.1 -> 172.16.0.3:443 tcp", 15_000, null, 22.8882, 53.1312),
            row("172.16.0.1 -> 172.16.0.4:80 tcp", 1_000, null, 1.5259, 3.5421)));
        StringBuilder sb = new StringBuilder();
        NatText.appendTo(report("32768-60999", 28_232L, addresses, destinations), sb, 200);
        String expected = ""
            + "NAT PORTS  40.0 k source-NATed flows; port space 65,536, range 32768-60999 (28,232 ports); "
            + "3 flows used ports outside that range\n"
            + "  WARNING: 172.16.0.1 -> 172.16.0.2:443 tcp peaked at 20.0 k concurrent flows, 70.8% of the port range "
            + "(1 more listed above 50%); new connections to it fail once its ports run out\n"
            + "\n"
            + "  TRANSLATED ADDRESS  PEAK PORTS  OF SPACE  OF RANGE                       AT\n"
            + "  172.16.0.1 tcp          21.0 k     32.0%     74.4%  2024-11-21 06:20:00 UTC\n"
            + "\n"
            + "  TRANSLATED ADDRESS -> DESTINATION  PEAK FLOWS  OF SPACE  OF RANGE                       AT\n"
            + "  172.16.0.1 -> 172.16.0.2:443 tcp       20.0 k     30.5%     70.8%  2024-11-21 06:20:00 UTC\n"
            + "  172.16.0.1 -> 172.16.0.3:443 tcp       15.0 k     22.9%     53.1%                        -\n"
            + "  172.16.0.1 -> 172.16.0.4:80 tcp          1000      1.5%      3.5%                        -\n"
            + "\n";
        assertEquals(expected, sb.toString());
    }

    @Test
    void shouldNotWarnBelowHalfOfThePortSpace() {
        List<Object> addresses = new ArrayList<>(List.of(row("172.16.0.1 udp", 10, null, 0.0153, null)));
        List<Object> destinations = new ArrayList<>(List.of(row("172.16.0.1 -> 172.16.0.2:53 udp", 10, null, 0.0153, null)));
        StringBuilder sb = new StringBuilder();
        NatText.appendTo(report(null, null, addresses, destinations), sb);
        String text = sb.toString();
        assertEquals("NAT PORTS  40.0 k source-NATed flows; port space 65,536\n", text.substring(0, text.indexOf('\n') + 1));
        assertEquals(-1, text.indexOf("WARNING"));
        assertEquals(true, text.contains("  172.16.0.1 udp"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldSayWhenNoFlowWasSourceNated() {
        Report r = report(null, null, new ArrayList<>(), new ArrayList<>());
        ((Map<String, Object>) r.section("nat").get("ports")).put("translated_flows", 0L);
        StringBuilder sb = new StringBuilder();
        NatText.appendTo(r, sb);
        assertEquals("NAT PORTS  0 source-NATed flows; port space 65,536\n\n", sb.toString());
    }
}
