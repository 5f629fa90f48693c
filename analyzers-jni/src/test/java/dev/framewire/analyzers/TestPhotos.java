package dev.framewire.analyzers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.framewire.analyzers.decode.PhotoDecodeException;
import dev.framewire.analyzers.decode.PhotoDecoder;
import dev.framewire.core.frame.Frame;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;


/** The real photos in src/test/resources/photos and the reference scorer's values for them. */
public final class TestPhotos {
    private TestPhotos() {
    }

    public static Path directory() {
        try {
            return Path.of(TestPhotos.class.getResource("/photos/reference.jsonl").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path photo(String name) {
        return directory().resolve(name);
    }

    /** One JSON object per photo, in the file's order. */
    public static List<JsonNode> reference() {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> rows = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(directory().resolve("reference.jsonl"))) {
                if (!line.isBlank()) {
                    rows.add(json.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** Decodes a photo the way the scorer does: {@link PhotoDecoder}, BGR, gray expanded, alpha dropped. */
    public static Frame decode(Path file) {
        try {
            return PhotoDecoder.create().decode(file);
        } catch (PhotoDecodeException e) {
            throw new IllegalArgumentException("cannot decode test photo " + file, e);
        }
    }
}
