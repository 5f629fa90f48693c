package dev.framewire.benchmarks.report;

/**
 * Renders one suite as a GitHub-flavoured Markdown table.
 *
 * <p>Columns: benchmark, params, mode, median, error, units, and the speed relative to the suite's baseline
 * ({@code 2.00×}: twice as fast as the baseline, {@code 0.50×}: twice as slow; direction-aware, so it reads the
 * same for throughput and time modes). Stateless and thread-safe.
 */
public final class MarkdownTable {
    static final String HEADER = "| benchmark | params | mode | median | error (99.9%) | units | speed vs baseline |";

    public String render(SuiteReport suite) {
        StringBuilder md = new StringBuilder();
        md.append(HEADER).append('\n');
        md.append("| --- | --- | --- | ---: | ---: | --- | ---: |\n");
        for (ReportRow row : suite.rows()) {
            JmhResult r = row.result();
            md.append("| ").append(escape(row.label()))
                    .append(" | ").append(escape(row.group()))
                    .append(" | ").append(r.mode())
                    .append(" | ").append(Numbers.format(r.median()))
                    .append(" | ").append(Double.isNaN(r.error()) ? "—" : "± " + Numbers.format(r.error()))
                    .append(" | ").append(escape(r.unit()))
                    .append(" | ").append(row.isBaseline() ? "baseline" : Numbers.ratio(row.speedup()))
                    .append(" |\n");
        }
        return md.toString();
    }

    /** Describes how the suite's baseline was chosen, for the line under its heading. */
    public String describeBaseline(SuiteReport suite) {
        BaselineRule.Kind kind = suite.baseline();
        if (kind instanceof BaselineRule.ByMethod m) {
            return "Baseline: method `" + m.name() + "` at the same parameters.";
        }
        if (kind instanceof BaselineRule.ByParam p) {
            return "Baseline: `" + p.param() + "=" + p.value() + "`, same method and other parameters.";
        }
        return "No baseline in this suite (no `baseline*` method or parameter value): ratios are left blank.";
    }

    private static String escape(String cell) {
        return cell.replace("|", "\\|");
    }
}
