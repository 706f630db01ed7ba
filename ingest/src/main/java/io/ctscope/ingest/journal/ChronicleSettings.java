package io.ctscope.ingest.journal;

/**
 * System properties Chronicle reads once, in its own static initialisers: they must be set before the first
 * Chronicle class initialises. Every journal class calls {@link #apply()} from its first static statement;
 * the launcher, surefire and JMH also pass them as {@code -D} flags, this is the belt to those braces.
 */
public final class ChronicleSettings {
    static {
        // never phone home (the analytics jar is also excluded from the build), no start-up banner
        System.setProperty("chronicle.analytics.disable", "true");
        System.setProperty("chronicle.announcer.disable", "true");
    }

    private ChronicleSettings() {
    }

    /** Runs the static initialiser above (once); safe to call any number of times. */
    public static void apply() {
        // the work is done by class initialisation
    }
}
