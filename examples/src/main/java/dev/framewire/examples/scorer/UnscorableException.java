package dev.framewire.examples.scorer;

/**
 * An input that cannot be scored, for an expected reason (not an image, truncated, over the pixel limit...). Its
 * message is only the reason, so the archive's {@code error} reads "truncated JPEG", not a class name and a path.
 */
public final class UnscorableException extends RuntimeException {
    public UnscorableException(String reason, Throwable cause) {
        super(reason, cause, false, false);
    }
}
