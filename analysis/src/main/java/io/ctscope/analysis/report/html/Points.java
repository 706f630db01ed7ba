package io.ctscope.analysis.report.html;

import java.util.List;

/** A report series ({@code [[ts, value], ...]} as {@code long[]} points or lists of numbers) as {@code {ts[], values[]}}. */
final class Points {
    private Points() {
    }

    static long[][] of(Object series) {
        if (!(series instanceof List)) {
            return new long[][] {new long[0], new long[0]};
        }
        List<?> points = (List<?>) series;
        long[] ts = new long[points.size()];
        long[] v = new long[points.size()];
        for (int i = 0; i < ts.length; i++) {
            Object p = points.get(i);
            if (p instanceof long[]) {
                ts[i] = ((long[]) p)[0];
                v[i] = ((long[]) p)[1];
            } else if (p instanceof List) {
                ts[i] = ((Number) ((List<?>) p).get(0)).longValue();
                v[i] = ((Number) ((List<?>) p).get(1)).longValue();
            }
        }
        return new long[][] {ts, v};
    }
}
