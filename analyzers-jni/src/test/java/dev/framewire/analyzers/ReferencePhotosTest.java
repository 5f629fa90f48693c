package dev.framewire.analyzers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.framewire.analyzers.kernels.EdgeTies;
import dev.framewire.core.frame.Frame;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Every real photo scores as the reference scorer scored it (photos/reference.jsonl), within SPEC.md's
 * tolerances, on both backends. A verdict may differ only where the reference value lies within the tolerance
 * of that verdict's threshold.
 *
 * <p>One documented exception, {@link #EXACT_WHERE_REFERENCE_BROKE_TIES}: the kernels compute luminance in exact
 * integers, the reference in float64. On the motion-blurred clock_motion.jpg, 300 pixels share exactly the
 * 85th-percentile edge magnitude while ranking above it; exact arithmetic keeps all of them at the cut (not
 * strong), the reference's last-bit rounding spread them around it and let 244 count as strong. Its thirds
 * coverage and center bias then differ by 0.0022 and 0.0069. There the kernels must give what SPEC's definition
 * gives on exact luminance (numpy/scipy run on I = 299 R + 587 G + 114 B), and the reference must lie within the
 * tied share of the exact value ({@link EdgeTies}).
 */
class ReferencePhotosTest {
    private static final double MEAN_AND_CLIP_TOLERANCE = 1e-5;
    private static final double ZONE_TOLERANCE = 2e-3;
    private static final double SCORE_TOLERANCE = 2e-3;

    /** thirds coverage and center bias of scipy's Sobel + numpy's percentile on exact integer luminance. */
    private static final Map<String, double[]> EXACT_WHERE_REFERENCE_BROKE_TIES =
            Map.of("clock_motion.jpg", new double[] {0.46728813559322036, 0.8193785310734464});

    static Stream<Arguments> photos() {
        List<Arguments> cases = new ArrayList<>();
        for (JsonNode reference : TestPhotos.reference()) {
            for (KernelBackend backend : KernelBackend.values()) {
                cases.add(Arguments.of(reference.get("filename").asText(), backend, reference));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("photos")
    void scoresLikeTheReference(String filename, KernelBackend backend, JsonNode reference) {
        PhotoAnalysis analysis;
        double tiedShare;
        try (Frame frame = TestPhotos.decode(TestPhotos.photo(filename))) {
            analysis = PhotoAnalyzer.using(backend).analyze(frame);
            assertThat(analysis.exposure().histogram()).isEmpty();
            PhotoAnalysis counting = PhotoAnalyzer.using(backend).withHistogram().analyze(frame);
            assertThat(counting.exposure().histogram().orElseThrow().total())
                    .isEqualTo((long) frame.width() * frame.height());
            assertThat(counting.exposure().meanBrightness()).isEqualTo(analysis.exposure().meanBrightness());
            tiedShare = EXACT_WHERE_REFERENCE_BROKE_TIES.containsKey(filename) ? EdgeTies.shareAtCut(frame) : 0;
        }

        SharpnessResult sharpness = analysis.sharpness();
        double laplacianVar = reference.get("laplacian_var_raw").asDouble();
        double laplacianTolerance = laplacianVar < 10 ? 1e-3 : 1e-4 * laplacianVar;
        assertThat(sharpness.laplacianVar()).as("laplacian_var").isCloseTo(laplacianVar, within(laplacianTolerance));
        assertThat(sharpness.score()).as("sharpness_score")
                .isCloseTo(reference.get("sharpness_score").asDouble(), within(SCORE_TOLERANCE));
        assertVerdict("sharpness_verdict", sharpness.verdict().label(), reference, laplacianVar, laplacianTolerance,
                SharpnessVerdict.SOFT_FROM, SharpnessVerdict.SHARP_FROM);

        ExposureResult exposure = analysis.exposure();
        double mean = reference.get("mean_brightness_raw").asDouble();
        double shadows = reference.get("clipped_shadows_raw").asDouble();
        double highlights = reference.get("clipped_highlights_raw").asDouble();
        assertThat(exposure.meanBrightness()).as("mean_brightness").isCloseTo(mean, within(MEAN_AND_CLIP_TOLERANCE));
        assertThat(exposure.clippedShadows()).as("clipped_shadows").isCloseTo(shadows, within(MEAN_AND_CLIP_TOLERANCE));
        assertThat(exposure.clippedHighlights()).as("clipped_highlights")
                .isCloseTo(highlights, within(MEAN_AND_CLIP_TOLERANCE));
        assertThat(exposure.score()).as("exposure_score")
                .isCloseTo(reference.get("exposure_score").asDouble(), within(SCORE_TOLERANCE));
        boolean exposureNearThreshold = near(shadows + highlights, 2 * MEAN_AND_CLIP_TOLERANCE, ExposureVerdict.CLIPPED_ABOVE)
                || near(mean, MEAN_AND_CLIP_TOLERANCE, ExposureVerdict.IDEAL_LOW, ExposureVerdict.IDEAL_HIGH);
        if (!exposureNearThreshold) {
            assertThat(exposure.verdict().label()).as("exposure_verdict")
                    .isEqualTo(reference.get("exposure_verdict").asText());
        }

        CompositionResult composition = analysis.composition();
        double thirds = reference.get("thirds_coverage_raw").asDouble();
        double center = reference.get("center_bias_raw").asDouble();
        double[] exact = EXACT_WHERE_REFERENCE_BROKE_TIES.get(filename);
        if (exact == null) {
            assertThat(composition.thirdsCoverage()).as("thirds_coverage").isCloseTo(thirds, within(ZONE_TOLERANCE));
            assertThat(composition.centerBias()).as("center_bias").isCloseTo(center, within(ZONE_TOLERANCE));
        } else {
            assertThat(composition.thirdsCoverage()).as("exact thirds_coverage").isCloseTo(exact[0], within(1e-12));
            assertThat(composition.centerBias()).as("exact center_bias").isCloseTo(exact[1], within(1e-12));
            assertThat(thirds).as("reference thirds_coverage").isCloseTo(exact[0], within(tiedShare));
            assertThat(center).as("reference center_bias").isCloseTo(exact[1], within(tiedShare));
        }
        assertThat(composition.score()).as("composition_score")
                .isCloseTo(reference.get("composition_score").asDouble(), within(SCORE_TOLERANCE));
        boolean compositionNearThreshold = near(thirds, ZONE_TOLERANCE, CompositionVerdict.GOOD_FROM)
                || near(center, ZONE_TOLERANCE, CompositionVerdict.CENTERED_FROM);
        if (!compositionNearThreshold) {
            assertThat(composition.verdict().label()).as("composition_verdict")
                    .isEqualTo(reference.get("composition_verdict").asText());
        }

        PhotoVerdict verdict = PhotoScore.defaults().score(analysis);
        double quality = reference.get("quality_score").asDouble();
        assertThat(verdict.qualityScore()).as("quality_score").isCloseTo(quality, within(SCORE_TOLERANCE));
        assertVerdict("verdict", verdict.verdict().label(), reference, quality, SCORE_TOLERANCE, 0.30, 0.50);
    }

    private static void assertVerdict(String field, String actual, JsonNode reference, double referenceValue,
                                      double tolerance, double... thresholds) {
        if (!near(referenceValue, tolerance, thresholds)) {
            assertThat(actual).as(field).isEqualTo(reference.get(field).asText());
        }
    }

    private static boolean near(double value, double tolerance, double... thresholds) {
        for (double threshold : thresholds) {
            if (Math.abs(value - threshold) <= tolerance) {
                return true;
            }
        }
        return false;
    }
}
