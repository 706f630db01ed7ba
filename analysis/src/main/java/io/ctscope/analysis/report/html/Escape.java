package io.ctscope.analysis.report.html;

/**
 * Escaping for the two contexts the library writes strings into: HTML text (element content, SVG
 * {@code <text>} and {@code <title>}) and double-quoted attribute values. Both escape {@code & < > " '},
 * so either is safe in both; control characters other than tab and newline (which HTML does not
 * allow, and which could hide text) become U+FFFD. Every string the library is given goes through here.
 */
public final class Escape {
    private Escape() {
    }

    /** {@code s} escaped for HTML text content. */
    public static String text(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        appendText(sb, s);
        return sb.toString();
    }

    /** {@code s} escaped for a double-quoted attribute value. */
    public static String attribute(String s) {
        return text(s);
    }

    /** Appends {@code s} escaped (text and attribute contexts alike). */
    public static void appendText(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&':
                    sb.append("&amp;");
                    break;
                case '<':
                    sb.append("&lt;");
                    break;
                case '>':
                    sb.append("&gt;");
                    break;
                case '"':
                    sb.append("&quot;");
                    break;
                case '\'':
                    sb.append("&#39;");
                    break;
                default:
                    if ((c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c < 0xa0)) {
                        sb.append('\uFFFD');
                    } else {
                        sb.append(c);
                    }
            }
        }
    }
}
