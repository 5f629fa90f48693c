package dev.framewire.examples.input;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One input of a run: a file (or a directory named like a photo, which will fail) in the order of the archive.
 *
 * @param index       position in the run's input order, from 0; the archive and the terminal follow it
 * @param file        where to read it
 * @param displayPath the path as the user gave it or as it was found under a folder they gave (the archive's
 *                    {@code path})
 * @param filename    the file's own name (the archive's {@code filename})
 */
public record PhotoInput(int index, Path file, String displayPath, String filename) {
    public PhotoInput {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(displayPath, "displayPath");
        Objects.requireNonNull(filename, "filename");
        if (index < 0) {
            throw new IllegalArgumentException("index " + index + " is negative");
        }
    }
}
