package dev.framewire.analyzers;

import java.util.Objects;

/** The three analyses of one photo, as {@link PhotoAnalyzer} returns them and {@link PhotoScore} combines them. */
public record PhotoAnalysis(SharpnessResult sharpness, ExposureResult exposure, CompositionResult composition) {
    public PhotoAnalysis {
        Objects.requireNonNull(sharpness, "sharpness");
        Objects.requireNonNull(exposure, "exposure");
        Objects.requireNonNull(composition, "composition");
    }
}
