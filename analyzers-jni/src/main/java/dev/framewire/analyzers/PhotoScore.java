package dev.framewire.analyzers;

import java.util.Objects;

/**
 * Combines the three analyses of a photo into a {@link PhotoVerdict}, exactly as SPEC.md says:
 * <ol>
 *   <li>round each analyzer's score to 4 decimals ({@link Decimals#round}: Python's {@code round}, i.e. the exact
 *       binary value rounded half-even);</li>
 *   <li>{@code total = clamp(ws * sharpness + we * exposure + wc * composition, 0, 1)}, evaluated left to right;</li>
 *   <li>{@code post_it} if {@code total > postIt}, {@code maybe} if {@code total > maybe}, else {@code delete}
 *       (strict, on the unrounded total);</li>
 *   <li>{@code qualityScore} = total rounded to 3 decimals.</li>
 * </ol>
 * Defaults: weights 0.4 / 0.4 / 0.2, thresholds 0.50 / 0.30. Immutable and thread-safe; the {@code with...}
 * methods return changed copies.
 */
public final class PhotoScore {
    private static final PhotoScore DEFAULTS = new PhotoScore(0.4, 0.4, 0.2, 0.50, 0.30);

    private final double sharpnessWeight;
    private final double exposureWeight;
    private final double compositionWeight;
    private final double postItAbove;
    private final double maybeAbove;

    private PhotoScore(double sharpnessWeight, double exposureWeight, double compositionWeight,
                       double postItAbove, double maybeAbove) {
        requireFiniteNonNegative("sharpness weight", sharpnessWeight);
        requireFiniteNonNegative("exposure weight", exposureWeight);
        requireFiniteNonNegative("composition weight", compositionWeight);
        requireFiniteNonNegative("post_it threshold", postItAbove);
        requireFiniteNonNegative("maybe threshold", maybeAbove);
        if (maybeAbove > postItAbove) {
            throw new IllegalArgumentException(
                    "maybe threshold " + maybeAbove + " is above the post_it threshold " + postItAbove);
        }
        this.sharpnessWeight = sharpnessWeight;
        this.exposureWeight = exposureWeight;
        this.compositionWeight = compositionWeight;
        this.postItAbove = postItAbove;
        this.maybeAbove = maybeAbove;
    }

    /** Weights 0.4 / 0.4 / 0.2, thresholds 0.50 / 0.30. */
    public static PhotoScore defaults() {
        return DEFAULTS;
    }

    /**
     * A copy with other weights (need not sum to 1; the total is clamped to 0..1).
     *
     * @throws IllegalArgumentException if a weight is negative or not finite
     */
    public PhotoScore withWeights(double sharpness, double exposure, double composition) {
        return new PhotoScore(sharpness, exposure, composition, postItAbove, maybeAbove);
    }

    /**
     * A copy with other thresholds: a total strictly above {@code postIt} is {@code post_it}, strictly above
     * {@code maybe} is {@code maybe}.
     *
     * @throws IllegalArgumentException if one is negative or not finite, or {@code maybe > postIt}
     */
    public PhotoScore withThresholds(double postIt, double maybe) {
        return new PhotoScore(sharpnessWeight, exposureWeight, compositionWeight, postIt, maybe);
    }

    public double sharpnessWeight() {
        return sharpnessWeight;
    }

    public double exposureWeight() {
        return exposureWeight;
    }

    public double compositionWeight() {
        return compositionWeight;
    }

    public double postItThreshold() {
        return postItAbove;
    }

    public double maybeThreshold() {
        return maybeAbove;
    }

    /** The verdict on one photo's analyses. */
    public PhotoVerdict score(PhotoAnalysis analysis) {
        Objects.requireNonNull(analysis, "analysis");
        return score(analysis.sharpness().score(), analysis.exposure().score(), analysis.composition().score());
    }

    /** The verdict on three analyzer scores (each 0..1, unrounded: they are rounded to 4 decimals here). */
    public PhotoVerdict score(double sharpnessScore, double exposureScore, double compositionScore) {
        double total = Scores.clamp01(sharpnessWeight * Decimals.round(sharpnessScore, 4)
                + exposureWeight * Decimals.round(exposureScore, 4)
                + compositionWeight * Decimals.round(compositionScore, 4));
        Verdict verdict = total > postItAbove ? Verdict.POST_IT : total > maybeAbove ? Verdict.MAYBE : Verdict.DELETE;
        return new PhotoVerdict(total, Decimals.round(total, 3), verdict);
    }

    private static void requireFiniteNonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + value);
        }
    }

    @Override
    public String toString() {
        return "PhotoScore[weights " + sharpnessWeight + "/" + exposureWeight + "/" + compositionWeight
                + ", post_it > " + postItAbove + ", maybe > " + maybeAbove + "]";
    }
}
