package io.ctscope.cli;

import io.ctscope.fleet.summary.BoxSummary;
import io.ctscope.fleet.summary.SummaryCodec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code fleet --format html} in real headless Chromium: a box shipped with {@code --set} and a summary whose
 * box name is markup (written to the topic by hand, as a hostile or broken producer could): the page renders the
 * fleet's entries over time and the what-if bars, logs nothing, fetches nothing, and shows the markup as text.
 */
class FleetHtmlInChromiumTest {
    private static final String SCRIPT = "<script>document.documentElement.setAttribute('data-pwned','script')</script>";

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @Test
    void shouldRenderTheFleetPageAndShowHostileNamesAsText(@TempDir Path dir) throws Exception {
        HeadlessChromium chromium = HeadlessChromium.require(dir);
        Path q = dir.resolve("q");
        CliRun ingest = CliRun.run("ingest", "--queue", q.toString(), SampleFiles.lab("events-timestamp.txt"));
        assertEquals(0, ingest.exitCode, ingest.err);
        CliRun ship = CliRun.run("ship", "--queue", q.toString(), "--kafka", KAFKA.bootstrap(), "--topic-prefix", "fh.",
            "--box", "lab", "--create-topics", "--once", "--set", "tcp_timeout_established=5", "--set", "udp_timeout_stream=2");
        assertEquals(0, ship.exitCode, ship.err);
        BoxSummary hostile = new BoxSummary();
        hostile.box = SCRIPT;
        hostile.records = 1;
        hostile.firstIndex = 0;
        hostile.lastIndex = 0;
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of("bootstrap.servers", KAFKA.bootstrap()),
            new ByteArraySerializer(), new ByteArraySerializer())) {
            p.send(new ProducerRecord<>("fh.summaries", hostile.box.getBytes(StandardCharsets.UTF_8), SummaryCodec.encode(hostile))).get();
        }
        CliRun fleet = CliRun.run("fleet", "--kafka", KAFKA.bootstrap(), "--topic-prefix", "fh.", "--format", "html",
            "--stale", "3600", "--no-events");
        assertEquals(0, fleet.exitCode, fleet.err);
        assertTrue(fleet.out.startsWith("<!DOCTYPE html>"), fleet.out);
        Path html = dir.resolve("fleet.html");
        Files.writeString(html, fleet.out, StandardCharsets.UTF_8);

        HeadlessChromium.Page page = chromium.open(html, 1100, 2400);
        assertTrue(page.console.isEmpty(), "console messages:\n" + String.join("\n", page.console));
        assertFalse(page.dom.contains("data-pwned=\""), "a payload ran:\n" + page.dom);
        assertFalse(page.dom.contains("<script"), "a script element was created");
        assertEquals(2, page.count("<svg"), "the entries over time and the what-if bars");
        assertEquals(1, page.count("<path"), "the fleet's entries");
        assertTrue(page.dom.contains("&lt;script&gt;document.documentElement.setAttribute('data-pwned','script')&lt;/script&gt;"),
            "the box name shows as text:\n" + page.dom);
        assertTrue(page.dom.contains("Where the proposed timeouts help most"), page.dom);
        assertTrue(page.dom.contains("No projection (shipped without --set): &lt;script&gt;"), "the hand-made box has none");
        assertTrue(page.dom.contains("tcp_timeout_established=5 udp_timeout_stream=2"), "the proposal");
        String markup = fleet.out.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        assertFalse(markup.contains("http:") || markup.contains("https:") || markup.contains(" src=\"") || markup.contains(" href=\""),
            "nothing to fetch");
        Files.copy(page.screenshot, Path.of(System.getProperty("java.io.tmpdir"), "ctscope-fleet-html.png"),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
