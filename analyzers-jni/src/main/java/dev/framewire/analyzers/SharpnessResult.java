package dev.framewire.analyzers;

import java.util.Objects;

/**
 * What {@link SharpnessAnalyzer} found.
 *
 * @param laplacianVar population variance of the Laplacian of luminance (0..255 scale)
 * @param score        {@code clamp(laplacianVar / 10000, 0, 1)}
 * @param verdict      sharp, soft or blurry
 */
public record SharpnessResult(double laplacianVar, double score, SharpnessVerdict verdict) {
    /** Variance at which the score reaches 1. */
    public static final double FULL_SCORE_VARIANCE = 10_000;

    public SharpnessResult {
        Objects.requireNonNull(verdict, "verdict");
    }

    /** The result SPEC.md derives from a variance of the Laplacian. */
    public static SharpnessResult of(double laplacianVar) {
        return new SharpnessResult(laplacianVar, Scores.clamp01(laplacianVar / FULL_SCORE_VARIANCE),
                SharpnessVerdict.of(laplacianVar));
    }

    /** The sentence shown to a user. */
    public String note() {
        return verdict.note();
    }
}
