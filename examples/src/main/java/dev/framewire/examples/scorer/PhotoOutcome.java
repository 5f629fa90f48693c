package dev.framewire.examples.scorer;

import dev.framewire.examples.input.PhotoInput;

/** What a run says about one input: scored, or failed with a reason. One per input, in input order. */
public sealed interface PhotoOutcome permits ScoredPhoto, FailedPhoto {
    PhotoInput input();
}
