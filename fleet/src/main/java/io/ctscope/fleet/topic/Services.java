package io.ctscope.fleet.topic;

/** What ship and fleet-fold, the two long-running Kafka services, share: their waits, their words, their host. */
public final class Services {
    private Services() {
    }

    /** Sleeps {@code ms}; false when interrupted (the interrupt is kept: the caller should stop). */
    public static boolean pause(long ms) {
        try {
            Thread.sleep(ms);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The first line of an exception's message (its class name when it has none). */
    public static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    /** This host's name, {@code unknown} when it has none. */
    public static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
