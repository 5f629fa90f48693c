package dev.framewire.analyzers;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link ExposureAnalyzer} found.
 *
 * @param meanBrightness    mean luminance on the 0..1 scale
 * @param clippedShadows    fraction of pixels with luminance below 0.02
 * @param clippedHighlights fraction of pixels with luminance above 0.98
 * @param score             brightness score times clip penalty (SPEC.md), 0..1
 * @param verdict           clipped, dark, bright or good
 * @param histogram         the 256-bin luminance histogram, present only when the analyzer was asked for it
 *                          ({@link ExposureAnalyzer#withHistogram()}, {@link PhotoAnalyzer#withHistogram()})
 */
public record ExposureResult(double meanBrightness, double clippedShadows, double clippedHighlights, double score,
                             ExposureVerdict verdict, Optional<LuminanceHistogram> histogram) {
    public ExposureResult {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(histogram, "histogram");
    }

    /** The result SPEC.md derives from the luminance statistics, without a histogram. */
    public static ExposureResult of(double meanBrightness, double clippedShadows, double clippedHighlights) {
        return new ExposureResult(meanBrightness, clippedShadows, clippedHighlights,
                score(meanBrightness, clippedShadows, clippedHighlights),
                ExposureVerdict.of(meanBrightness, clippedShadows, clippedHighlights), Optional.empty());
    }

    /** The result SPEC.md derives from the luminance statistics, with their histogram. */
    public static ExposureResult of(double meanBrightness, double clippedShadows, double clippedHighlights,
                                    LuminanceHistogram histogram) {
        return new ExposureResult(meanBrightness, clippedShadows, clippedHighlights,
                score(meanBrightness, clippedShadows, clippedHighlights),
                ExposureVerdict.of(meanBrightness, clippedShadows, clippedHighlights),
                Optional.of(Objects.requireNonNull(histogram, "histogram")));
    }

    /**
     * {@code clamp(1 - 2 min(|m - 0.35|, |m - 0.76|, 1.5 |m - 0.555|), 0, 1) * clamp(1 - 10 (shadows + highlights), 0, 1)}.
     */
    public static double score(double meanBrightness, double clippedShadows, double clippedHighlights) {
        double m = meanBrightness;
        double distance = Math.min(Math.min(Math.abs(m - 0.35), Math.abs(m - 0.76)), 1.5 * Math.abs(m - 0.555));
        double brightness = Scores.clamp01(1 - 2 * distance);
        double clipPenalty = Scores.clamp01(1 - 10 * (clippedShadows + clippedHighlights));
        return brightness * clipPenalty;
    }

    /** The sentence shown to a user, worded and formatted as SPEC.md says. */
    public String note() {
        return switch (verdict) {
            case CLIPPED -> clippedHighlights > clippedShadows
                    ? "Blown highlights — " + Decimals.format(clippedHighlights * 100, 1) + "% of pixels are pure white"
                    : "Crushed shadows — " + Decimals.format(clippedShadows * 100, 1) + "% of pixels are pure black";
            case DARK -> "Underexposed — mean brightness " + Decimals.format(meanBrightness, 2) + " (ideal 0.35–0.76)";
            case BRIGHT -> "Overexposed — mean brightness " + Decimals.format(meanBrightness, 2) + " (ideal 0.35–0.76)";
            case GOOD -> "Well exposed — mean brightness " + Decimals.format(meanBrightness, 2);
        };
    }
}
