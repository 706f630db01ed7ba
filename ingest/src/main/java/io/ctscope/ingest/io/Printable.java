package io.ctscope.ingest.io;

/**
 * Makes text from the input (file names, field values) safe to print on a terminal: every control character
 * (C0, DEL, C1) becomes a visible escape ({@code \n}, {@code \t}, {@code \r}, {@code \e}, else
 * {@code \xHH}), so a name cannot forge a line of output, move the cursor or retitle the terminal.
 * Escaped text has no control characters left, so escaping it again changes nothing.
 */
public final class Printable {
    private Printable() {
    }

    public static String of(String s) {
        if (s == null) {
            return null;
        }
        int i = 0;
        while (i < s.length() && !needsEscape(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length() + 8).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!needsEscape(c)) {
                sb.append(c);
                continue;
            }
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                case 0x1b -> sb.append("\\e");
                default -> sb.append("\\x").append(Character.forDigit(c >> 4 & 0xf, 16))
                    .append(Character.forDigit(c & 0xf, 16));
            }
        }
        return sb.toString();
    }

    private static boolean needsEscape(char c) {
        return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f);
    }
}
