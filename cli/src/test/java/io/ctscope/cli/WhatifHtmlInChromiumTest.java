package io.ctscope.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code whatif --html} in real headless Chromium: the page renders the current and projected table with
 * its band and the nf_conntrack_max line, logs nothing, and shows a hostile helper=/secctx= (here in an
 * at-risk example, which quotes the flow's event) as text.
 */
class WhatifHtmlInChromiumTest {
    private static final String SCRIPT = "<script>document.documentElement.setAttribute('data-pwned','script')</script>";
    private static final String SVG = "\"><svg/onload=document.documentElement.setAttribute('data-pwned','svg')>";

    private static String tcp(double t, String kind, String timeout, String state, String extra) {
        long micros = 1_795_241_942_000_000L + Math.round(t * 1_000_000);
        return String.format("[%d.%06d]\t", micros / 1_000_000, micros % 1_000_000) + String.format("%9s ", "[" + kind + "]")
            + "ipv4     2 tcp      6 " + timeout + state + " src=10.77.1.2 dst=172.20.77.2 sport=60224 dport=22"
            + " src=172.20.77.2 dst=172.20.77.1 sport=22 dport=60224 [ASSURED]" + extra + " id=7";
    }

    @Test
    void shouldRenderTheWhatifPageAndShowHostileInputAsText(@TempDir Path dir) throws Exception {
        HeadlessChromium chromium = HeadlessChromium.require(dir);
        Path events = dir.resolve("events.txt");
        String hostile = " secctx=" + SVG + " helper=" + SCRIPT;
        Files.write(events, List.of(
            tcp(0, "UPDATE", "432000 ", "ESTABLISHED", hostile),
            tcp(7200, "UPDATE", "120 ", "FIN_WAIT", hostile),
            tcp(7201, "UPDATE", "120 ", "TIME_WAIT", hostile),
            tcp(7321, "DESTROY", "", "TIME_WAIT", hostile)), StandardCharsets.US_ASCII);
        Path html = dir.resolve("whatif.html");
        WhatifRun run = WhatifRun.run(events.toString(), "--set", "tcp_timeout_established=3600", "--max", "4",
            "--html", html.toString());
        assertEquals(0, run.exitCode, run.err);
        assertEquals(1L, run.report.get("at_risk.cuts"), "the 2 h idle ESTABLISHED phase is at risk under 1 h");
        assertTrue(run.out.startsWith("WHATIF  peak 1 "), run.out);

        HeadlessChromium.Page page = chromium.open(html, 1100, 2200);
        assertTrue(page.console.isEmpty(), "console messages:\n" + String.join("\n", page.console));
        assertFalse(page.dom.contains("data-pwned=\""), "a payload ran:\n" + page.dom);
        assertFalse(page.dom.contains("<script"), "a script element was created");
        assertEquals(2, page.count("<svg"), "the table over time and the per-state bars, no injected svg");
        assertEquals(1, page.count("<polygon"), "the projected band");
        assertEquals(2, page.count("<path"), "as captured, and projected");
        assertEquals(1, page.count("class=\"ref\""), "the nf_conntrack_max line");
        assertTrue(page.dom.contains("&lt;script&gt;document.documentElement.setAttribute('data-pwned','script')&lt;/script&gt;"),
            "the helper shows as text:\n" + page.dom);
        assertTrue(page.dom.contains("\"&gt;&lt;svg/onload=document.documentElement.setAttribute('data-pwned','svg')&gt;"),
            "the secctx shows as text");
        assertTrue(page.dom.contains("tcp_timeout_established"), "the settings table");
        Files.copy(page.screenshot, Path.of(System.getProperty("java.io.tmpdir"), "ctscope-whatif-html.png"),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
