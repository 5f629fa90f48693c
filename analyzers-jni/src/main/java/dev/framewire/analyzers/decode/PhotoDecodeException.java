package dev.framewire.analyzers.decode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A photo could not be turned into a frame. The message is one line, {@code <file>: <reason>}; {@link #reason()} alone
 * is what a report shows next to the file name, for example {@code "truncated JPEG"}, {@code "not an image"} or
 * {@code "image is 60000x60000, over the 100 MP limit"}.
 */
public final class PhotoDecodeException extends IOException {
    private final Path path;
    private final String reason;

    public PhotoDecodeException(Path path, String reason) {
        this(path, reason, null);
    }

    public PhotoDecodeException(Path path, String reason, Throwable cause) {
        super(Objects.requireNonNull(path, "path") + ": " + oneLine(Objects.requireNonNull(reason, "reason")), cause);
        this.path = path;
        this.reason = oneLine(reason);
    }

    /** The file (or the name given with in-memory bytes) that could not be decoded. */
    public Path path() {
        return path;
    }

    /** Why, in a few words and on one line, without the file name. */
    public String reason() {
        return reason;
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
