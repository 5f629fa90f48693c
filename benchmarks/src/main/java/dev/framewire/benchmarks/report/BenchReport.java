package dev.framewire.benchmarks.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a JMH JSON result file into {@code OUT/report.md} (one Markdown table per suite, with the ratio to each
 * suite's baseline) and one PNG bar chart per suite and unit ({@code OUT/<Suite>.png}).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.framewire.benchmarks.report.BenchReport results.json out/ \
 *      [--baseline SuiteClass=method | --baseline SuiteClass=param=value ...]
 * </pre>
 *
 * Exit status: 0 when the report was written, 2 on bad arguments or unreadable input (one line on stderr).
 */
public final class BenchReport {
    static final String USAGE = "usage: BenchReport RESULTS.json OUT_DIR [--baseline SuiteClass=method|SuiteClass=param=value ...]";

    /** What one call produced. */
    public record Output(Path markdown, List<Path> charts, List<SuiteReport> suites) {
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        try {
            Output out = run(args);
            System.out.println("wrote " + out.markdown() + " and " + out.charts().size() + " chart(s) for "
                    + out.suites().size() + " suite(s)");
        } catch (IllegalArgumentException e) {
            System.err.println("BenchReport: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Parses the arguments and writes the report. @throws IllegalArgumentException on bad arguments or input */
    public static Output run(String... args) {
        List<String> positional = new ArrayList<>();
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--baseline")) {
                if (i + 1 >= args.length || !args[i + 1].contains("=")) {
                    throw new IllegalArgumentException("--baseline needs SuiteClass=method or SuiteClass=param=value; " + USAGE);
                }
                String[] kv = args[++i].split("=", 2);
                overrides.put(kv[0], kv[1]);
            } else if (args[i].startsWith("-")) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; " + USAGE);
            } else {
                positional.add(args[i]);
            }
        }
        if (positional.size() != 2) {
            throw new IllegalArgumentException(USAGE);
        }
        return write(Path.of(positional.get(0)), Path.of(positional.get(1)), BaselineRule.withBundledDefaults(overrides));
    }

    /** Reads {@code results} and writes the Markdown report and charts into {@code outDir} (created if needed). */
    public static Output write(Path results, Path outDir, BaselineRule rule) {
        List<JmhResult> parsed = new JmhResultParser().parse(results);
        if (parsed.isEmpty()) {
            throw new IllegalArgumentException(results + ": holds no benchmark results");
        }
        List<SuiteReport> suites = SuiteReport.build(parsed, rule);
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new IllegalArgumentException(outDir + ": cannot create output directory (" + e.getMessage() + ")");
        }
        MarkdownTable table = new MarkdownTable();
        SuiteChart chart = new SuiteChart();
        List<Path> charts = new ArrayList<>();
        StringBuilder md = new StringBuilder("# Benchmark report\n\n")
                .append("From `").append(results.getFileName()).append("`. Median of the measured iterations; error is ")
                .append("JMH's 99.9% confidence half-width (— when only one iteration ran). ")
                .append("Speed vs baseline: 2.00× = twice as fast as the suite's baseline, 0.50× = twice as slow.\n");
        for (SuiteReport suite : suites) {
            md.append("\n## ").append(suite.simpleName()).append("\n\n`").append(suite.suite()).append("`. ")
                    .append(table.describeBaseline(suite)).append("\n\n")
                    .append(table.render(suite));
            Set<String> units = new LinkedHashSet<>();
            suite.rows().forEach(r -> units.add(r.result().unit()));
            for (String unit : units) {
                String name = units.size() == 1 ? suite.simpleName() : suite.simpleName() + "-" + unit.replaceAll("[^A-Za-z0-9]+", "_");
                Path png = outDir.resolve(name + ".png");
                chart.write(suite, unit, png);
                charts.add(png);
                md.append("\n![").append(suite.simpleName()).append(" (").append(unit).append(")](")
                        .append(png.getFileName()).append(")\n");
            }
        }
        Path markdown = outDir.resolve("report.md");
        try {
            Files.writeString(markdown, md.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + markdown, e);
        }
        return new Output(markdown, List.copyOf(charts), suites);
    }
}
