package io.ctscope.analysis.live;

import io.ctscope.analysis.report.Report;
import io.ctscope.analysis.report.ReportValues;

import java.util.List;
import java.util.Map;

/** The values the live renderers show, read out of a published report tree (nothing counted here). */
final class ReportReader {
    private final Report report;

    ReportReader(Report report) {
        this.report = report;
    }

    long num(String path) {
        return ReportValues.num(report.get(path));
    }

    double real(String path) {
        Object o = report.get(path);
        return o instanceof Number ? ((Number) o).doubleValue() : 0;
    }

    Map<String, Object> map(String path) {
        return ReportValues.mapOrEmpty(report.get(path));
    }

    long events() {
        return num("events.NEW") + num("events.UPDATE") + num("events.DESTROY");
    }

    /** ENOBUFS warnings: in the stream itself (piped with 2>&1) and on a spawned conntrack's stderr. */
    long lossWarnings() {
        return num("input.loss_warnings") + num("live.loss_warnings");
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> rows(String path, int max) {
        Object o = report.get(path);
        if (!(o instanceof List)) {
            return List.of();
        }
        List<Map<String, Object>> rows = (List<Map<String, Object>>) o;
        return rows.size() > max ? rows.subList(0, max) : rows;
    }
}
