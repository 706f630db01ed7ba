package io.ctscope.samples;

/**
 * Everything that shapes one synthetic capture. Two equal configs produce byte-identical output.
 *
 * <p>{@code maxFlows} plays the role of {@code nf_conntrack_max}: when that many flows are open a
 * new flow is dropped, as the kernel does when its table is full. The default leaves headroom for
 * the steady state of the default rate (about 400k entries: every closed TCP flow lingers 120 s in
 * TIME_WAIT), so only a deliberately small value makes the table fill.
 */
public final class GeneratorConfig {

    public static final long DEFAULT_START_MICROS = 1_700_000_000_000_000L;
    public static final int DEFAULT_HOSTS = 5_000;
    public static final int DEFAULT_NAT_ADDRESSES = 4;
    public static final double DEFAULT_EVENTS_PER_SECOND = 20_000.0;
    public static final int DEFAULT_MAX_FLOWS = 1 << 19;
    /** Distinct 10/8 addresses the host numbering can produce (254 per /24, .0 and .255 skipped). */
    public static final int MAX_HOSTS = 254 * 256 * 255;
    public static final int MAX_NAT_ADDRESSES = 254 * 256;

    final long lines;
    final long seed;
    final int hosts;
    final int natAddresses;
    final double eventsPerSecond;
    final long startMicros;
    final int maxFlows;

    public GeneratorConfig(long lines, long seed, int hosts, int natAddresses, double eventsPerSecond,
                           long startMicros, int maxFlows) {
        require(lines >= 0, "--lines must be >= 0");
        require(hosts >= 1 && hosts <= MAX_HOSTS, "--hosts must be in 1.." + MAX_HOSTS);
        require(natAddresses >= 1 && natAddresses <= MAX_NAT_ADDRESSES,
                "--nat-addrs must be in 1.." + MAX_NAT_ADDRESSES);
        require(eventsPerSecond > 0 && eventsPerSecond <= 1e9, "--rate must be in (0, 1e9]");
        require(startMicros >= 0, "--start must be >= 0");
        require(maxFlows >= 1 && maxFlows <= (1 << 26), "--max-flows must be in 1.." + (1 << 26));
        this.lines = lines;
        this.seed = seed;
        this.hosts = hosts;
        this.natAddresses = natAddresses;
        this.eventsPerSecond = eventsPerSecond;
        this.startMicros = startMicros;
        this.maxFlows = maxFlows;
    }

    public static GeneratorConfig of(long lines, long seed) {
        return new GeneratorConfig(lines, seed, DEFAULT_HOSTS, DEFAULT_NAT_ADDRESSES,
                DEFAULT_EVENTS_PER_SECOND, DEFAULT_START_MICROS, DEFAULT_MAX_FLOWS);
    }

    public GeneratorConfig withHosts(int h) {
        return new GeneratorConfig(lines, seed, h, natAddresses, eventsPerSecond, startMicros, maxFlows);
    }

    public GeneratorConfig withNatAddresses(int k) {
        return new GeneratorConfig(lines, seed, hosts, k, eventsPerSecond, startMicros, maxFlows);
    }

    public GeneratorConfig withRate(double r) {
        return new GeneratorConfig(lines, seed, hosts, natAddresses, r, startMicros, maxFlows);
    }

    public GeneratorConfig withStartMicros(long s) {
        return new GeneratorConfig(lines, seed, hosts, natAddresses, eventsPerSecond, s, maxFlows);
    }

    public GeneratorConfig withMaxFlows(int m) {
        return new GeneratorConfig(lines, seed, hosts, natAddresses, eventsPerSecond, startMicros, m);
    }

    public long lines() { return lines; }
    public long seed() { return seed; }
    public int hosts() { return hosts; }
    public int natAddresses() { return natAddresses; }
    public double eventsPerSecond() { return eventsPerSecond; }
    public long startMicros() { return startMicros; }
    public int maxFlows() { return maxFlows; }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
