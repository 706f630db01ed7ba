package io.ctscope.ingest.sysctl;

/**
 * One conntrack sysctl value and where it was read: {@code source} is the input's name (a file, a
 * {@code /proc/sys} path, {@code --set}), {@code line} its line number, or 0 when the whole file is the value.
 */
public record SysctlSetting(String name, long value, String source, long line) {
    /** {@code file:line} or {@code file}, for messages. */
    public String where() {
        return line > 0 ? source + ":" + line : source;
    }

    public String shortName() {
        return SysctlNames.shortName(name);
    }
}
