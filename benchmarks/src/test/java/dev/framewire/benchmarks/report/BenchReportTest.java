package dev.framewire.benchmarks.report;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The fixture {@code report/jmh-results.json} has JMH 1.37's layout and three suites: SharpnessBenchmark (a
 * {@code baselineMemoryRead} method, two sizes, avgt), ChannelLatencyBenchmark (a {@code channel=baselineThreadHandoff}
 * parameter, sample mode) and PipelineOverheadBenchmark (no baseline, thrpt, single iterations).
 */
class BenchReportTest {
    private static Path fixture;

    @BeforeAll
    static void headless() throws URISyntaxException {
        System.setProperty("java.awt.headless", "true");
        fixture = Path.of(BenchReportTest.class.getResource("/report/jmh-results.json").toURI());
    }

    private static List<SuiteReport> suites() {
        return SuiteReport.build(new JmhResultParser().parse(fixture), new BaselineRule(Map.of()));
    }

    private static ReportRow row(SuiteReport suite, String label, String group) {
        return suite.rows().stream().filter(r -> r.label().equals(label) && r.group().equals(group)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + label + " / " + group));
    }

    @Test
    void parsesEveryEntryWithItsMedianNotItsMean() {
        List<JmhResult> results = new JmhResultParser().parse(fixture);

        assertThat(results).hasSize(16);
        JmhResult first = results.get(0);
        assertThat(first.suite()).isEqualTo("dev.framewire.benchmarks.kernels.SharpnessBenchmark");
        assertThat(first.method()).isEqualTo("baselineMemoryRead");
        assertThat(first.mode()).isEqualTo("avgt");
        assertThat(first.params()).containsExactly(Map.entry("size", "640x480"));
        assertThat(first.median()).isEqualTo(0.1);
        assertThat(first.score()).isCloseTo(0.1667, within(1e-4));
        assertThat(first.unit()).isEqualTo("ms/op");
    }

    @Test
    void singleIterationErrorIsNotANumberAndMissingParamsAreEmpty() {
        JmhResult overhead = new JmhResultParser().parse(fixture).get(14);

        assertThat(overhead.method()).isEqualTo("threads");
        assertThat(overhead.error()).isNaN();
        assertThat(overhead.params()).isEmpty();
        assertThat(overhead.higherIsBetter()).isTrue();
    }

    @Test
    void ratiosToABaselineMethodAreTakenAtTheSameParameters() {
        SuiteReport sharpness = suites().get(0);

        assertThat(sharpness.baseline()).isEqualTo(new BaselineRule.ByMethod("baselineMemoryRead"));
        assertThat(row(sharpness, "baselineMemoryRead", "size=640x480").isBaseline()).isTrue();
        assertThat(row(sharpness, "nativeKernel", "size=640x480").speedup()).isCloseTo(0.5, within(1e-9));
        assertThat(row(sharpness, "javaKernel", "size=4000x3000").speedup()).isCloseTo(0.125, within(1e-9));
        assertThat(row(sharpness, "openCvChain", "size=4000x3000").speedup()).isCloseTo(0.0625, within(1e-9));
    }

    @Test
    void ratiosToABaselineParameterValueKeepTheOtherParameters() {
        SuiteReport ipc = suites().get(1);

        assertThat(ipc.baseline()).isEqualTo(new BaselineRule.ByParam("channel", "baselineThreadHandoff"));
        assertThat(row(ipc, "oneWay [chronicle]", "payloadBytes=64").speedup()).isCloseTo(0.25, within(1e-9));
        assertThat(row(ipc, "oneWay [unixSocket]", "payloadBytes=4096").speedup()).isCloseTo(0.1, within(1e-9));
        assertThat(row(ipc, "oneWay [baselineThreadHandoff]", "payloadBytes=4096").isBaseline()).isTrue();
    }

    @Test
    void aSuiteWithoutBaselineHasNoRatios() {
        SuiteReport overhead = suites().get(2);

        assertThat(overhead.baseline()).isInstanceOf(BaselineRule.None.class);
        assertThat(overhead.rows()).allSatisfy(r -> assertThat(r.speedup()).isNaN());
    }

    @Test
    void rowsAreGroupedInRunOrderWithTheBaselineFirstThenFastestFirst() {
        List<SuiteReport> suites = suites();

        assertThat(suites).extracting(SuiteReport::simpleName)
                .containsExactly("SharpnessBenchmark", "ChannelLatencyBenchmark", "PipelineOverheadBenchmark");
        assertThat(suites.get(0).rows()).extracting(r -> r.group() + " " + r.label()).containsExactly(
                "size=640x480 baselineMemoryRead", "size=640x480 nativeKernel",
                "size=640x480 javaKernel", "size=640x480 openCvChain",
                "size=4000x3000 baselineMemoryRead", "size=4000x3000 nativeKernel",
                "size=4000x3000 javaKernel", "size=4000x3000 openCvChain");
        // throughput: higher is faster, so the larger score comes first
        assertThat(suites.get(2).rows()).extracting(ReportRow::label).containsExactly("sequential", "threads");
    }

    @Test
    void anExplicitBaselineOverridesTheNamingConvention() {
        List<SuiteReport> suites = SuiteReport.build(new JmhResultParser().parse(fixture),
                new BaselineRule(Map.of("PipelineOverheadBenchmark", "sequential")));

        SuiteReport overhead = suites.get(2);
        assertThat(row(overhead, "threads", "").speedup()).isCloseTo(2.5e6 / 9.0e6, within(1e-9));
    }

    @Test
    void anExplicitBaselineMayBeAParameterValue() {
        List<SuiteReport> suites = SuiteReport.build(new JmhResultParser().parse(fixture),
                new BaselineRule(Map.of("ChannelLatencyBenchmark", "channel=chronicle")));

        SuiteReport ipc = suites.get(1);
        assertThat(ipc.baseline()).isEqualTo(new BaselineRule.ByParam("channel", "chronicle"));
        assertThat(row(ipc, "oneWay [baselineThreadHandoff]", "payloadBytes=64").speedup()).isCloseTo(4.0, within(1e-9));
        assertThatThrownBy(() -> SuiteReport.build(new JmhResultParser().parse(fixture),
                new BaselineRule(Map.of("ChannelLatencyBenchmark", "channel=pigeon"))))
                .hasMessageContaining("no result has channel=pigeon");
    }

    @Test
    void theBundledDefaultsNameBaselinesOfSuitesThatPredateTheConvention() {
        BaselineRule rule = BaselineRule.withBundledDefaults(Map.of());
        JmhResult decode = new JmhResult("dev.framewire.benchmarks.decode.DecodeBenchmark", "openCvImdecode", "avgt",
                Map.of("size", "640x480"), 1, 1, 0, "ms/op");

        assertThat(rule.find(List.of(decode))).isEqualTo(new BaselineRule.ByMethod("openCvImdecode"));
        // a bundled default that no longer fits the results falls back to the convention instead of failing
        JmhResult renamed = new JmhResult("dev.framewire.benchmarks.decode.DecodeBenchmark", "baselineRead", "avgt",
                Map.of(), 1, 1, 0, "ms/op");
        assertThat(rule.find(List.of(renamed))).isEqualTo(new BaselineRule.ByMethod("baselineRead"));
    }

    @Test
    void writesAMarkdownTablePerSuiteAndASanePngChartPerSuite(@TempDir Path out) throws IOException {
        BenchReport.Output output = BenchReport.run(fixture.toString(), out.toString());

        String md = Files.readString(output.markdown());
        assertThat(md).contains("## SharpnessBenchmark", "## ChannelLatencyBenchmark", "## PipelineOverheadBenchmark");
        assertThat(md).contains(MarkdownTable.HEADER);
        assertThat(md).contains("| nativeKernel | size=640x480 | avgt | 0.2000 | ± 0.0200 | ms/op | 0.500× |");
        assertThat(md).contains("| threads |  | thrpt | 2,500,000 | — | ops/s | — |");
        // a baseline parameter is shown in the benchmark column, not repeated among the params
        assertThat(md).contains("| oneWay [chronicle] | payloadBytes=64 | sample | 4.00 | ± 0.1000 | us/op | 0.250× |");
        assertThat(md).contains("![SharpnessBenchmark (ms/op)](SharpnessBenchmark.png)");

        assertThat(output.charts()).hasSize(3);
        for (Path png : output.charts()) {
            assertThat(Files.size(png)).as(png + " size").isBetween(5_000L, 2_000_000L);
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image).as(png + " decodes as an image").isNotNull();
            assertThat(image.getWidth()).isEqualTo(SuiteChart.WIDTH);
            assertThat(image.getHeight()).isEqualTo(SuiteChart.HEIGHT);
        }
    }

    @Test
    void badInputGetsOneLineNamingTheFile(@TempDir Path dir) throws IOException {
        Path notJson = Files.writeString(dir.resolve("broken.json"), "{ not json");
        Path notArray = Files.writeString(dir.resolve("object.json"), "{\"benchmark\": \"x\"}");
        Path noMetric = Files.writeString(dir.resolve("nometric.json"), "[{\"benchmark\": \"a.B.c\", \"mode\": \"avgt\"}]");

        assertThatThrownBy(() -> new JmhResultParser().parse(dir.resolve("missing.json")))
                .hasMessageContaining("missing.json").hasMessageContaining("no such");
        assertThatThrownBy(() -> new JmhResultParser().parse(notJson)).hasMessageContaining("broken.json: not JSON");
        assertThatThrownBy(() -> new JmhResultParser().parse(notArray)).hasMessageContaining("object.json: not a JMH result file");
        assertThatThrownBy(() -> new JmhResultParser().parse(noMetric)).hasMessageContaining("a.B.c").hasMessageContaining("primaryMetric");
        assertThatThrownBy(() -> BenchReport.run(fixture.toString())).hasMessageContaining("usage");
        assertThatThrownBy(() -> BenchReport.run(fixture.toString(), dir.toString(), "--baseline", "SharpnessBenchmark=nope"))
                .hasMessageContaining("no method named 'nope'");
    }
}
