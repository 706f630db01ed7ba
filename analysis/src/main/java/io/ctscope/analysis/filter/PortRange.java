package io.ctscope.analysis.filter;

/** Parses a port ({@code 53}) or port range ({@code 1024-65535}) written on the command line. */
public final class PortRange {
    private static final int MAX_PORT = 65_535;

    private PortRange() {
    }

    /** {@code [low, high]}; {@code option} names the option in the error message ({@code --port}). */
    public static int[] parse(String option, String item) {
        int dash = item.indexOf('-');
        if (dash < 0) {
            int port = parsePort(option, item, item.trim());
            return new int[] {port, port};
        }
        int low = parsePort(option, item, item.substring(0, dash).trim());
        int high = parsePort(option, item, item.substring(dash + 1).trim());
        if (low > high) {
            throw new IllegalArgumentException("bad " + option + " \"" + item + "\": the range must run from low to high");
        }
        return new int[] {low, high};
    }

    private static int parsePort(String option, String item, String digits) {
        boolean ok = !digits.isEmpty() && digits.length() <= 5 && digits.chars().allMatch(c -> c >= '0' && c <= '9');
        int port = ok ? Integer.parseInt(digits) : -1;
        if (port < 0 || port > MAX_PORT) {
            throw new IllegalArgumentException("bad " + option + " \"" + item + "\": use a port 0-65535 or a range such as 1024-65535");
        }
        return port;
    }
}
