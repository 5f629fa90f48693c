package dev.framewire.analyzers.decode;

/**
 * The bytes are not a well-formed image of the claimed format. Carries only the reason: the caller knows which file it
 * read and turns this into a {@link PhotoDecodeException}. The only exception the header parsers throw, on any input.
 */
final class InvalidImageException extends Exception {
    InvalidImageException(String reason) {
        super(reason, null, false, false);
    }

    static InvalidImageException truncated(ImageFormat format) {
        return new InvalidImageException("truncated " + format.displayName());
    }

    static InvalidImageException corrupt(ImageFormat format, String detail) {
        return new InvalidImageException("corrupt " + format.displayName() + ": " + detail);
    }
}
