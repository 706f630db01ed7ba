package io.ctscope.analysis.doctor;

/** The doctor's findings for a person: status, then each finding with its evidence, then the sysctl snippet. */
public final class DoctorText {
    private DoctorText() {
    }

    public static String render(Diagnosis d) {
        StringBuilder sb = new StringBuilder(2048);
        int crit = 0;
        int warn = 0;
        for (Finding f : d.findings()) {
            crit += f.severity() == Severity.CRITICAL ? 1 : 0;
            warn += f.severity() == Severity.WARNING ? 1 : 0;
        }
        sb.append("CONNTRACK ").append(d.status().name()).append(": ").append(crit).append(" critical, ")
            .append(warn).append(" warning").append(warn == 1 ? "" : "s").append('\n');
        for (Finding f : d.findings()) {
            sb.append('\n').append(String.format("%-9s", f.severity().name())).append(' ').append(f.title()).append('\n');
            for (String e : f.evidence()) {
                sb.append("          ").append(e).append('\n');
            }
        }
        SysctlProposal p = d.proposal();
        if (!p.isEmpty()) {
            sb.append("\nPROPOSED sysctl.conf (").append(p.basis()).append(")\n");
            for (String line : p.lines()) {
                sb.append("  ").append(line).append('\n');
            }
        }
        for (String note : p.notes()) {
            sb.append("  note: ").append(note).append('\n');
        }
        return sb.toString();
    }
}
