package io.ctscope.analysis.report;

/**
 * Wraps the prose lines of a text report that are longer than the width at spaces (after a clause's
 * "; " or ", " when one is near the end), continuing under
 * the line's text: under the first word after a section label ({@code OCCUPANCY  peak ...}), or at the
 * line's own indentation. Table lines are laid out to fit by {@link TextTable} and pass unchanged.
 */
public final class TextWrap {
    private TextWrap() {
    }

    public static String fit(String text, int width) {
        StringBuilder out = new StringBuilder(text.length() + 64);
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            wrap(out, text.substring(start, end), width);
            if (end < text.length()) {
                out.append('\n');
            }
            start = end + 1;
        }
        return out.toString();
    }

    private static void wrap(StringBuilder out, String line, int width) {
        if (line.length() <= width) {
            out.append(line);
            return;
        }
        String indent = " ".repeat(continuation(line));
        String rest = line;
        boolean first = true;
        while (rest.length() > width) {
            int cut = breakAt(rest, width);
            if (cut <= indent.length()) {
                break;
            }
            out.append(rest, 0, cut).append('\n');
            rest = indent + rest.substring(cut + 1).stripLeading();
            first = false;
        }
        out.append(first ? line : rest);
    }

    /** The space to break at: after a "; " or ", " in the last part of the line if there is one, else the last space. */
    private static int breakAt(String line, int width) {
        int soft = width * 3 / 5;
        for (String mark : new String[] {"; ", ", "}) {
            int at = line.lastIndexOf(mark, width - mark.length());
            if (at >= soft) {
                return at + 1;
            }
        }
        return line.lastIndexOf(' ', width);
    }

    /** Where continued text starts: after a leading label and its two-space gap, else the indentation. */
    private static int continuation(String line) {
        int lead = 0;
        while (lead < line.length() && line.charAt(lead) == ' ') {
            lead++;
        }
        if (lead > 0) {
            return lead;
        }
        int gap = line.indexOf("  ");
        if (gap > 0 && gap < 16) {
            int text = gap;
            while (text < line.length() && line.charAt(text) == ' ') {
                text++;
            }
            return text;
        }
        return 2;
    }
}
