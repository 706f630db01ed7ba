package io.ctscope.cli;

import io.ctscope.analysis.report.html.BarChart;
import io.ctscope.analysis.report.html.BulletList;
import io.ctscope.analysis.report.html.HtmlDocument;
import io.ctscope.analysis.report.html.KeyValueTable;
import io.ctscope.analysis.report.html.LineChart;
import io.ctscope.analysis.report.html.Table;
import io.ctscope.analysis.report.html.TextBlock;
import io.ctscope.ingest.parse.ConntrackTextParser;
import io.ctscope.ingest.parse.ParseStatus;
import io.ctscope.ingest.record.ConntrackRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTML library and {@code report --html} in real headless Chromium: the page renders its SVG
 * charts, logs nothing to the console, and shows hostile {@code helper=}/{@code secctx=} values from
 * the input as text without running or loading anything.
 */
class HtmlInChromiumTest {
    /** Would run if it became markup: sets an attribute the DOM dump would show. */
    private static final String SCRIPT = "<script>document.documentElement.setAttribute('data-pwned','script')</script>";
    /** Breaks out of an attribute, spaces written as slashes so conntrack prints it as one field. */
    private static final String IMG = "\"><img/src/onerror=document.documentElement.setAttribute('data-pwned','img')>";

    /** A conntrack -E line whose helper= and secctx= carry the payloads, parsed as ctscope parses its input. */
    private static ConntrackRecord hostileRecord() {
        String line = "[1795241942.518332]\t    [NEW] ipv4     2 tcp      6 120 SYN_SENT src=10.77.1.2 dst=172.20.77.2"
            + " sport=60224 dport=21 [UNREPLIED] src=172.20.77.2 dst=172.20.77.1 sport=21 dport=60224"
            + " secctx=" + IMG + " helper=" + SCRIPT + " id=1";
        byte[] b = line.getBytes(StandardCharsets.US_ASCII);
        ConntrackRecord r = new ConntrackRecord();
        assertEquals(ParseStatus.RECORD, new ConntrackTextParser().parse(b, 0, b.length, r), line);
        assertEquals(SCRIPT, r.helper.toString(), "the parser keeps the helper as printed");
        assertEquals(IMG, r.secctx.toString(), "the parser keeps the secctx as printed");
        return r;
    }

    private static void assertNothingRan(HeadlessChromium.Page page) {
        assertTrue(page.console.isEmpty(), "console messages:\n" + String.join("\n", page.console));
        assertFalse(page.dom.contains("data-pwned=\""), "a payload ran:\n" + page.dom);
        assertFalse(page.dom.contains("<script"), "a script element was created");
        assertFalse(page.dom.contains("<img"), "an img element was created");
    }

    @Test
    void shouldRenderEveryBlockAndShowHostileInputAsText(@TempDir Path dir) throws Exception {
        HeadlessChromium chromium = HeadlessChromium.require(dir);
        ConntrackRecord r = hostileRecord();
        String helper = r.helper.toString();
        String secctx = r.secctx.toString();
        // a week at 1 s, with a one-second spike on the third day
        int n = 7 * 86_400;
        long[] ts = new long[n];
        long[] current = new long[n];
        long[] low = new long[n];
        long[] high = new long[n];
        for (int i = 0; i < n; i++) {
            ts[i] = 1_795_000_000L + i;
            current[i] = 40_000 + (long) (20_000 * Math.sin(i * 2 * Math.PI / 86_400));
            low[i] = current[i] / 2;
            high[i] = current[i] * 3 / 4;
        }
        current[3 * 86_400 + 5] = 250_000;
        HtmlDocument doc = new HtmlDocument("whatif " + helper)
            .subtitle("inputs: " + secctx)
            .add(TextBlock.heading("Table over time " + helper))
            .add(new LineChart("live entries " + secctx, "entries " + helper)
                .band("projected " + helper, ts, low, high)
                .line("current " + secctx, ts, current)
                .reference("nf_conntrack_max " + helper, 262_144))
            .add(new BarChart("per state " + helper).bar("tcp/ESTABLISHED " + secctx, 120).bar(helper, 30))
            .add(new KeyValueTable("setting", "value").put("helper", helper).put("secctx", secctx))
            .add(new Table("flow", "helper", "secctx").alignRight(0).row("1", helper, secctx))
            .add(new BulletList().item("assumption " + helper).item(secctx))
            .footer(secctx);
        String html = doc.render();
        assertTrue(html.length() < 150_000, "a week at 1 s is " + html.length() + " bytes");
        Path file = dir.resolve("library.html");
        Files.writeString(file, html, StandardCharsets.UTF_8);

        HeadlessChromium.Page page = chromium.open(file, 1100, 1500);
        assertNothingRan(page);
        assertEquals(2, page.count("<svg"), "a line chart and a bar chart");
        assertEquals(1, page.count("<polygon"), "one band");
        assertEquals(1, page.count("<path"), "one line");
        assertEquals(1, page.count("class=\"ref\""), "the nf_conntrack_max line");
        assertEquals(2, page.count("class=\"bar\""));
        // the payloads are there, as text: the DOM serialiser escapes < and > in text and & in attributes
        assertTrue(page.count("&lt;script&gt;document.documentElement.setAttribute('data-pwned','script')&lt;/script&gt;") >= 10, page.dom);
        assertTrue(page.count("\"&gt;&lt;img/src/onerror=document.documentElement.setAttribute('data-pwned','img')&gt;") >= 8, page.dom);
        // the spike survives downsampling: the path reaches the top of the plot (250,000 of an axis to 300,000)
        assertTrue(Files.size(page.screenshot) > 10_000, "screenshot " + page.screenshot);
        Files.copy(page.screenshot, Path.of(System.getProperty("java.io.tmpdir"), "ctscope-html-library.png"),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void shouldSeeConsoleMessagesAndInjectedElementsWhenThereAreSome(@TempDir Path dir) throws Exception {
        // The checks above are not vacuous: the same harness sees a script's console output and an injected element.
        HeadlessChromium chromium = HeadlessChromium.require(dir);
        Path file = dir.resolve("control.html");
        Files.writeString(file, "<!DOCTYPE html><html><head><title>c</title></head><body><p>x</p>" + IMG
            + "<script>console.error('from the page')</script></body></html>", StandardCharsets.UTF_8);
        HeadlessChromium.Page page = chromium.open(file, 400, 300);
        assertTrue(page.console.stream().anyMatch(l -> l.contains("from the page")), String.join("\n", page.console));
        assertTrue(page.dom.contains("<img"), page.dom);
        assertTrue(page.dom.contains("data-pwned=\"img\""), "the unescaped onerror ran:\n" + page.dom);
    }

    @Test
    void shouldWriteAReportPageThatRendersFromARealCaptureWithHostileFields(@TempDir Path dir) throws Exception {
        HeadlessChromium chromium = HeadlessChromium.require(dir);
        Path recorded = LabPrerequisites.repoRoot().resolve("samples/lab/recorded/events-timestamp-extended-id.txt");
        List<String> lines = new ArrayList<>(Files.readAllLines(recorded, StandardCharsets.US_ASCII));
        // the first NEW gets a hostile helper and secctx, in a file whose name is hostile too
        lines.set(0, lines.get(0).replace(" id=", " secctx=" + IMG + " helper=" + SCRIPT + " id="));
        Path input = dir.resolve("\"><img src=x onerror=alert(1)>.txt");
        Files.write(input, lines, StandardCharsets.US_ASCII);
        Path html = dir.resolve("report.html");
        CliRun run = CliRun.run("report", "--html", html.toString(), input.toString());
        assertEquals(0, run.exitCode, run.err);
        assertTrue(run.err.isEmpty(), run.err);
        assertTrue(run.out.startsWith("TABLE"), "the text report still goes to stdout");

        HeadlessChromium.Page page = chromium.open(html, 1100, 1900);
        assertNothingRan(page);
        assertEquals(3, page.count("<svg"), "occupancy, per protocol, per state");
        assertEquals(1, page.count("<polygon"), "each interval's own maximum as a band");
        assertEquals(5, page.count("<path"), "live entries, and tcp, udp, icmp, icmpv6");
        assertTrue(page.dom.contains("&lt;img src=x onerror=alert(1)&gt;.txt"), "the file name shows as text");
        assertTrue(page.dom.contains("93 entries at 2026-11-21 06:20:11 UTC"), "the instant peak");
        assertTrue(page.dom.contains("10.77.1.2"), "the top source");
        Files.copy(page.screenshot, Path.of(System.getProperty("java.io.tmpdir"), "ctscope-report-html.png"),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void shouldSayInOneLineWhenThePageCannotBeWritten(@TempDir Path dir) {
        Path recorded = LabPrerequisites.repoRoot().resolve("samples/lab/recorded/events-timestamp-extended-id.txt");
        CliRun run = CliRun.run("report", "--html", dir.resolve("no/such/dir/r.html").toString(), recorded.toString());
        assertEquals(1, run.exitCode);
        assertEquals("ctscope report: cannot write " + dir.resolve("no/such/dir/r.html") + ": no such directory\n", run.err);
    }
}
