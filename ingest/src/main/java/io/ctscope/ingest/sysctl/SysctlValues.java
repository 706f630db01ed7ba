package io.ctscope.ingest.sysctl;

/** Parses a conntrack sysctl's value: one whole number, never negative. */
final class SysctlValues {
    private SysctlValues() {
    }

    /** The value, or throws with a reason that names the setting and what is wrong with the value. */
    static long parse(String canonical, String text) {
        String v = text.trim();
        String what = SysctlNames.kind(canonical).orElse(null) == SysctlKind.TIMEOUT ? "a whole number of seconds" : "a whole number";
        if (v.isEmpty()) {
            throw new IllegalArgumentException(SysctlNames.shortName(canonical) + ": no value (expected " + what + ")");
        }
        if (v.charAt(0) == '-' && v.length() > 1 && allDigits(v, 1)) {
            throw new IllegalArgumentException(SysctlNames.shortName(canonical) + ": " + v + " is negative (expected " + what + ")");
        }
        int start = v.charAt(0) == '+' ? 1 : 0;
        if (start == v.length() || !allDigits(v, start) || v.length() - start > 18) {
            throw new IllegalArgumentException(SysctlNames.shortName(canonical) + ": '" + printable(v) + "' is not " + what);
        }
        return Long.parseLong(v.substring(start));
    }

    private static boolean allDigits(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** At most 40 characters of {@code s}, control characters shown as {@code \xNN}. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && i < 40; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (s.length() > 40) {
            b.append("...");
        }
        return b.toString();
    }
}
