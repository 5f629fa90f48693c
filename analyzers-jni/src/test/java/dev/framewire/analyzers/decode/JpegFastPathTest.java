package dev.framewire.analyzers.decode;

import dev.framewire.core.frame.Frame;
import dev.framewire.core.frame.PixelOrder;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static dev.framewire.analyzers.decode.TestImages.resource;
import static dev.framewire.analyzers.decode.TestImages.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The JPEG fast path (system libjpeg-turbo) against OpenCV's imdecode, which PhotoDecoder used for every JPEG before:
 * the same pixels, byte for byte, on every JPEG of the test resources and of examples/demo-photos, plus the
 * directories in system property {@value #EXTRA_DIRS_PROPERTY} (path-separated; e.g. the generated benchmark photos).
 * Skipped where the fast path is unavailable (no libjpeg.so.62).
 */
class JpegFastPathTest {
    static final String EXTRA_DIRS_PROPERTY = "framewire.jpegParityDirs";

    private final PhotoDecoder fast = PhotoDecoder.create();
    private final PhotoDecoder openCv = fast.withOpenCvJpeg();

    @TempDir
    Path dir;

    @BeforeEach
    void fastPathAvailable() {
        assumeTrue(fast.usesFastJpeg(), () -> "JPEG fast path inactive: " + PhotoDecoder.jpegFallbackReason());
    }

    static Stream<Path> jpegs() throws IOException {
        List<Path> roots = new ArrayList<>(List.of(Path.of("src/test/resources"), Path.of("../examples/demo-photos")));
        String extra = System.getProperty(EXTRA_DIRS_PROPERTY, "");
        Arrays.stream(extra.split(File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of).forEach(roots::add);
        List<Path> files = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile).filter(JpegFastPathTest::isJpegName).sorted().forEach(files::add);
            }
        }
        assertThat(files).as("JPEG fixtures found").hasSizeGreaterThan(20);
        return files.stream();
    }

    private static boolean isJpegName(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".jpg") || name.endsWith(".jpeg");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jpegs")
    void fastPathGivesOpenCvsPixelsBitForBit(Path file) {
        Frame expected;
        try {
            expected = openCv.decode(file);
        } catch (PhotoDecodeException e) {
            // a fixture OpenCV's path refuses (a fuzz input): the fast path must refuse it too
            assertThatThrownBy(() -> fast.decode(file).close()).isInstanceOf(PhotoDecodeException.class);
            return;
        }
        try (expected; Frame actual = decodeFast(file); Frame direct = decodeDirectly(file)) {
            assertSamePixels(actual, expected);
            // and the fast path really decoded it (PhotoDecoder would fall back silently): only 4-component JPEGs
            // are declined
            if (direct == null) {
                assertThat(componentCount(file)).as("components of a JPEG the fast path declined").isEqualTo(4);
            } else {
                assertSamePixels(direct, expected);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cmyk.jpg", "ycck.jpg"})
    void fourComponentJpegsGoThroughOpenCv(String name) throws PhotoDecodeException {
        Path file = write(dir, name, resource(name));
        try (Frame expected = openCv.decode(file); Frame actual = decodeFast(file)) {
            assertThat(actual.width()).isEqualTo(40);
            assertSamePixels(actual, expected);
        }
        assertThat(decodeDirectly(file)).as("declined by the fast path itself").isNull();
    }

    @Test
    void scanDataCutButClosedByAnEndMarkerIsTruncated() {
        byte[] jpeg = resource("chelsea.jpg");
        byte[] cut = Arrays.copyOf(jpeg, jpeg.length / 2 + 2);
        cut[cut.length - 2] = (byte) 0xFF;
        cut[cut.length - 1] = (byte) 0xD9;
        Path file = write(dir, "cut-closed.jpg", cut);
        assertThatThrownBy(() -> fast.decode(file).close()).isInstanceOf(PhotoDecodeException.class)
                .hasMessage(file + ": truncated JPEG");
    }

    @Test
    void dataLibjpegRefusesIsCorruptWithLibjpegsReason() {
        byte[] jpeg = resource("chelsea.jpg");
        int sof = indexOf(jpeg, (byte) 0xFF, (byte) 0xC0);
        assertThat(sof).as("baseline frame header").isPositive();
        jpeg[sof + 4] = 12; // sample precision: this libjpeg-turbo decodes 8-bit JPEGs only
        Path file = write(dir, "twelve-bit.jpg", jpeg);
        assertThatThrownBy(() -> fast.decode(file).close()).isInstanceOf(PhotoDecodeException.class)
                .hasMessageStartingWith(file + ": corrupt JPEG: ")
                .hasMessageContaining("precision 12")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aClosedLargeFrameIsReusedForTheNextPhotoAndCanBeGivenBack() throws PhotoDecodeException {
        Mat big = TestImages.chelsea(2400, 1600); // 11.5 MB of BGR: recycled
        Path first = write(dir, "first.jpg", TestImages.encode(big, ".jpg"));
        Path second = write(dir, "second.jpg", TestImages.encode(TestImages.chelsea(2400, 1590), ".jpg"));
        PhotoDecoder.releaseRecycledFrames();
        long address;
        try (Frame frame = fast.decode(first)) {
            address = frame.address();
        }
        assertThat(PhotoDecoder.recycledFrameBytes()).isGreaterThanOrEqualTo(2400L * 1600 * 3);
        try (Frame frame = fast.decode(second); Frame expected = openCv.decode(second)) {
            assertThat(frame.address()).as("the first photo's memory").isEqualTo(address);
            assertSamePixels(frame, expected);
        }
        PhotoDecoder.releaseRecycledFrames();
        assertThat(PhotoDecoder.recycledFrameBytes()).isZero();
    }

    @Test
    void backendIsNamed() {
        assertThat(PhotoDecoder.jpegBackend()).startsWith("libjpeg-turbo");
        assertThat(PhotoDecoder.jpegFallbackReason()).isNull();
        assertThat(openCv.usesFastJpeg()).isFalse();
    }

    /** SystemJpeg itself, without PhotoDecoder's fallback: null when it declines the file. */
    private Frame decodeDirectly(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            ImageHeader header = fast.inspect(ByteBuffer.wrap(bytes), file.toString());
            BytePointer data = new BytePointer(bytes);
            try {
                return SystemJpeg.decode(file, header, data.address(), bytes.length);
            } finally {
                data.deallocate();
            }
        } catch (IOException e) { // PhotoDecodeException included
            throw new AssertionError(file + ": " + e, e);
        }
    }

    /** Nf of the first frame header. */
    private static int componentCount(Path file) {
        try {
            byte[] b = Files.readAllBytes(file);
            for (int i = 2; i + 9 < b.length; i++) {
                int m = b[i + 1] & 0xFF;
                if ((b[i] & 0xFF) == 0xFF && m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
                    return b[i + 9] & 0xFF;
                }
            }
            return -1;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private Frame decodeFast(Path file) {
        try {
            return fast.decode(file);
        } catch (PhotoDecodeException e) {
            throw new AssertionError("the fast path refused a file OpenCV decodes: " + e.getMessage(), e);
        }
    }

    /** Every byte of every row equal; on failure says how many differ, by how much at most, and where first. */
    private static void assertSamePixels(Frame actual, Frame expected) {
        assertThat(actual.order()).isEqualTo(PixelOrder.BGR);
        assertThat(actual.width()).isEqualTo(expected.width());
        assertThat(actual.height()).isEqualTo(expected.height());
        int rowBytes = expected.width() * 3;
        byte[] want = new byte[rowBytes];
        byte[] got = new byte[rowBytes];
        long differing = 0;
        int maxDifference = 0;
        String first = null;
        for (int y = 0; y < expected.height(); y++) {
            expected.copyRowTo(y, want, 0);
            actual.copyRowTo(y, got, 0);
            if (Arrays.equals(want, got)) {
                continue;
            }
            for (int i = 0; i < rowBytes; i++) {
                int d = Math.abs((want[i] & 0xFF) - (got[i] & 0xFF));
                if (d != 0) {
                    differing++;
                    maxDifference = Math.max(maxDifference, d);
                    if (first == null) {
                        first = "x=" + i / 3 + " y=" + y + " channel " + i % 3;
                    }
                }
            }
        }
        assertThat(differing).as("bytes differing from OpenCV (max %d, first at %s)", maxDifference, first).isZero();
    }

    private static int indexOf(byte[] data, byte a, byte b) {
        for (int i = 0; i + 1 < data.length; i++) {
            if (data[i] == a && data[i + 1] == b) {
                return i;
            }
        }
        return -1;
    }
}
