package io.ctscope.analysis.doctor;

import java.util.List;

/**
 * One thing the doctor found: how urgent, a stable code ({@code table_use}, {@code table_full},
 * {@code drops} ...), the namespace it concerns (null for the machine), a one-line title and the
 * evidence, each line a figure and where it came from.
 */
public record Finding(Severity severity, String code, String namespace, String title, List<String> evidence) {
    public Finding {
        evidence = List.copyOf(evidence);
    }
}
