package dev.framewire.examples.ipc;

import org.HdrHistogram.Histogram;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes what a sweep measured: a table (terminal and {@code ipc-table.md}), one {@code .hgrm} percentile
 * distribution per run and latency view (microseconds), and a PNG per mode of latency percentiles by message
 * size, one colour per channel and one line style per percentile.
 */
final class IpcReport {
    static final double[] PLOTTED_PERCENTILES = {50, 99, 99.9};
    private static final Color[] CHANNEL_COLOURS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0xff7f0e), new Color(0x2ca02c)};
    /** p50 solid, p99 dashed, p99.9 dash-dot: XChart's dotted line reads as solid at this size. */
    private static final BasicStroke[] PERCENTILE_STROKES = {SeriesLines.SOLID, SeriesLines.DASH_DASH,
            new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{10f, 4f, 2f, 4f}, 0f)};

    private IpcReport() {
    }

    static String table(List<IpcResult> results) {
        StringBuilder t = new StringBuilder();
        t.append("| channel | size | mode | offered msg/s | recorded | received msg/s | MB/s | p50 µs | p90 µs | p99 µs | p99.9 µs | max µs | p99 from send µs |\n");
        t.append("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (IpcResult r : results) {
            Histogram h = r.recording().fromIntended;
            double rate = r.recording().messagesPerSecond();
            t.append("| ").append(r.channel().label)
                    .append(" | ").append(sizeLabel(r.plan().messageBytes()))
                    .append(" | ").append(r.plan().modeLabel())
                    .append(" | ").append(r.plan().fullSpeed() ? "max" : rate(r.plan().ratePerSecond()))
                    .append(" | ").append(r.recording().messages)
                    .append(" | ").append(rate(rate))
                    .append(" | ").append(Double.isNaN(rate) ? "—" : rate(rate * r.plan().messageBytes() / 1e6))
                    .append(" | ").append(percentile(h, 50))
                    .append(" | ").append(percentile(h, 90))
                    .append(" | ").append(percentile(h, 99))
                    .append(" | ").append(percentile(h, 99.9))
                    .append(" | ").append(h.getTotalCount() == 0 ? "—" : micros(h.getMaxValue()))
                    .append(" | ").append(percentile(r.recording().fromSent, 99))
                    .append(" |\n");
        }
        return t.toString();
    }

    /** Writes the table, the .hgrm files and the charts into {@code out}; returns the files written. */
    static List<Path> write(List<IpcResult> results, Path out) {
        List<Path> files = new ArrayList<>();
        try {
            Files.createDirectories(out);
            Path md = out.resolve("ipc-table.md");
            Files.writeString(md, table(results));
            files.add(md);
            for (IpcResult r : results) {
                String base = r.channel().label + "-" + sizeLabel(r.plan().messageBytes()).replace(" ", "")
                        + (r.plan().fullSpeed() ? "-fullspeed" : "-fixedrate");
                files.add(hgrm(r.recording().fromIntended, out.resolve(base + ".hgrm")));
                files.add(hgrm(r.recording().fromSent, out.resolve(base + "-fromsend.hgrm")));
            }
            for (boolean fullSpeed : new boolean[]{false, true}) {
                List<IpcResult> mode = results.stream().filter(r -> r.plan().fullSpeed() == fullSpeed).toList();
                if (!mode.isEmpty()) {
                    files.add(chart(mode, out.resolve(fullSpeed ? "latency-fullspeed.png" : "latency-fixedrate.png"), fullSpeed));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the IPC report into " + out + ": " + e.getMessage(), e);
        }
        return files;
    }

    private static Path hgrm(Histogram h, Path file) throws IOException {
        try (PrintStream ps = new PrintStream(Files.newOutputStream(file), false, "UTF-8")) {
            if (h.getTotalCount() > 0) {
                h.outputPercentileDistribution(ps, 1000.0);
            } else {
                ps.println("# no recorded messages (run shorter than its warm-up, or nothing arrived)");
            }
        }
        return file;
    }

    private static Path chart(List<IpcResult> results, Path file, boolean fullSpeed) throws IOException {
        XYChart chart = new XYChartBuilder().width(1000).height(600)
                .title("One-way latency by message size, " + (fullSpeed ? "full speed (from actual send)"
                        : "fixed offered rate (from intended send, coordinated omission corrected)"))
                .xAxisTitle("message size (bytes, log scale)").yAxisTitle("latency (µs, log scale)").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        List<ChannelKind> channels = results.stream().map(IpcResult::channel).distinct().toList();
        for (int c = 0; c < channels.size(); c++) {
            ChannelKind kind = channels.get(c);
            List<IpcResult> ofChannel = results.stream()
                    .filter(r -> r.channel() == kind && r.recording().fromIntended.getTotalCount() > 0).toList();
            if (ofChannel.isEmpty()) {
                continue;
            }
            for (int p = 0; p < PLOTTED_PERCENTILES.length; p++) {
                double percentile = PLOTTED_PERCENTILES[p];
                List<Double> xs = new ArrayList<>();
                List<Double> ys = new ArrayList<>();
                for (IpcResult r : ofChannel) {
                    xs.add((double) r.plan().messageBytes());
                    // a log axis cannot show 0; anything below 0.1 µs is drawn at 0.1 µs
                    ys.add(Math.max(0.1, r.recording().fromIntended.getValueAtPercentile(percentile) / 1000.0));
                }
                XYSeries series = chart.addSeries(kind.label + " p" + trim(percentile), xs, ys);
                series.setLineColor(CHANNEL_COLOURS[c % CHANNEL_COLOURS.length]);
                series.setMarkerColor(CHANNEL_COLOURS[c % CHANNEL_COLOURS.length]);
                series.setLineStyle(PERCENTILE_STROKES[p]);
                series.setMarker(SeriesMarkers.CIRCLE);
            }
        }
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        return file;
    }

    private static String percentile(Histogram h, double p) {
        return h.getTotalCount() == 0 ? "—" : micros(h.getValueAtPercentile(p));
    }

    /** Nanoseconds as microseconds with about three significant digits. */
    static String micros(double nanos) {
        double us = nanos / 1000.0;
        if (us >= 100) {
            return String.format(Locale.ROOT, "%,.0f", us);
        }
        return String.format(Locale.ROOT, us >= 10 ? "%.1f" : "%.2f", us);
    }

    static String rate(double perSecond) {
        if (Double.isNaN(perSecond)) {
            return "—";
        }
        return perSecond >= 100 ? String.format(Locale.ROOT, "%,.0f", perSecond) : String.format(Locale.ROOT, "%.1f", perSecond);
    }

    static String sizeLabel(int bytes) {
        if (bytes % (1 << 20) == 0) {
            return bytes / (1 << 20) + " MiB";
        }
        if (bytes >= 1_000_000 && bytes % 1_000_000 == 0) {
            return bytes / 1_000_000 + " MB";
        }
        if (bytes % 1024 == 0) {
            return bytes / 1024 + " KiB";
        }
        return bytes + " B";
    }

    private static String trim(double percentile) {
        return percentile == Math.rint(percentile) ? Long.toString((long) percentile) : Double.toString(percentile);
    }
}
