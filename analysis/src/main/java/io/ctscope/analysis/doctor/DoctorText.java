package io.ctscope.analysis.doctor;

/**
 * The doctor's findings for a person: status, then each finding with its evidence, then the sysctl
 * snippet; words wrapped to {@link #WIDTH} columns (a sysctl line is never broken).
 */
public final class DoctorText {
    static final int WIDTH = 80;
    private static final String INDENT = "          ";

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
            sb.append('\n');
            wrap(sb, String.format("%-9s", f.severity().name()) + " ", f.title(), INDENT);
            for (String e : f.evidence()) {
                wrap(sb, INDENT, e, INDENT + "  ");
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
            wrap(sb, "  note: ", note, "        ");
        }
        return sb.toString();
    }

    /** {@code first} then {@code text}, broken at spaces, continued after {@code indent}. */
    static void wrap(StringBuilder sb, String first, String text, String indent) {
        int col = 0;
        sb.append(first);
        col += first.length();
        boolean lineStart = true;
        for (String word : text.split(" ")) {
            if (!lineStart && col + 1 + word.length() > WIDTH) {
                sb.append('\n').append(indent);
                col = indent.length();
                lineStart = true;
            }
            if (!lineStart) {
                sb.append(' ');
                col++;
            }
            sb.append(word);
            col += word.length();
            lineStart = false;
        }
        sb.append('\n');
    }
}
