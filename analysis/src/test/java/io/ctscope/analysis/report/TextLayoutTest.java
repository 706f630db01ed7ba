package io.ctscope.analysis.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Fitting text output to a width: tables, prose, percentages. */
class TextLayoutTest {
    @Test
    void shouldKeepATableThatFitsAsItIs() {
        TextTable t = new TextTable("KEY", "FLOWS").row("10.0.0.1", "5");
        StringBuilder sb = new StringBuilder();
        t.appendTo(sb, "  ", 80);
        assertEquals("  KEY       FLOWS\n  10.0.0.1      5\n", sb.toString());
    }

    @Test
    void shouldPutAKeyTooLongForTheWidthOnALineOfItsOwnAboveItsValues() {
        TextTable t = new TextTable("SOURCE -> DESTINATION", "FLOWS", "BYTES")
            .row("fd77:1:2:3:4:5:6:7 -> fd77:2:2:3:4:5:6:7", "27", "7.4 KiB")
            .row("10.0.0.1 -> 10.0.0.2", "3", "1 B");
        StringBuilder sb = new StringBuilder();
        t.appendTo(sb, "  ", 46);
        assertEquals(""
            + "  SOURCE -> DESTINATION         FLOWS    BYTES\n"
            + "  fd77:1:2:3:4:5:6:7 -> fd77:2:2:3:4:5:6:7\n"
            + "                                   27  7.4 KiB\n"
            + "  10.0.0.1 -> 10.0.0.2              3      1 B\n", sb.toString());
        for (String line : sb.toString().split("\n")) {
            assertEquals(true, line.length() <= 46, line);
        }
    }

    @Test
    void shouldBreakAKeyLongerThanTheWidthAfterAPathSeparator() {
        TextTable t = new TextTable("FILE", "FORMAT")
            .row("/var/tmp/captures/gateway-7/2026-11-21/conntrack-events-timestamp-extended-id.txt", "events");
        StringBuilder sb = new StringBuilder();
        t.appendTo(sb, "  ", 60);
        assertEquals(""
            + "  FILE                                                FORMAT\n"
            + "  /var/tmp/captures/gateway-7/2026-11-21/conntrack-events-\n"
            + "    timestamp-extended-id.txt\n"
            + "                                                      events\n", sb.toString());
    }

    @Test
    void shouldWrapProseUnderTheTextAfterItsLabel() {
        String text = "DURATIONS  225 lifetimes measured, 12 flows still open at the end (censored, not included)\n"
            + "           lifetimes timed by events include the reaping lag (up to ~60 s); ktimestamp ones do not\n";
        assertEquals(""
            + "DURATIONS  225 lifetimes measured, 12 flows still open at the end (censored,\n"
            + "           not included)\n"
            + "           lifetimes timed by events include the reaping lag (up to ~60 s);\n"
            + "           ktimestamp ones do not\n", TextWrap.fit(text, 78));
        assertEquals(text, TextWrap.fit(text, 200));
    }

    @Test
    void shouldNeverShowANonZeroShareAsZeroOrAPartialOneAsWhole() {
        assertEquals("<0.1%", Units.percent(31, 65_536));
        assertEquals("0.0%", Units.percent(0, 65_536));
        assertEquals("0.1%", Units.percent(66, 65_536));
        assertEquals(">99.9%", Units.percent(65_535, 65_536));
        assertEquals("100.0%", Units.percent(65_536, 65_536));
        assertEquals("<0.1%", Units.percent(0.0473));
    }

    @Test
    void shouldTakeTheTerminalWidthFromColumnsWithinBounds() {
        assertEquals(80, TextWidth.of(null));
        assertEquals(80, TextWidth.of("wide"));
        assertEquals(132, TextWidth.of("132"));
        assertEquals(TextWidth.MIN, TextWidth.of("20"));
    }
}
