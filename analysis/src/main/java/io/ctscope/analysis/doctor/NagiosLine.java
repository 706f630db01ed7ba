package io.ctscope.analysis.doctor;

/**
 * The one line of a Nagios/Icinga/Sensu check: {@code CONNTRACK STATUS - most urgent finding | perfdata},
 * with the exit code of {@link Diagnosis#exitCode()}.
 */
public final class NagiosLine {
    private NagiosLine() {
    }

    public static String render(Diagnosis d) {
        Finding top = d.findings().isEmpty() ? null : d.findings().get(0);
        String text = top == null ? "nothing to report" : top.title().replace('|', '/');
        long problems = d.findings().stream().filter(f -> f.severity() != Severity.OK).count();
        StringBuilder sb = new StringBuilder("CONNTRACK ").append(d.status().name()).append(" - ").append(text);
        if (problems > 1) {
            sb.append(" (+").append(problems - 1).append(" more problem").append(problems > 2 ? "s" : "").append(')');
        }
        String perf = d.perfdata();
        if (!perf.isEmpty()) {
            sb.append(" | ").append(perf);
        }
        return sb.append('\n').toString();
    }
}
