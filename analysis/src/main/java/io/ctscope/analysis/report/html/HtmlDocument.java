package io.ctscope.analysis.report.html;

import java.util.ArrayList;
import java.util.List;

/**
 * One self-contained HTML5 page: inline CSS, inline SVG, no script, no font, no image, nothing fetched.
 * A Content-Security-Policy of {@code default-src 'none'} (styles inline only) is part of the page, so
 * a browser would refuse to run or load anything even if some markup slipped through; the escaping in
 * every block ({@link Escape}) is what keeps it from slipping through.
 */
public final class HtmlDocument {
    private static final String CSS = String.join("\n",
        "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;margin:24px auto;max-width:1000px;",
        "padding:0 16px;color:#222;background:#fff;line-height:1.4}",
        "h1{font-size:1.5em;margin:0 0 4px}h2{font-size:1.15em;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}",
        "p.note{color:#666;font-size:.9em}",
        "table{border-collapse:collapse;margin:8px 0;font-size:.92em}",
        "th,td{padding:3px 10px;border-bottom:1px solid #eee;text-align:left;vertical-align:top}",
        "th{background:#f6f6f6}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}",
        "figure.chart{margin:8px 0 16px}figcaption{font-weight:600;margin-bottom:4px}",
        "svg{max-width:100%;height:auto;font-size:11px;fill:#333}",
        "svg .grid{stroke:#e4e4e4;stroke-width:1}svg .tick{stroke:#999}svg .frame{fill:none;stroke:#bbb}",
        "svg .axis-label{fill:#666}",
        "ul.legend{list-style:none;padding:0;margin:4px 0;display:flex;flex-wrap:wrap;gap:4px 18px;font-size:.9em}",
        ".swatch{display:inline-block;width:14px;height:4px;margin-right:6px;vertical-align:middle}",
        ".swatch.band{height:10px;opacity:.35}.swatch.ref{height:2px}",
        "footer{margin-top:32px;color:#888;font-size:.85em}");

    private final String title;
    private final List<HtmlBlock> blocks = new ArrayList<>();
    private String subtitle;
    private String footer;

    /** A page whose {@code <title>} and {@code <h1>} are {@code title}. */
    public HtmlDocument(String title) {
        this.title = title;
    }

    /** A line under the title (e.g. the inputs and when they were read). */
    public HtmlDocument subtitle(String text) {
        this.subtitle = text;
        return this;
    }

    /** Small print at the end (e.g. the tool and its version). */
    public HtmlDocument footer(String text) {
        this.footer = text;
        return this;
    }

    public HtmlDocument add(HtmlBlock block) {
        blocks.add(block);
        return this;
    }

    /** The whole page. */
    public String render() {
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
            .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
        Escape.appendText(html, title);
        html.append("</title>\n<style>\n").append(CSS).append("\n</style>\n</head>\n<body>\n<h1>");
        Escape.appendText(html, title);
        html.append("</h1>\n");
        if (subtitle != null) {
            TextBlock.note(subtitle).appendTo(html);
        }
        for (HtmlBlock b : blocks) {
            b.appendTo(html);
        }
        if (footer != null) {
            html.append("<footer>");
            Escape.appendText(html, footer);
            html.append("</footer>\n");
        }
        html.append("</body>\n</html>\n");
        return html.toString();
    }
}
