package io.ctscope.analysis.doctor;

/** How urgent a finding is, with the Nagios/Icinga plugin exit code of that status. */
public enum Severity {
    OK(0),
    WARNING(1),
    CRITICAL(2),
    /** The check could not be made: unreadable input, a usage error, nothing to diagnose. */
    UNKNOWN(3);

    private final int exitCode;

    Severity(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /** The more urgent of the two; UNKNOWN only wins over OK (a real problem found is worth more than a gap). */
    public Severity worst(Severity o) {
        return urgency() >= o.urgency() ? this : o;
    }

    /** Sort order, most urgent first: CRITICAL, WARNING, UNKNOWN, OK. */
    int urgency() {
        switch (this) {
            case CRITICAL:
                return 3;
            case WARNING:
                return 2;
            case UNKNOWN:
                return 1;
            default:
                return 0;
        }
    }
}
