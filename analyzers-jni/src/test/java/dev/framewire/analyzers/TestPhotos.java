package dev.framewire.analyzers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.framewire.core.frame.Frame;
import dev.framewire.core.frame.PixelOrder;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_IGNORE_ORIENTATION;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;

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

    /**
     * Decodes a photo with OpenCV the way framewire's decoder does (BGR, gray expanded to 3 channels, alpha dropped,
     * EXIF orientation ignored as the reference did) into a frame that owns the decoded Mat.
     */
    public static Frame decode(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Mat decoded;
        try (BytePointer data = new BytePointer(bytes); Mat encoded = new Mat(1, bytes.length, CV_8UC1, data)) {
            decoded = imdecode(encoded, IMREAD_COLOR | IMREAD_IGNORE_ORIENTATION);
        }
        if (decoded == null || decoded.empty()) {
            throw new IllegalArgumentException("OpenCV could not decode " + file);
        }
        Mat owned = decoded;
        return Frame.wrap(owned.data().address(), owned.cols(), owned.rows(), (int) owned.step(), PixelOrder.BGR,
                owned::close);
    }
}
