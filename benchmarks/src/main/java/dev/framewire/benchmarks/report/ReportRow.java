package dev.framewire.benchmarks.report;

/**
 * One result placed in its suite's table.
 *
 * @param result     the JMH result
 * @param label      what distinguishes this row inside its group: the method name, plus the baseline
 *                   parameter's value when the suite's baseline is a {@code @Param} value
 * @param group      the parameter combination the row is compared within ({@code ""} without params)
 * @param isBaseline whether this row is its group's baseline
 * @param speedup    how many times faster than the baseline ({@code 2.0}: twice as fast; {@code 0.25}: four
 *                   times slower), whatever the mode; {@code NaN} when the group has no comparable baseline
 */
public record ReportRow(JmhResult result, String label, String group, boolean isBaseline, double speedup) {
}
