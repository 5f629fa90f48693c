package dev.framewire.analyzers;

import java.util.Objects;

/**
 * What {@link CompositionAnalyzer} found.
 *
 * @param edgeThreshold  the 85th percentile of the Sobel magnitude (0..255 scale); strong pixels lie strictly above
 * @param strongPixels   number of strong pixels
 * @param thirdsCoverage fraction of strong pixels in the power-point zones (0 when none is strong)
 * @param centerBias     fraction of strong pixels in the center zone (0 when none is strong)
 * @param score          {@code clamp(2 thirds - 0.5 max(0, center - 0.5), 0, 1)}, 0 when none is strong
 * @param verdict        good, centered or sparse
 */
public record CompositionResult(double edgeThreshold, long strongPixels, double thirdsCoverage, double centerBias,
                                double score, CompositionVerdict verdict) {
    public CompositionResult {
        Objects.requireNonNull(verdict, "verdict");
        if (strongPixels < 0) {
            throw new IllegalArgumentException("strongPixels is negative: " + strongPixels);
        }
    }

    /** The result SPEC.md derives from the edge statistics. */
    public static CompositionResult of(double edgeThreshold, long strongPixels, double thirdsCoverage, double centerBias) {
        if (strongPixels == 0) {
            return new CompositionResult(edgeThreshold, 0, 0, 0, 0, CompositionVerdict.SPARSE);
        }
        double score = Scores.clamp01(2 * thirdsCoverage - 0.5 * Math.max(0, centerBias - 0.5));
        return new CompositionResult(edgeThreshold, strongPixels, thirdsCoverage, centerBias, score,
                CompositionVerdict.of(strongPixels, thirdsCoverage, centerBias));
    }

    /**
     * The sentence shown to a user. SPEC.md words only the no-edge case; the other three are framewire's.
     */
    public String note() {
        if (strongPixels == 0) {
            return "Very few edges — featureless or blank image";
        }
        return switch (verdict) {
            case GOOD -> "Strong edges near the rule-of-thirds points — " + Decimals.format(thirdsCoverage * 100, 1) + "% of them";
            case CENTERED -> "Subject sits in the center — " + Decimals.format(centerBias * 100, 1) + "% of strong edges";
            case SPARSE -> "Strong edges avoid both the thirds and the center";
        };
    }
}
