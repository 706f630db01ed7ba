package io.ctscope.analysis.report.html;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HtmlBlocksTest {
    @Test
    void shouldEscapeTextAndAttributeContextsAndControlCharacters() {
        assertEquals("&lt;script&gt;a&amp;b&lt;/script&gt;", Escape.text("<script>a&b</script>"));
        assertEquals("&quot;&gt;&lt;img src=x onerror=&#39;x&#39;&gt;", Escape.attribute("\"><img src=x onerror='x'>"));
        assertEquals("a\uFFFDb\uFFFDc\td\n", Escape.text("a\u001bb\u0085c\td\n"));
    }

    @Test
    void shouldKeepEachColumnsMinimumAndMaximumInTimeOrder() {
        long[] ts = new long[10_000];
        double[] v = new double[ts.length];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = i;
            v[i] = 5;
        }
        v[4_321] = 99;
        v[7_000] = -3;
        MinMaxDownsampler.Points p = MinMaxDownsampler.line(ts, v, 0, ts.length - 1, 100);
        assertTrue(p.count() <= 200, p.count() + " points");
        assertEquals(102, p.count(), "one point per flat column, two where a column has a spike");
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < p.count(); i++) {
            max = Math.max(max, p.values()[i]);
            min = Math.min(min, p.values()[i]);
            if (i > 0) {
                assertTrue(p.columns()[i] >= p.columns()[i - 1], "in column order");
            }
        }
        assertEquals(99, max);
        assertEquals(-3, min);
    }

    @Test
    void shouldDrawAWeekAtOneSecondInAFewTensOfKilobytes() {
        int n = 7 * 86_400;
        long[] ts = new long[n];
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            ts[i] = 1_800_000_000L + i;
            v[i] = i % 1000;
        }
        StringBuilder sb = new StringBuilder();
        new LineChart("week", "entries").band("band", ts, v, v).line("line", ts, v).reference("max", 2000).appendTo(sb);
        assertTrue(sb.length() < 60_000, sb.length() + " chars");
        assertTrue(sb.toString().contains("max 2000"));
    }

    @Test
    void shouldRenderOnePageWithNothingToFetchOrRun() {
        String html = new HtmlDocument("t <b>").add(TextBlock.paragraph("p & q")).add(new Table("", "").row("a", "b")).render();
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<title>t &lt;b&gt;</title>"));
        assertTrue(html.contains("content=\"default-src 'none'; style-src 'unsafe-inline'\""));
        assertFalse(html.contains("<thead>"), "no header row for empty headers");
        assertFalse(html.contains("<script"));
        for (String ref : new String[] {"://", "src=", "href=", "url(", "@import"}) {
            assertFalse(html.contains(ref), "nothing points off the page: " + ref);
        }
    }
}
