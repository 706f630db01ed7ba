package io.ctscope.ingest.sysctl;

import io.ctscope.ingest.decode.BadLineListener;
import io.ctscope.ingest.io.ProcFiles;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads conntrack sysctl values from {@code sysctl -a} output (whole or grepped), a sysctl.conf or
 * sysctl.d file ({@code name = value}, {@code name=value}, {@code #}/{@code ;} comments, a leading
 * {@code -}), {@code grep -r . /proc/sys/net/netfilter} output ({@code path:value}), or a
 * {@code /proc/sys/net/netfilter} directory (one value per file). Settings of anything but conntrack
 * are passed over and counted; a conntrack setting with a bad value, and a line that is no setting at
 * all, is reported as {@code file:line: reason} and the rest is still read.
 */
public final class SysctlReader {
    private static final String PROC_SYS = "/proc/sys/";

    private SysctlReader() {
    }

    /** A directory of sysctl files, or a file of {@code name = value} lines. */
    public static SysctlSettings read(Path path, BadLineListener bad) throws IOException {
        if (Files.isDirectory(path)) {
            return readDirectory(path, bad);
        }
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.ISO_8859_1)) {
            return parse(path.toString(), in, bad);
        }
    }

    /** Lines of {@code name = value}; {@code input} names them in messages. */
    public static SysctlSettings parse(String input, BufferedReader in, BadLineListener bad) throws IOException {
        SysctlSettings settings = new SysctlSettings();
        long lineNumber = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNumber++;
            String reason = parseLine(line.strip(), input, lineNumber, settings);
            if (reason != null && !bad.onBadLine(input, lineNumber, reason)) {
                break;
            }
        }
        return settings;
    }

    /** @return null when the line was taken (or passed over), else why it was rejected */
    private static String parseLine(String line, String input, long lineNumber, SysctlSettings settings) {
        if (line.isEmpty() || line.charAt(0) == '#' || line.charAt(0) == ';') {
            return null;
        }
        if (line.startsWith("sysctl: ")) {
            settings.countOtherLine(); // sysctl's own complaints, e.g. "permission denied on key"
            return null;
        }
        String body = line.charAt(0) == '-' ? line.substring(1).stripLeading() : line;
        int sep = body.indexOf('=');
        if (sep < 0 && body.startsWith(PROC_SYS)) {
            sep = body.indexOf(':');
        }
        if (sep <= 0) {
            return "not a sysctl setting (expected name = value): '" + SysctlValues.printable(line) + "'";
        }
        String name = body.substring(0, sep).strip();
        if (name.indexOf(' ') >= 0 || name.indexOf('\t') >= 0) {
            return "not a sysctl name: '" + SysctlValues.printable(name) + "'";
        }
        Optional<String> canonical = SysctlNames.canonical(name);
        if (canonical.isEmpty()) {
            settings.countOtherLine();
            return null;
        }
        try {
            settings.put(new SysctlSetting(canonical.get(), SysctlValues.parse(canonical.get(), body.substring(sep + 1)),
                input, lineNumber));
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static SysctlSettings readDirectory(Path dir, BadLineListener bad) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                if (Files.isRegularFile(p)) {
                    files.add(p);
                }
            }
        }
        files.sort(null);
        SysctlSettings settings = new SysctlSettings();
        for (Path p : files) {
            Optional<String> canonical = SysctlNames.canonical(p.getFileName().toString());
            if (canonical.isEmpty()) {
                settings.countOtherLine();
                continue;
            }
            String text;
            try {
                text = ProcFiles.read(p);
            } catch (IOException e) {
                if (!bad.onBadLine(p.toString(), 0, "cannot read: " + e.getMessage())) {
                    break;
                }
                continue;
            }
            try {
                settings.put(new SysctlSetting(canonical.get(), SysctlValues.parse(canonical.get(), text), p.toString(), 0));
            } catch (IllegalArgumentException e) {
                if (!bad.onBadLine(p.toString(), 1, e.getMessage())) {
                    break;
                }
            }
        }
        return settings;
    }
}
