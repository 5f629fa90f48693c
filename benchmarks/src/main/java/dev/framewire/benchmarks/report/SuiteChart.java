package dev.framewire.benchmarks.report;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Draws one suite as a grouped bar chart with XChart: one bar group per benchmark (row label), one colour per
 * parameter combination, bar height the median. The value axis is logarithmic when the medians span more than
 * {@value #LOG_SCALE_SPAN}x, so a 36 MB payload and a 64 B payload both stay readable.
 *
 * <p>Stateless and thread-safe; needs {@code java.awt.headless=true} on machines without a display.
 */
public final class SuiteChart {
    static final double LOG_SCALE_SPAN = 30;
    static final int WIDTH = 1000;
    static final int HEIGHT = 560;

    /**
     * Writes a PNG of the rows that share {@code unit}.
     *
     * @param file where to write; the {@code .png} suffix is added by XChart if missing
     */
    public void write(SuiteReport suite, String unit, Path file) {
        List<ReportRow> rows = suite.rows().stream().filter(r -> r.result().unit().equals(unit)).toList();
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(suite.simpleName() + ": no results in unit " + unit);
        }
        Set<String> categories = new LinkedHashSet<>();
        Map<String, Map<String, Double>> series = new LinkedHashMap<>();
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (ReportRow row : rows) {
            categories.add(row.label());
            String name = row.group().isEmpty() ? row.result().mode() : row.group();
            double median = row.result().median();
            series.computeIfAbsent(name, k -> new LinkedHashMap<>()).put(row.label(), median);
            if (median > 0) {
                min = Math.min(min, median);
                max = Math.max(max, median);
            }
        }
        boolean log = max > 0 && max / min > LOG_SCALE_SPAN;
        boolean higherIsBetter = rows.get(0).result().higherIsBetter();
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title(suite.simpleName() + " — median, " + (higherIsBetter ? "higher is better" : "lower is better"))
                .xAxisTitle("benchmark")
                .yAxisTitle(unit + (log ? " (log scale)" : ""))
                .build();
        chart.getStyler().setYAxisLogarithmic(log);
        if (log) {
            // bars start at the axis minimum, which XChart puts at 0 unless told: the decade below the smallest bar,
            // strictly, so the smallest bar stays visible
            chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min) - 1e-9)));
        }
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setXAxisLabelRotation(categories.size() > 4 ? 20 : 0);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        List<String> xs = new ArrayList<>(categories);
        for (Map.Entry<String, Map<String, Double>> s : series.entrySet()) {
            List<Double> ys = new ArrayList<>(xs.size());
            for (String x : xs) {
                Double y = s.getValue().get(x);
                // XChart needs a value for every category; a missing bar is drawn as the smallest visible one.
                ys.add(y == null || y <= 0 ? (log ? min / 10 : 0.0) : y);
            }
            chart.addSeries(s.getKey(), xs, ys);
        }
        try {
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart " + file, e);
        }
    }
}
