package dev.framewire.examples.scorer;

import dev.framewire.examples.input.PhotoInput;

import java.util.Objects;

/**
 * An input that could not be scored.
 *
 * @param reason one human-readable line without the file name, e.g. "truncated JPEG" (the archive's {@code error})
 */
public record FailedPhoto(PhotoInput input, String reason) implements PhotoOutcome {
    public FailedPhoto {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(reason, "reason");
        reason = oneLine(reason);
    }

    private static String oneLine(String text) {
        String flat = text.strip().replaceAll("\\s*[\\r\\n]+\\s*", "; ");
        return flat.isEmpty() ? "unknown error" : flat;
    }
}
