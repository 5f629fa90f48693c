package dev.framewire.benchmarks.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The results of one suite (one benchmark class), grouped, sorted and compared with the suite's baseline.
 *
 * <p>Rows are grouped by parameter combination (without the baseline parameter when the baseline is a
 * {@code @Param} value), groups in the order JMH ran them. Inside a group the baseline comes first, then the
 * other rows from fastest to slowest by median.
 *
 * <p>Immutable and thread-safe once built.
 */
public final class SuiteReport {
    private final String suite;
    private final BaselineRule.Kind baseline;
    private final List<ReportRow> rows;

    private SuiteReport(String suite, BaselineRule.Kind baseline, List<ReportRow> rows) {
        this.suite = suite;
        this.baseline = baseline;
        this.rows = List.copyOf(rows);
    }

    /** Splits results by suite, keeping the order in which suites first appear. */
    public static List<SuiteReport> build(List<JmhResult> results, BaselineRule rule) {
        Map<String, List<JmhResult>> bySuite = results.stream()
                .collect(Collectors.groupingBy(JmhResult::suite, LinkedHashMap::new, Collectors.toList()));
        List<SuiteReport> reports = new ArrayList<>();
        bySuite.forEach((suite, suiteResults) -> reports.add(of(suite, suiteResults, rule.find(suiteResults))));
        return reports;
    }

    static SuiteReport of(String suite, List<JmhResult> results, BaselineRule.Kind baseline) {
        String ignoredParam = baseline instanceof BaselineRule.ByParam byParam ? byParam.param() : null;
        Map<String, List<JmhResult>> groups = results.stream().collect(Collectors.groupingBy(
                r -> groupLabel(r, ignoredParam) + " | " + r.mode(), LinkedHashMap::new, Collectors.toList()));
        List<ReportRow> rows = new ArrayList<>();
        for (List<JmhResult> group : groups.values()) {
            List<ReportRow> groupRows = new ArrayList<>();
            for (JmhResult r : group) {
                JmhResult base = findBaseline(r, results, baseline);
                boolean isBaseline = base == r;
                groupRows.add(new ReportRow(r, rowLabel(r, ignoredParam), groupLabel(r, ignoredParam), isBaseline,
                        base == null ? Double.NaN : speedup(r, base)));
            }
            groupRows.sort(Comparator.comparing((ReportRow row) -> !row.isBaseline())
                    .thenComparing(SuiteReport::fastestFirst));
            rows.addAll(groupRows);
        }
        return new SuiteReport(suite, baseline, rows);
    }

    private static double fastestFirst(ReportRow row) {
        JmhResult r = row.result();
        return r.higherIsBetter() ? -r.median() : r.median();
    }

    private static String groupLabel(JmhResult r, String ignoredParam) {
        return r.params().entrySet().stream()
                .filter(e -> !e.getKey().equals(ignoredParam))
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static String rowLabel(JmhResult r, String ignoredParam) {
        return ignoredParam == null || !r.params().containsKey(ignoredParam)
                ? r.method()
                : r.method() + " [" + r.params().get(ignoredParam) + "]";
    }

    private static JmhResult findBaseline(JmhResult r, List<JmhResult> all, BaselineRule.Kind kind) {
        if (kind instanceof BaselineRule.ByMethod byMethod) {
            for (JmhResult candidate : all) {
                if (candidate.method().equals(byMethod.name()) && candidate.mode().equals(r.mode())
                        && paramsAgree(candidate, r, null)) {
                    return candidate;
                }
            }
        } else if (kind instanceof BaselineRule.ByParam byParam) {
            for (JmhResult candidate : all) {
                if (candidate.method().equals(r.method()) && candidate.mode().equals(r.mode())
                        && byParam.value().equals(candidate.params().get(byParam.param()))
                        && paramsAgree(candidate, r, byParam.param())) {
                    return candidate;
                }
            }
        }
        return null;
    }

    /** Every parameter of the baseline candidate (but {@code ignored}) has the same value in {@code r}. */
    private static boolean paramsAgree(JmhResult candidate, JmhResult r, String ignored) {
        for (Map.Entry<String, String> p : candidate.params().entrySet()) {
            if (!p.getKey().equals(ignored) && !p.getValue().equals(r.params().get(p.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static double speedup(JmhResult r, JmhResult base) {
        if (!Objects.equals(r.unit(), base.unit()) || r.median() <= 0 || base.median() <= 0) {
            return Double.NaN;
        }
        return r.higherIsBetter() ? r.median() / base.median() : base.median() / r.median();
    }

    /** The benchmark class, fully qualified. */
    public String suite() {
        return suite;
    }

    public String simpleName() {
        return suite.substring(suite.lastIndexOf('.') + 1);
    }

    public BaselineRule.Kind baseline() {
        return baseline;
    }

    public List<ReportRow> rows() {
        return rows;
    }
}
