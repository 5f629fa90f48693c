package dev.framewire.benchmarks.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One row of a JMH JSON result file: one benchmark method at one combination of {@code @Param} values.
 *
 * @param suite     the benchmark class, fully qualified (one class = one idea = one suite)
 * @param method    the benchmark method name
 * @param mode      JMH's short mode name: {@code thrpt}, {@code avgt}, {@code sample} or {@code ss}
 * @param params    {@code @Param} values in the order JMH wrote them; empty when the benchmark has none
 * @param median    the 50th percentile of the measured iteration scores (of the samples, in sample mode)
 * @param score     JMH's primary score (a mean)
 * @param error     half-width of JMH's 99.9% confidence interval; {@code NaN} when a single iteration ran
 * @param unit      the score unit, e.g. {@code ms/op} or {@code ops/s}
 */
public record JmhResult(String suite, String method, String mode, Map<String, String> params,
                        double median, double score, double error, String unit) {

    public JmhResult {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(mode, "mode");
        params = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(params, "params")));
        Objects.requireNonNull(unit, "unit");
    }

    /** Whether a larger score is better: throughput modes; every other mode measures time. */
    public boolean higherIsBetter() {
        return "thrpt".equals(mode);
    }

    /** The suite's simple class name, e.g. {@code SharpnessBenchmark}. */
    public String suiteSimpleName() {
        return suite.substring(suite.lastIndexOf('.') + 1);
    }

    /** {@code name=value} pairs joined by commas, or {@code ""} without params. */
    public String paramsLabel() {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }
}
