package dev.framewire.examples.scorer;

import dev.framewire.examples.input.PhotoInput;

import java.util.Objects;

/** A scored input: its size and the measures, scores and verdicts of SPEC.md, unrounded. */
public record ScoredPhoto(PhotoInput input, int width, int height, PhotoScores scores) implements PhotoOutcome {
    public ScoredPhoto {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(scores, "scores");
    }
}
