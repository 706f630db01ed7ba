package io.ctscope.analysis.occupancy;

import io.ctscope.analysis.report.Report;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.ctscope.analysis.occupancy.EventLines.S;
import static io.ctscope.analysis.occupancy.EventLines.destroyTcp;
import static io.ctscope.analysis.occupancy.EventLines.dumpTcp;
import static io.ctscope.analysis.occupancy.EventLines.newTcp;
import static io.ctscope.analysis.occupancy.EventLines.newUdp;
import static io.ctscope.analysis.occupancy.EventLines.run;
import static io.ctscope.analysis.occupancy.EventLines.updateTcp;
import static org.junit.jupiter.api.Assertions.assertEquals;

class OccupancyTextTest {
    @Test
    void shouldRenderPeakRatesProtocolsAndSparkline() {
        Report report = run(List.of(
            dumpTcp(40),
            newTcp(0, 1),
            newTcp(1_500_000, 2),
            newUdp(1_700_000, 3),
            destroyTcp(2_100_000, 1),
            destroyTcp(4 * S, 2),
            updateTcp(4_500_000, 9)));
        StringBuilder sb = new StringBuilder();
        OccupancyText.appendTo(report, sb);
        // Live at each second's end: 2, 4, 3, 3, 2 (flow 9 was live from the start); tcp 2, 3, 2, 2, 1; udp 0, 1, 1, 1, 1.
        // The peaks are instants: 4 (and udp's 1) at the udp NEW at 1.7 s, tcp's 3 at the NEW at 1.5 s.
        String expected = ""
            + "OCCUPANCY  peak 4 entries at 2024-11-21 06:20:01 UTC, mean 2.8 over 4s (1 s intervals)\n"
            + "           NEW 2/s peak, 0.6/s mean; DESTROY 1/s peak, 0.4/s mean; events 2/s peak, 1.2/s mean\n"
            + "           1 flow was already in the table when the capture began\n"
            + "           1 record without a timestamp left out\n"
            + "  PROTOCOL  PEAK                       AT  MEAN\n"
            + "  tcp          3  2024-11-21 06:20:01 UTC     2\n"
            + "  udp          1  2024-11-21 06:20:01 UTC   0.8\n"
            + "  |+@##+|  entries from 2024-11-21 06:20:00 UTC to 2024-11-21 06:20:04 UTC\n"
            + "\n";
        assertEquals(expected, sb.toString());
    }

    @Test
    void shouldRenderNothingWithoutTheSection() {
        StringBuilder sb = new StringBuilder();
        OccupancyText.appendTo(new Report(), sb);
        assertEquals("", sb.toString());
    }

    @Test
    void shouldDrawOneMarkPerLevelAndKeepShortPeaks() {
        assertEquals(" .:-=+*#%@", Sparkline.of(new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 60));
        long[] spike = new long[600];
        spike[301] = 50;
        spike[10] = 1;
        String line = Sparkline.of(spike, 60);
        assertEquals(60, line.length());
        assertEquals('.', line.charAt(1));
        assertEquals('@', line.charAt(30));
        assertEquals(2, line.replace(" ", "").length());
    }
}
