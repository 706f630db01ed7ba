/**
 * Self-contained HTML pages with inline SVG charts, for {@code report --html} and {@code whatif --html}:
 * one file, no script, no font, no image, nothing fetched (the page carries a Content-Security-Policy
 * of {@code default-src 'none'}), every string escaped for HTML text and attribute contexts
 * ({@link io.ctscope.analysis.report.html.Escape}).
 *
 * <h2>Public API</h2>
 * <ul>
 *   <li>{@link io.ctscope.analysis.report.html.HtmlDocument}: {@code new HtmlDocument(title)},
 *       {@code .subtitle(text)}, {@code .add(block)} (in order), {@code .footer(text)},
 *       {@code .render()} returns the whole page as a String (write it with
 *       {@code Files.writeString(path, html, UTF_8)}).</li>
 *   <li>Blocks ({@link io.ctscope.analysis.report.html.HtmlBlock}):
 *     <ul>
 *       <li>{@link io.ctscope.analysis.report.html.TextBlock}: {@code heading(text)},
 *           {@code paragraph(text)}, {@code note(text)} (muted);</li>
 *       <li>{@link io.ctscope.analysis.report.html.LineChart}: {@code new LineChart(title, yLabel)},
 *           {@code .line(name, long[] epochSeconds, long[]|double[] values)},
 *           {@code .band(name, ts, low[], high[])} (shaded), {@code .reference(label, value)}
 *           (dashed horizontal line, e.g. {@code nf_conntrack_max}), {@code .size(w, h)}
 *           (default 960 × 300). The y axis starts at 0 and holds every value and reference; time is
 *           UTC. Series of any length are drawn with at most two points per pixel column (that
 *           column's min and max), so a week at 1 s stays well under 100 kB and spikes stay visible;</li>
 *       <li>{@link io.ctscope.analysis.report.html.BarChart}: {@code new BarChart(title)},
 *           {@code .bar(label, value)} per row in the order added (sort first),
 *           {@code .width(w)};</li>
 *       <li>{@link io.ctscope.analysis.report.html.KeyValueTable}:
 *           {@code new KeyValueTable("setting", "value").put(name, value)} (empty headers: no header row);</li>
 *       <li>{@link io.ctscope.analysis.report.html.Table}: {@code new Table(headers...)},
 *           {@code .alignRight(columns...)}, {@code .row(cells...)};</li>
 *       <li>{@link io.ctscope.analysis.report.html.BulletList}: {@code .item(text)},
 *           {@code .items(iterable)} (e.g. a projection's assumptions).</li>
 *     </ul></li>
 *   <li>{@link io.ctscope.analysis.report.html.ReportHtml#render(io.ctscope.analysis.report.Report)}:
 *       the page of {@code ctscope report}, an example of putting the blocks together.</li>
 * </ul>
 *
 * <pre>{@code
 * String html = new HtmlDocument("ctscope whatif")
 *     .subtitle("events.txt, tcp_timeout_established 432000 -> 3600")
 *     .add(TextBlock.heading("Live entries"))
 *     .add(new LineChart("Live entries, current and projected", "entries")
 *         .band("projected, low-high", ts, low, high)
 *         .line("current", ts, current)
 *         .line("projected", ts, point)
 *         .reference("nf_conntrack_max", 262144))
 *     .add(new BarChart("Removed now, per state").bar("tcp/ESTABLISHED", 4120).bar("udp", 310))
 *     .add(new KeyValueTable("setting", "current -> proposed").put("tcp_timeout_established", "432000 -> 3600"))
 *     .add(new BulletList().item("DESTROY lags expiry by up to 60 s"))
 *     .render();
 * }</pre>
 *
 * Tests: {@code cli/src/test/java/io/ctscope/cli/HtmlInChromiumTest.java} opens pages in real headless
 * Chromium ({@code HeadlessChromium}: DOM after rendering, console messages, screenshot), with hostile
 * {@code helper=}/{@code secctx=} values; reuse it for whatif's page.
 */
package io.ctscope.analysis.report.html;
