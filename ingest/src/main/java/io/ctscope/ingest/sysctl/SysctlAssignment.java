package io.ctscope.ingest.sysctl;

/**
 * A setting an operator types, {@code NAME=VALUE} with the name in any spelling
 * ({@code --set tcp_timeout_established=3600}). Unknown names and bad values are rejected with a message
 * that says what was wrong and, for a misspelt name, the closest known one.
 */
public final class SysctlAssignment {
    private SysctlAssignment() {
    }

    /**
     * @param source where the text came from, kept in the setting ({@code --set})
     * @throws IllegalArgumentException with a one-line message fit for a usage error
     */
    public static SysctlSetting parse(String text, String source) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("'" + SysctlValues.printable(text) + "': expected NAME=VALUE, e.g. tcp_timeout_established=3600");
        }
        String name = text.substring(0, eq);
        String canonical = SysctlNames.knownCanonical(name).orElseThrow(() -> new IllegalArgumentException(
            "unknown setting '" + SysctlValues.printable(name.trim()) + "' (did you mean "
                + SysctlNames.shortName(SysctlNames.closest(name)) + "?)"));
        return new SysctlSetting(canonical, SysctlValues.parse(canonical, text.substring(eq + 1)), source, 0);
    }
}
