package dev.framewire.examples.scorer;

import java.io.Serializable;
import java.util.Objects;

/**
 * Everything the archive, the terminal and the report show about one photo, unrounded (rounding is the
 * archive's job). Verdicts are the labels of SPEC.md ({@code post_it}, {@code sharp}, {@code clipped}, ...).
 */
public record PhotoScores(
        double total, String verdict,
        double laplacianVar, double sharpnessScore, String sharpnessVerdict, String sharpnessNote,
        double meanBrightness, double clippedShadows, double clippedHighlights, double exposureScore,
        String exposureVerdict, String exposureNote,
        double thirdsCoverage, double centerBias, double compositionScore, String compositionVerdict,
        String compositionNote) implements Serializable {
    public PhotoScores {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(sharpnessVerdict, "sharpnessVerdict");
        Objects.requireNonNull(exposureVerdict, "exposureVerdict");
        Objects.requireNonNull(compositionVerdict, "compositionVerdict");
    }
}
