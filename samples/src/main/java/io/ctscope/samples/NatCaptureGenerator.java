package io.ctscope.samples;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Command line: writes a synthetic {@code conntrack -E -o timestamp,extended,id} capture of a busy
 * NAT gateway.
 *
 * <pre>
 * java -cp samples/target/classes io.ctscope.samples.NatCaptureGenerator --lines 10000000 --seed 1 --out big.log
 * </pre>
 *
 * Exit codes: 0 ok, 1 failure (I/O), 2 usage.
 */
public final class NatCaptureGenerator {

    static final String USAGE = "usage: NatCaptureGenerator --lines N --seed S --out FILE|- [--hosts H] [--nat-addrs K]"
            + " [--rate EVENTS_PER_S] [--start EPOCH_SECONDS[.micros]] [--max-flows F]";

    private NatCaptureGenerator() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.err));
    }

    /** Everything but {@code System.exit}, so tests can call it. */
    static int run(String[] args, PrintStream err) {
        GeneratorConfig config;
        String outPath;
        try {
            Parsed parsed = parse(args);
            config = parsed.config;
            outPath = parsed.out;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        long startNanos = System.nanoTime(); // only for the throughput in the report
        GenerationSummary summary;
        try (OutputStream out = new BackgroundOutputStream("-".equals(outPath)
                ? new FileOutputStream(FileDescriptor.out)
                : new FileOutputStream(outPath), 1 << 20, 4)) {
            summary = new EventStreamGenerator(config).writeTo(out);
        } catch (IOException | java.io.UncheckedIOException e) {
            err.println("error: writing " + outPath + ": " + e.getMessage());
            return 1;
        }
        double wallSeconds = (System.nanoTime() - startNanos) / 1e9;
        err.println(String.format(Locale.ROOT, "ctscope-samples: %s -> %s in %.2f s (%.0f lines/s)",
                summary, outPath, wallSeconds, summary.lines() / Math.max(wallSeconds, 1e-9)));
        return 0;
    }

    private static final class Parsed {
        GeneratorConfig config;
        String out;
    }

    static Parsed parse(String[] args) {
        long lines = -1;
        Long seed = null;
        String out = null;
        GeneratorConfig defaults = GeneratorConfig.of(0, 0);
        int hosts = defaults.hosts();
        int natAddrs = defaults.natAddresses();
        double rate = defaults.eventsPerSecond();
        long start = defaults.startMicros();
        int maxFlows = defaults.maxFlows();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + name);
            }
            String value = args[++i];
            switch (name) {
                case "--lines": lines = parseLong(name, value); break;
                case "--seed": seed = parseLong(name, value); break;
                case "--out": out = value; break;
                case "--hosts": hosts = (int) parseLong(name, value); break;
                case "--nat-addrs": natAddrs = (int) parseLong(name, value); break;
                case "--rate": rate = parseDouble(name, value); break;
                case "--start": start = parseEpochMicros(name, value); break;
                case "--max-flows": maxFlows = (int) parseLong(name, value); break;
                default: throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (lines < 0 || seed == null || out == null) {
            throw new IllegalArgumentException("--lines, --seed and --out are required");
        }
        Parsed p = new Parsed();
        p.config = new GeneratorConfig(lines, seed, hosts, natAddrs, rate, start, maxFlows);
        p.out = out;
        return p;
    }

    private static long parseLong(String name, String value) {
        try {
            return Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": not an integer: " + value);
        }
    }

    private static double parseDouble(String name, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": not a number: " + value);
        }
    }

    /** "1700000000" or "1700000000.5" or "1700000000.000123", exactly, without going through double. */
    static long parseEpochMicros(String name, String value) {
        int dot = value.indexOf('.');
        String whole = dot < 0 ? value : value.substring(0, dot);
        String fraction = dot < 0 ? "" : value.substring(dot + 1);
        if (whole.isEmpty() || fraction.length() > 6 || !whole.chars().allMatch(Character::isDigit)
                || !fraction.chars().allMatch(Character::isDigit) || whole.length() > 12) {
            throw new IllegalArgumentException(name + ": not epoch seconds with up to 6 decimals: " + value);
        }
        long micros = fraction.isEmpty() ? 0 : Long.parseLong((fraction + "000000").substring(0, 6));
        return Long.parseLong(whole) * 1_000_000L + micros;
    }
}
