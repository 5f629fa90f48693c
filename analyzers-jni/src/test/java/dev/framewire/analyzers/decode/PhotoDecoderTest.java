package dev.framewire.analyzers.decode;

import dev.framewire.core.frame.Frame;
import dev.framewire.core.frame.PixelOrder;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Random;

import static dev.framewire.analyzers.decode.TestImages.chelsea;
import static dev.framewire.analyzers.decode.TestImages.encode;
import static dev.framewire.analyzers.decode.TestImages.maxAbsDifference;
import static dev.framewire.analyzers.decode.TestImages.meanAbsDifference;
import static dev.framewire.analyzers.decode.TestImages.openCvUnchanged;
import static dev.framewire.analyzers.decode.TestImages.resource;
import static dev.framewire.analyzers.decode.TestImages.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC4;
import static org.bytedeco.opencv.global.opencv_core.mixChannels;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

class PhotoDecoderTest {
    private final PhotoDecoder decoder = PhotoDecoder.create();

    @TempDir
    Path dir;

    private PhotoDecodeException failure(Path file) {
        try (Frame frame = decoder.decode(file)) {
            throw new AssertionError("expected a PhotoDecodeException, decoded " + frame);
        } catch (PhotoDecodeException e) {
            return e;
        }
    }

    private PhotoDecodeException failure(String name, byte[] bytes) {
        return failure(write(dir, name, bytes));
    }

    @Nested
    class EveryFormat {
        @ParameterizedTest(name = "{0} is decoded exactly")
        @ValueSource(strings = {".png", ".bmp", ".tif"})
        void losslessFormatsComeBackPixelForPixel(String extension) throws IOException {
            Mat original = chelsea(451, 300);
            Path file = write(dir, "chelsea" + extension, encode(original, extension));
            try (Frame frame = decoder.decode(file)) {
                assertThat(frame.width()).isEqualTo(451);
                assertThat(frame.height()).isEqualTo(300);
                assertThat(frame.order()).isEqualTo(PixelOrder.BGR);
                assertThat(maxAbsDifference(frame, original)).isZero();
            }
        }

        @ParameterizedTest(name = "{0} is decoded close to the original")
        @ValueSource(strings = {".jpg", ".webp"})
        void lossyFormatsComeBackClose(String extension) throws IOException {
            Mat original = chelsea(451, 300);
            Path file = write(dir, "chelsea" + extension, encode(original, extension));
            try (Frame frame = decoder.decode(file)) {
                assertThat(frame.width()).isEqualTo(451);
                assertThat(frame.height()).isEqualTo(300);
                assertThat(meanAbsDifference(frame, original)).isLessThan(4.0);
            }
        }

        @Test
        void realJpegMatchesOpenCvsOwnDecodeExactly() throws IOException {
            byte[] jpeg = resource("chelsea.jpg");
            try (Frame frame = decoder.decode(write(dir, "chelsea.jpg", jpeg))) {
                assertThat(maxAbsDifference(frame, openCvUnchanged(jpeg))).isZero();
                assertThat(frame.stride()).isGreaterThanOrEqualTo(451 * 3);
            }
        }

        @Test
        void inMemoryBytesDecodeLikeTheFile() throws IOException {
            byte[] jpeg = resource("chelsea.jpg");
            Mat expected = openCvUnchanged(jpeg);
            try (Frame fromArray = decoder.decode(jpeg, "chelsea.jpg")) {
                assertThat(maxAbsDifference(fromArray, expected)).isZero();
            }
            // a direct buffer whose position is not 0: JavaCPP would add the position to the address if we let it
            ByteBuffer direct = ByteBuffer.allocateDirect(jpeg.length + 100);
            direct.position(100);
            direct.put(jpeg).position(100);
            try (Frame fromDirect = decoder.decode(direct, "chelsea.jpg")) {
                assertThat(maxAbsDifference(fromDirect, expected)).isZero();
            }
            assertThat(direct.position()).isEqualTo(100);
            assertThat(direct.limit()).isEqualTo(jpeg.length + 100);
        }

        @Test
        void headerCanBeReadWithoutDecoding() throws IOException {
            Path file = write(dir, "moon.jpg", resource("moon_gray.jpg"));
            assertThat(decoder.readHeader(file)).isEqualTo(new ImageHeader(ImageFormat.JPEG, 512, 512));
        }

        @Test
        void inspectRunsEveryCheckButTheDecode() throws IOException {
            byte[] jpeg = resource("chelsea.jpg");
            assertThat(decoder.inspect(ByteBuffer.wrap(jpeg), "chelsea.jpg"))
                    .isEqualTo(new ImageHeader(ImageFormat.JPEG, 451, 300));
            assertThatThrownBy(() -> decoder.inspect(ByteBuffer.wrap(jpeg, 0, jpeg.length - 2), "cut.jpg"))
                    .isInstanceOf(PhotoDecodeException.class)
                    .hasMessage("cut.jpg: truncated JPEG");
            assertThatThrownBy(() -> PhotoDecoder.withPixelLimit(1000).inspect(ByteBuffer.wrap(jpeg), "big.jpg"))
                    .hasMessage("big.jpg: image is 451x300, over the 0.001 MP limit");
        }

        @Test
        void formatComesFromTheBytesNotTheName() throws IOException {
            Path pngNamedJpg = write(dir, "really-a-png.jpg", encode(chelsea(451, 300), ".png"));
            try (Frame frame = decoder.decode(pngNamedJpg)) {
                assertThat(frame.width()).isEqualTo(451);
            }
        }
    }

    @Nested
    class Channels {
        @Test
        void grayscaleJpegBecomesThreeEqualChannels() throws IOException {
            byte[] moon = resource("moon_gray.jpg");
            Mat gray = openCvUnchanged(moon);
            assertThat(gray.channels()).as("the fixture really is single-channel").isEqualTo(1);
            try (Frame frame = decoder.decode(write(dir, "moon.jpg", moon))) {
                assertThat(frame.channels()).isEqualTo(3);
                byte[] row = new byte[frame.width() * 3];
                byte[] expected = new byte[frame.width()];
                for (int y = 0; y < frame.height(); y++) {
                    frame.copyRowTo(y, row, 0);
                    gray.ptr(y).get(expected);
                    for (int x = 0; x < frame.width(); x++) {
                        assertThat(new int[] {row[3 * x] & 0xFF, row[3 * x + 1] & 0xFF, row[3 * x + 2] & 0xFF})
                                .as("pixel (%d, %d)", x, y)
                                .containsOnly(expected[x] & 0xFF);
                    }
                }
            }
        }

        @Test
        void grayscalePngBecomesThreeEqualChannels() throws IOException {
            Mat gray = new Mat();
            cvtColor(chelsea(451, 300), gray, COLOR_BGR2GRAY);
            try (Frame frame = decoder.decode(write(dir, "gray.png", encode(gray, ".png")))) {
                for (int y = 0; y < frame.height(); y += 7) {
                    for (int x = 0; x < frame.width(); x += 5) {
                        int g = gray.ptr(y, x).get() & 0xFF;
                        assertThat(new int[] {frame.get(x, y, 0), frame.get(x, y, 1), frame.get(x, y, 2)}).containsOnly(g);
                    }
                }
            }
        }

        @Test
        void alphaIsDroppedNotComposited() throws IOException {
            // chelsea_alpha.png keeps the original RGB and fades alpha to 0 in the corners; chelsea.jpg is the same
            // RGB through JPEG q92. Dropping alpha keeps the corners close to the JPEG; compositing over black or
            // white would move them by about a hundred levels.
            byte[] png = resource("chelsea_alpha.png");
            Mat rgba = openCvUnchanged(png);
            assertThat(rgba.channels()).as("the fixture really has alpha").isEqualTo(4);
            assertThat(rgba.ptr(0, 0).get(3) & 0xFF).as("corner alpha").isLessThan(10);
            Mat jpeg = openCvUnchanged(resource("chelsea.jpg"));
            try (Frame frame = decoder.decode(write(dir, "chelsea_alpha.png", png))) {
                assertThat(frame.channels()).isEqualTo(3);
                assertThat(meanAbsDifference(frame, jpeg)).isLessThan(3.0);
                for (int[] corner : new int[][] {{0, 0}, {450, 0}, {0, 299}, {450, 299}}) {
                    for (int c = 0; c < 3; c++) {
                        int expected = jpeg.ptr(corner[1], corner[0]).get(c) & 0xFF;
                        assertThat(frame.get(corner[0], corner[1], c)).isBetween(expected - 12, expected + 12);
                    }
                }
            }
        }

        @Test
        void fullyTransparentPixelsKeepTheirColourExactly() throws IOException {
            Mat bgr = chelsea(451, 300);
            Mat bgra = new Mat(300, 451, CV_8UC4, new Scalar(0, 0, 0, 0)); // alpha 0 everywhere
            mixChannels(bgr, 1, bgra, 1, new int[] {0, 0, 1, 1, 2, 2}, 3);
            try (Frame frame = decoder.decode(write(dir, "transparent.png", encode(bgra, ".png")))) {
                assertThat(maxAbsDifference(frame, bgr)).isZero();
            }
        }

        @Test
        void exifOrientationIsIgnored() throws IOException {
            byte[] jpeg = resource("chelsea.jpg");
            byte[] rotated = TestImages.withExifOrientation(jpeg, 6);
            try (Frame frame = decoder.decode(write(dir, "rotated.jpg", rotated))) {
                assertThat(frame.width()).as("stored width, not the displayed one").isEqualTo(451);
                assertThat(frame.height()).isEqualTo(300);
                assertThat(maxAbsDifference(frame, openCvUnchanged(jpeg))).isZero();
            }
        }
    }

    @Nested
    class BadInput {
        @Test
        void zeroByteFile() {
            PhotoDecodeException e = failure("empty.jpg", new byte[0]);
            assertThat(e.reason()).isEqualTo("empty file");
            assertThat(e.getMessage()).isEqualTo(dir.resolve("empty.jpg") + ": empty file");
            assertThat(e.path()).isEqualTo(dir.resolve("empty.jpg"));
        }

        @Test
        void textIsNotAnImage() {
            PhotoDecodeException e = failure("notes.jpg", "BM is not a bitmap\njust text\n".getBytes(StandardCharsets.UTF_8));
            assertThat(e.reason()).isEqualTo("not an image");
        }

        @Test
        void randomBytesAreNotAnImage() {
            byte[] noise = new byte[4096];
            new Random(7).nextBytes(noise);
            noise[0] = 0x42; // not a magic number of any format
            assertThat(failure("noise.png", noise).reason()).isEqualTo("not an image");
        }

        @Test
        void gifIsRecognisedButUnsupported() {
            assertThat(failure("anim.gif", "GIF89a\u0001\u0000\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1)).reason())
                    .isEqualTo("unsupported image format (GIF)");
        }

        @Test
        void directory() throws IOException {
            Path folder = Files.createDirectory(dir.resolve("folder.jpg"));
            PhotoDecodeException e = failure(folder);
            assertThat(e.reason()).isEqualTo("is a directory");
            assertThat(e.getMessage()).isEqualTo(folder + ": is a directory");
        }

        @Test
        @Timeout(60) // a hang guard, not a speed assertion: opening a FIFO for reading blocks until a writer comes
        void namedPipeIsRefusedInsteadOfBlocking() throws IOException, InterruptedException {
            Path fifo = dir.resolve("pipe.jpg");
            int status = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor();
            assumeThat(status).as("mkfifo available").isZero();
            assertThat(failure(fifo).reason()).isEqualTo("not a regular file");
        }

        @Test
        void missingFile() {
            assertThat(failure(dir.resolve("gone.jpg")).reason()).isEqualTo("cannot read: no such file");
        }

        @Test
        void unopenableFile() throws IOException {
            // a symbolic link to itself fails to open even for root, which the CI runs as
            Path loop = dir.resolve("loop.jpg");
            Files.createSymbolicLink(loop, loop.getFileName());
            PhotoDecodeException e = failure(loop);
            assertThat(e.reason()).startsWith("cannot read: ");
            assertThat(e.getMessage()).doesNotContain("\n").startsWith(loop + ": cannot read: ");
        }

        @Test
        void fileWithoutReadPermission() throws IOException {
            Path file = write(dir, "secret.jpg", resource("chelsea.jpg"));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("-w-------"));
            assumeThat(Files.isReadable(file)).as("root reads anything; this case needs a normal user").isFalse();
            assertThat(failure(file).reason()).isEqualTo("cannot read: permission denied");
        }

        @ParameterizedTest(name = "JPEG cut to {0} of its length")
        @ValueSource(doubles = {0.0005, 0.01, 0.25, 0.5, 0.9, 0.999})
        void truncatedJpeg(double keep) {
            byte[] jpeg = resource("chelsea.jpg");
            byte[] cut = Arrays.copyOf(jpeg, Math.max(3, (int) (jpeg.length * keep)));
            assertThat(failure("cut.jpg", cut).reason()).isEqualTo("truncated JPEG");
        }

        @Test
        void jpegMissingOnlyItsEndMarkerIsTruncated() {
            // libjpeg decodes this with a warning and would hand back a plausible image; we insist on EOI
            byte[] jpeg = resource("chelsea.jpg");
            assertThat(jpeg[jpeg.length - 2] & 0xFF).isEqualTo(0xFF);
            assertThat(jpeg[jpeg.length - 1] & 0xFF).isEqualTo(0xD9);
            assertThat(failure("no-eoi.jpg", Arrays.copyOf(jpeg, jpeg.length - 2)).reason()).isEqualTo("truncated JPEG");
        }

        @Test
        void bytesAfterTheEndMarkerAreTolerated() throws IOException {
            byte[] jpeg = resource("chelsea.jpg");
            byte[] trailer = new byte[5000];
            new Random(3).nextBytes(trailer);
            trailer[0] = (byte) 0xFF; // looks like the start of a marker, like many camera trailers
            byte[] withTrailer = Arrays.copyOf(jpeg, jpeg.length + trailer.length);
            System.arraycopy(trailer, 0, withTrailer, jpeg.length, trailer.length);
            try (Frame frame = decoder.decode(write(dir, "trailer.jpg", withTrailer))) {
                assertThat(maxAbsDifference(frame, openCvUnchanged(jpeg))).isZero();
            }
        }

        @ParameterizedTest(name = "{0} cut to {1} of its length: {2}")
        @CsvSource({
                ".png, 0.003, truncated PNG",
                ".png, 0.5, truncated PNG",
                ".png, 0.9999, truncated PNG",
                ".webp, 0.5, truncated WebP",
                ".webp, 0.99, truncated WebP",
                ".bmp, 0.5, truncated BMP",
                ".bmp, 0.9999, truncated BMP",
                ".tif, 0.5, truncated TIFF",
                ".tif, 0.9999, truncated TIFF",
        })
        void truncatedFilesOfOtherFormats(String extension, double keep, String reason) {
            byte[] whole = encode(chelsea(451, 300), extension);
            byte[] cut = Arrays.copyOf(whole, (int) (whole.length * keep));
            assertThat(failure("cut" + extension, cut).reason()).isEqualTo(reason);
        }

        @Test
        void corruptPngDataIsReportedAsCorrupt() {
            byte[] png = encode(chelsea(451, 300), ".png");
            byte[] broken = png.clone();
            for (int i = png.length / 2; i < png.length / 2 + 64; i++) {
                broken[i] ^= 0x5A; // inside IDAT: the CRC no longer matches, libpng refuses
            }
            PhotoDecodeException e = failure("broken.png", broken);
            assertThat(e.reason()).startsWith("corrupt PNG: ");
            assertThat(e.getMessage()).doesNotContain("\n");
        }

        @Test
        void webpWithoutImageDataIsCorrupt() {
            byte[] hollow = TestImages.webpHeaderOnly(64, 48);
            java.nio.ByteBuffer.wrap(hollow).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(4, hollow.length - 8);
            assertThat(failure("hollow.webp", hollow).reason()).isEqualTo("corrupt WebP: no image data");
        }

        @Test
        void jpegWithAGarbledFrameHeaderIsCorrupt() {
            byte[] header = TestImages.jpegHeaderOnly(0, 480);
            assertThat(failure("zero-width.jpg", header).reason()).isEqualTo("corrupt JPEG: frame header declares 0x480");
        }

        @Test
        void jpegThatIsAllMarkersAndNoImageIsCorrupt() {
            byte[] soiEoi = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9};
            assertThat(failure("hollow.jpg", soiEoi).reason()).isEqualTo("corrupt JPEG: end of image before any frame header");
        }
    }

    @Nested
    class PixelLimit {
        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"jpg", "png", "webp", "bmp", "tif"})
        void aTinyFileClaiming60000x60000IsRefusedFromItsHeader(String extension) {
            byte[] bomb = switch (extension) {
                case "jpg" -> TestImages.jpegHeaderOnly(60000, 60000);
                case "png" -> TestImages.pngHeaderOnly(60000, 60000);
                case "webp" -> TestImages.webpHeaderOnly(60000, 60000);
                case "bmp" -> TestImages.bmpHeaderOnly(60000, 60000);
                default -> TestImages.tiffHeaderOnly(60000, 60000);
            };
            assertThat(bomb.length).isLessThan(100);
            // Had anything but the header parser looked at it, the reason would be "truncated ...": these files hold
            // no pixel data at all. So the refusal happens before OpenCV allocates anything.
            PhotoDecodeException e = failure("bomb." + extension, bomb);
            assertThat(e.reason()).isEqualTo("image is 60000x60000, over the 100 MP limit");
            assertThat(e.getMessage()).isEqualTo(dir.resolve("bomb." + extension) + ": image is 60000x60000, over the 100 MP limit");
        }

        @Test
        void theSameHeadersUnderTheLimitAreTruncatedFiles() {
            assertThat(failure("small.jpg", TestImages.jpegHeaderOnly(6000, 6000)).reason()).isEqualTo("truncated JPEG");
            assertThat(failure("small.png", TestImages.pngHeaderOnly(6000, 6000)).reason()).isEqualTo("truncated PNG");
            assertThat(failure("small.webp", TestImages.webpHeaderOnly(6000, 6000)).reason()).isEqualTo("truncated WebP");
            assertThat(failure("small.bmp", TestImages.bmpHeaderOnly(6000, 6000)).reason()).isEqualTo("truncated BMP");
            assertThat(failure("small.tif", TestImages.tiffHeaderOnly(6000, 6000)).reason()).isEqualTo("truncated TIFF");
        }

        @Test
        void theLimitIsConfigurableAndCountsWidthTimesHeight() throws IOException {
            Path file = write(dir, "chelsea.jpg", resource("chelsea.jpg")); // 451 x 300 = 135300 pixels
            try (Frame frame = PhotoDecoder.withPixelLimit(135_300).decode(file)) {
                assertThat(frame.width()).isEqualTo(451);
            }
            PhotoDecodeException e = assertThrowsDecode(() -> PhotoDecoder.withPixelLimit(135_299).decode(file));
            assertThat(e.reason()).isEqualTo("image is 451x300, over the 0.135299 MP limit");
            assertThat(assertThrowsDecode(() -> PhotoDecoder.withPixelLimit(100_000).decode(file)).reason())
                    .isEqualTo("image is 451x300, over the 0.1 MP limit");
        }

        @Test
        void theDefaultIs100Megapixels() {
            assertThat(PhotoDecoder.create().pixelLimit()).isEqualTo(100_000_000L);
            assertThatThrownBy(() -> PhotoDecoder.withPixelLimit(0)).isInstanceOf(IllegalArgumentException.class);
        }

        private PhotoDecodeException assertThrowsDecode(DecodeCall call) {
            try (Frame frame = call.decode()) {
                throw new AssertionError("expected a PhotoDecodeException, decoded " + frame);
            } catch (PhotoDecodeException e) {
                return e;
            }
        }
    }

    @FunctionalInterface
    interface DecodeCall {
        Frame decode() throws PhotoDecodeException;
    }

    @Nested
    class Ownership {
        @Test
        void closingTheFrameReleasesItsPixelsAndLaterAccessIsRefused() throws IOException {
            Frame frame = decoder.decode(write(dir, "chelsea.jpg", resource("chelsea.jpg")));
            assertThat(frame.referenceCount()).isEqualTo(1);
            frame.close();
            assertThat(frame.isOpen()).isFalse();
            assertThatThrownBy(frame::address).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(frame::close).isInstanceOf(IllegalStateException.class);
        }
    }
}
