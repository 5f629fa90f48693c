package dev.framewire.analyzers;

import dev.framewire.core.frame.Frame;
import dev.framewire.core.frame.PixelOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

/** What every analyzer promises its callers, whatever the backend. */
class AnalyzerContractTest {

    private static List<Function<Frame, Object>> analyzers(KernelBackend backend) {
        return List.of(SharpnessAnalyzer.using(backend)::analyze, ExposureAnalyzer.using(backend)::analyze,
                CompositionAnalyzer.using(backend)::analyze, PhotoAnalyzer.using(backend)::analyze);
    }

    @ParameterizedTest
    @EnumSource(KernelBackend.class)
    void aNullFrameIsRefusedByName(KernelBackend backend) {
        for (Function<Frame, Object> analyzer : analyzers(backend)) {
            assertThatThrownBy(() -> analyzer.apply(null))
                    .isInstanceOf(NullPointerException.class).hasMessage("frame is null");
        }
    }

    @ParameterizedTest
    @EnumSource(KernelBackend.class)
    void aReleasedFrameIsRefusedBeforeAnyPixelIsRead(KernelBackend backend) {
        Frame frame = Frame.allocate(16, 8, PixelOrder.BGR);
        frame.close();
        for (Function<Frame, Object> analyzer : analyzers(backend)) {
            assertThatThrownBy(() -> analyzer.apply(frame))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("already released");
        }
    }

    @ParameterizedTest
    @EnumSource(KernelBackend.class)
    void analyzersReportTheirBackendAndLeaveTheFrameToTheCaller(KernelBackend backend) {
        try (Frame frame = Frame.allocate(9, 7, PixelOrder.RGB)) {
            PhotoAnalyzer analyzer = PhotoAnalyzer.using(backend);
            analyzer.analyze(frame);
            assertThat(analyzer.backend()).isEqualTo(backend);
            assertThat(frame.isOpen()).isTrue();
            assertThat(frame.referenceCount()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(KernelBackend.class)
    void oneAnalyzerServesManyThreadsOnOneFrame(KernelBackend backend) throws Exception {
        PhotoAnalyzer analyzer = PhotoAnalyzer.using(backend);
        try (Frame frame = Frame.allocate(97, 61, PixelOrder.BGR)) {
            for (int y = 0; y < frame.height(); y++) {
                for (int x = 0; x < frame.width(); x++) {
                    for (int c = 0; c < 3; c++) {
                        frame.set(x, y, c, (x * 7 + y * 13 + c * 101 + x * y) & 0xFF);
                    }
                }
            }
            PhotoAnalysis expected = analyzer.analyze(frame);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<PhotoAnalysis>> results = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    results.add(pool.submit(() -> analyzer.analyze(frame)));
                }
                for (Future<PhotoAnalysis> result : results) {
                    assertThat(result.get()).isEqualTo(expected);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void theBestBackendHereIsNativeAndTheJavaOneIsAlwaysThere() {
        assertThat(KernelBackend.best()).isEqualTo(KernelBackend.NATIVE);
        assertThat(SharpnessAnalyzer.create().backend()).isEqualTo(KernelBackend.NATIVE);
        assertThat(KernelBackend.NATIVE.instructionSet()).isIn("avx2", "scalar");
        assertThat(KernelBackend.JAVA.isAvailable()).isTrue();
        assertThat(KernelBackend.JAVA.instructionSet()).isEqualTo("java");
    }

    @Test
    void aBlackFrameIsBlurryCrushedAndFeatureless() {
        try (Frame frame = Frame.allocate(40, 30, PixelOrder.GRAY)) {
            PhotoAnalysis analysis = PhotoAnalyzer.create().analyze(frame);

            assertThat(analysis.sharpness()).isEqualTo(new SharpnessResult(0, 0, SharpnessVerdict.BLURRY));
            assertThat(analysis.exposure().meanBrightness()).isZero();
            assertThat(analysis.exposure().clippedShadows()).isEqualTo(1.0);
            assertThat(analysis.exposure().verdict()).isEqualTo(ExposureVerdict.CLIPPED);
            assertThat(analysis.exposure().note()).isEqualTo("Crushed shadows — 100.0% of pixels are pure black");
            assertThat(analysis.exposure().histogram()).as("no histogram unless asked for").isEmpty();
            assertThat(PhotoAnalyzer.create().withHistogram().analyze(frame).exposure().histogram().orElseThrow()
                    .count(0)).isEqualTo(1200);
            assertThat(analysis.composition().strongPixels()).isZero();
            assertThat(analysis.composition().verdict().label()).isEqualTo("sparse");
            assertThat(analysis.composition().note()).isEqualTo("Very few edges — featureless or blank image");
            assertThat(PhotoScore.defaults().score(analysis).verdict()).isEqualTo(Verdict.DELETE);
        }
    }

    @Test
    void sharpnessVerdictsSwitchAtTheSpecThresholds() {
        assertThat(SharpnessResult.of(2000).verdict().label()).isEqualTo("sharp");
        assertThat(SharpnessResult.of(1999.99).verdict().label()).isEqualTo("soft");
        assertThat(SharpnessResult.of(300).verdict().label()).isEqualTo("soft");
        assertThat(SharpnessResult.of(299.99).verdict().label()).isEqualTo("blurry");
        assertThat(SharpnessResult.of(25_000).score()).isEqualTo(1.0);
        assertThat(SharpnessResult.of(2500).score()).isEqualTo(0.25);
        assertThat(SharpnessResult.of(2500).note()).isEqualTo("Well-focused, clear detail throughout");
        assertThat(SharpnessResult.of(500).note()).isEqualTo("Slightly soft — some detail lost");
        assertThat(SharpnessResult.of(5).note()).isEqualTo("Blurry — out of focus or motion blur");
    }

    @Test
    void exposureVerdictsAndNotesFollowTheSpecWording() {
        LuminanceHistogram none = LuminanceHistogram.of(new long[256]);
        ExposureResult blown = ExposureResult.of(0.8, 0.01, 0.1005, none);
        assertThat(blown.verdict().label()).isEqualTo("clipped");
        assertThat(blown.note()).isEqualTo("Blown highlights — 10.1% of pixels are pure white");
        assertThat(blown.score()).isZero();

        ExposureResult dark = ExposureResult.of(0.2049, 0.01, 0.0, none);
        assertThat(dark.verdict().label()).isEqualTo("dark");
        assertThat(dark.note()).isEqualTo("Underexposed — mean brightness 0.20 (ideal 0.35–0.76)");

        ExposureResult bright = ExposureResult.of(0.815, 0.0, 0.05, none);
        assertThat(bright.verdict().label()).isEqualTo("bright");
        assertThat(bright.note()).isEqualTo("Overexposed — mean brightness 0.81 (ideal 0.35–0.76)"); // 0.815 is 0.8149999...

        ExposureResult good = ExposureResult.of(0.555, 0.0, 0.0, none);
        assertThat(good.verdict().label()).isEqualTo("good");
        assertThat(good.note()).isEqualTo("Well exposed — mean brightness 0.56");
        assertThat(good.score()).as("0.555 is the peak of the brightness score").isEqualTo(1.0);
        // distance min(0.1451, 0.5551, 1.5 * 0.3501) = 0.1451; clip penalty 1 - 10 * 0.01
        assertThat(dark.score()).isCloseTo((1 - 2 * 0.1451) * 0.9, offset(1e-12));

        assertThat(ExposureResult.of(0.35, 0.04, 0.04, none).verdict()).as("0.08 is not above 0.08")
                .isEqualTo(ExposureVerdict.GOOD);
    }

    @Test
    void compositionVerdictsFollowThirdsThenCenter() {
        assertThat(CompositionResult.of(5, 10, 0.25, 0.9).verdict().label()).isEqualTo("good");
        assertThat(CompositionResult.of(5, 10, 0.2499, 0.35).verdict().label()).isEqualTo("centered");
        assertThat(CompositionResult.of(5, 10, 0.2, 0.3499).verdict().label()).isEqualTo("sparse");
        assertThat(CompositionResult.of(5, 10, 0.4, 0.9).score()).isEqualTo(0.8 - 0.5 * 0.4, offset(1e-15));
        assertThat(CompositionResult.of(5, 0, 0.9, 0.9)).isEqualTo(
                new CompositionResult(5, 0, 0, 0, 0, CompositionVerdict.SPARSE));
    }

    @ParameterizedTest
    @EnumSource(KernelBackend.class)
    void theHistogramIsOptInAndChangesNoStatistic(KernelBackend backend) {
        try (Frame frame = Frame.allocate(37, 23, PixelOrder.RGB)) {
            byte[] row = new byte[37 * 3];
            for (int y = 0; y < 23; y++) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = (byte) (31 * y + 17 * i + (i * i) % 13);
                }
                frame.copyRowFrom(y, row, 0);
            }
            ExposureAnalyzer plain = ExposureAnalyzer.using(backend);
            ExposureAnalyzer counting = plain.withHistogram();
            assertThat(plain.computesHistogram()).isFalse();
            assertThat(counting.computesHistogram()).isTrue();
            assertThat(counting.withHistogram()).isSameAs(counting);

            ExposureResult without = plain.analyze(frame);
            ExposureResult with = counting.analyze(frame);
            assertThat(without.histogram()).isEmpty();
            assertThat(with.histogram().orElseThrow().total()).isEqualTo(37 * 23);
            assertThat(new ExposureResult(with.meanBrightness(), with.clippedShadows(), with.clippedHighlights(),
                    with.score(), with.verdict(), without.histogram())).isEqualTo(without);

            PhotoAnalysis fused = PhotoAnalyzer.using(backend).analyze(frame);
            PhotoAnalysis fusedCounting = PhotoAnalyzer.using(backend).withHistogram().analyze(frame);
            assertThat(fused.exposure()).isEqualTo(without);
            assertThat(fusedCounting.exposure()).isEqualTo(with);
            assertThat(fusedCounting.sharpness()).isEqualTo(fused.sharpness());
            assertThat(fusedCounting.composition()).isEqualTo(fused.composition());
        }
    }

    @Test
    void theHistogramCannotBeChangedThroughItsResult() {
        long[] counts = new long[256];
        counts[7] = 3;
        LuminanceHistogram histogram = LuminanceHistogram.of(counts);
        counts[7] = 99;
        histogram.toArray()[7] = 99;

        assertThat(histogram.count(7)).isEqualTo(3);
        assertThat(histogram.total()).isEqualTo(3);
        assertThatThrownBy(() -> histogram.count(256)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> LuminanceHistogram.of(new long[255]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("256 bins, got 255");
    }
}
