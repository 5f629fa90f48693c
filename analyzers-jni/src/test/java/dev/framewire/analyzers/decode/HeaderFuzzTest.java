package dev.framewire.analyzers.decode;

import dev.framewire.core.frame.Frame;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_PROGRESSIVE;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_RST_INTERVAL;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_TIFF_COMPRESSION;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

/**
 * Seeded mutation fuzzing of everything that reads untrusted bytes in Java. The header parsers must, on any input,
 * return or throw {@link InvalidImageException} (never an index, arithmetic or buffer exception, never hang), and the
 * decoder as a whole must return a frame or throw {@link PhotoDecodeException}. A failure prints the seed, the
 * iteration and the input in hex, so it can be replayed and kept as a regression case.
 */
class HeaderFuzzTest {
    private static final long SEED = 0x5EEDF00DL;
    private static final int[] INTERESTING_BYTES = {0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFF, 0xD8, 0xD9, 0xDA, 0xC0};
    private static final int[] INTERESTING_INTS = {0, 1, 2, 12, 0x7FFF, 0xFFFF, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF};

    private static List<byte[]> seeds;

    @BeforeAll
    static void makeSeeds() {
        Mat small = TestImages.chelsea(48, 32);
        Mat gray = new Mat();
        cvtColor(small, gray, COLOR_BGR2GRAY);
        seeds = new ArrayList<>();
        for (String extension : new String[] {".jpg", ".png", ".webp", ".bmp", ".tif"}) {
            seeds.add(TestImages.encode(small, extension));
            seeds.add(TestImages.encode(gray, extension));
        }
        seeds.add(encode(small, ".jpg", IMWRITE_JPEG_PROGRESSIVE, 1));
        seeds.add(encode(small, ".jpg", IMWRITE_JPEG_RST_INTERVAL, 2));
        seeds.add(encode(small, ".tif", IMWRITE_TIFF_COMPRESSION, 1)); // uncompressed strips
        seeds.add(TestImages.withExifOrientation(TestImages.encode(small, ".jpg"), 6));
        seeds.add(TestImages.jpegHeaderOnly(60000, 60000));
        seeds.add(TestImages.pngHeaderOnly(60000, 60000));
        seeds.add(TestImages.webpHeaderOnly(60000, 60000));
        seeds.add(TestImages.bmpHeaderOnly(60000, 60000));
        seeds.add(TestImages.tiffHeaderOnly(60000, 60000));
    }

    private static byte[] encode(Mat image, String extension, int flag, int value) {
        org.bytedeco.javacpp.BytePointer out = new org.bytedeco.javacpp.BytePointer();
        imencode(extension, image, out, new org.bytedeco.javacpp.IntPointer(flag, value));
        byte[] bytes = new byte[(int) out.limit()];
        out.get(bytes);
        return bytes;
    }

    @Test
    void headerParsersThrowOnlyTheirDocumentedExceptionOnMutatedFiles() {
        Random random = new Random(SEED);
        Outcomes outcomes = new Outcomes();
        for (int i = 0; i < 60_000; i++) {
            byte[] input = mutate(seeds.get(random.nextInt(seeds.size())), random);
            parse(input, i, outcomes);
        }
        // the mutations must reach deep into the parsers, not only bounce off the magic numbers
        assertThat(outcomes.complete).as("inputs that passed every check").isGreaterThan(3_000);
        assertThat(outcomes.rejected).as("inputs that were rejected").isGreaterThan(3_000);
    }

    @Test
    void headerParsersThrowOnlyTheirDocumentedExceptionOnRandomBytesBehindEachMagicNumber() {
        byte[][] magics = {
                {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF},
                PngReader.SIGNATURE,
                {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', 'X'},
                {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', 'L'},
                {'B', 'M', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 40, 0, 0, 0},
                {'I', 'I', 42, 0},
                {'M', 'M', 0, 42},
                {'I', 'I', 43, 0, 8, 0, 0, 0},
        };
        Random random = new Random(SEED + 1);
        Outcomes outcomes = new Outcomes();
        for (int i = 0; i < 40_000; i++) {
            byte[] magic = magics[i % magics.length];
            byte[] input = new byte[magic.length + random.nextInt(80)];
            random.nextBytes(input);
            System.arraycopy(magic, 0, input, 0, magic.length);
            if (random.nextBoolean()) { // small numbers make offsets land inside the data more often
                for (int j = magic.length; j < input.length; j++) {
                    input[j] = (byte) (input[j] & 0x1F);
                }
            }
            parse(input, i, outcomes);
        }
        assertThat(outcomes.headers).as("inputs whose header parsed").isGreaterThan(1_000);
    }

    @Test
    void decoderReturnsAFrameOrItsCheckedExceptionOnMutatedFiles() {
        // the seeds are 48x32: a mutated header claiming more is refused instead of costing a large allocation
        PhotoDecoder decoder = PhotoDecoder.withPixelLimit(1_000_000);
        Random random = new Random(SEED + 2);
        int decoded = 0;
        for (int i = 0; i < 2_000; i++) {
            byte[] input = mutate(seeds.get(random.nextInt(seeds.size())), random);
            try (Frame frame = decoder.decode(input, "fuzz-" + i)) {
                assertThat(frame.channels()).isEqualTo(3);
                decoded++;
            } catch (PhotoDecodeException e) {
                assertThat(e.getMessage()).doesNotContain("\n").startsWith("fuzz-" + i + ": ");
            } catch (RuntimeException | Error e) {
                throw new AssertionError(replay("decode", i, input), e);
            }
        }
        assertThat(decoded).as("mutated inputs that still decoded").isGreaterThan(100);
    }

    @Test
    void everyInputJazzerKeptStillParsesCleanly() throws IOException, URISyntaxException {
        URL corpus = getClass().getResource("HeaderJazzerFuzzTestInputs/headers");
        assertThat(corpus).as("the Jazzer corpus is on the test class path").isNotNull();
        List<Path> inputs;
        try (Stream<Path> files = Files.list(Path.of(corpus.toURI()))) {
            inputs = files.sorted().toList();
        }
        assertThat(inputs).as("seed inputs").hasSizeGreaterThanOrEqualTo(8);
        for (Path input : inputs) {
            Parsed parsed = parseOrThrowOnlyInvalidImage(Files.readAllBytes(input));
            if (input.getFileName().toString().startsWith("tiny")) {
                assertThat(parsed.result()).as("seed %s is a valid image", input.getFileName()).isEqualTo("complete");
            }
        }
    }

    /** What the parsers made of one input: whether the header parsed, and "complete" or the rejection reason. */
    record Parsed(boolean headerParsed, String result) {
    }

    /**
     * The property every fuzzer checks: the parsers return a header (and "complete") or throw
     * {@link InvalidImageException} with a one-line reason, and leave the buffer untouched; and they judge the bytes
     * alike on the heap and off it (where the JPEG scan reads memory directly, up to the buffer's last byte).
     */
    static Parsed parseOrThrowOnlyInvalidImage(byte[] input) {
        Parsed onHeap = parse(ByteBuffer.wrap(input));
        ByteBuffer direct = ByteBuffer.allocateDirect(input.length);
        direct.put(input).clear();
        assertThat(parse(direct)).as("the same bytes off the heap").isEqualTo(onHeap);
        return onHeap;
    }

    private static Parsed parse(ByteBuffer data) {
        boolean headerParsed = false;
        String result;
        try {
            ImageFormat format = ImageSniffer.sniff(data);
            FormatReader reader = ImageSniffer.readerFor(format);
            ImageHeader header = reader.readHeader(data);
            headerParsed = true;
            assertThat(header.pixels()).isPositive();
            reader.checkComplete(data);
            result = "complete";
        } catch (InvalidImageException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
            result = e.getMessage();
        }
        assertThat(data.position()).as("parsers never move the buffer").isZero();
        return new Parsed(headerParsed, result);
    }

    private static final class Outcomes {
        int headers;
        int complete;
        int rejected;
    }

    private static void parse(byte[] input, int iteration, Outcomes outcomes) {
        Parsed parsed;
        try {
            parsed = parseOrThrowOnlyInvalidImage(input);
        } catch (RuntimeException | Error e) {
            throw new AssertionError(replay("parse", iteration, input), e);
        }
        outcomes.headers += parsed.headerParsed() ? 1 : 0;
        if (parsed.result().equals("complete")) {
            outcomes.complete++;
        } else {
            outcomes.rejected++;
        }
    }

    private static String replay(String what, int iteration, byte[] input) {
        return what + " failed at iteration " + iteration + " (seed " + SEED + ") on " + input.length + " bytes: "
                + HexFormat.of().formatHex(input, 0, Math.min(input.length, 4096));
    }

    /** One to four of: bit flips, interesting bytes and 16/32-bit values, truncation, insertion, deletion, duplication. */
    static byte[] mutate(byte[] seed, Random random) {
        byte[] data = seed.clone();
        int rounds = 1 + random.nextInt(4);
        for (int r = 0; r < rounds && data.length > 0; r++) {
            int at = biasedPosition(data.length, random);
            switch (random.nextInt(7)) {
                case 0 -> data[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> data[at] = (byte) INTERESTING_BYTES[random.nextInt(INTERESTING_BYTES.length)];
                case 2 -> data = java.util.Arrays.copyOf(data, random.nextInt(data.length + 1));
                case 3 -> {
                    byte[] extra = new byte[1 + random.nextInt(16)];
                    random.nextBytes(extra);
                    data = splice(data, at, 0, extra);
                }
                case 4 -> data = splice(data, at, Math.min(data.length - at, 1 + random.nextInt(64)), new byte[0]);
                case 5 -> {
                    int value = INTERESTING_INTS[random.nextInt(INTERESTING_INTS.length)];
                    int width = random.nextBoolean() ? 2 : 4;
                    for (int k = 0; k < width && at + k < data.length; k++) {
                        data[at + k] = (byte) (value >>> (8 * (random.nextBoolean() ? k : width - 1 - k)));
                    }
                }
                default -> {
                    int from = random.nextInt(data.length);
                    int length = Math.min(data.length - from, 1 + random.nextInt(32));
                    data = splice(data, at, 0, java.util.Arrays.copyOfRange(data, from, from + length));
                }
            }
        }
        return data;
    }

    /** Headers live at the start: aim half of the mutations at the first 64 bytes. */
    private static int biasedPosition(int length, Random random) {
        return random.nextBoolean() ? random.nextInt(Math.min(length, 64)) : random.nextInt(length);
    }

    private static byte[] splice(byte[] data, int at, int remove, byte[] insert) {
        byte[] out = new byte[data.length - remove + insert.length];
        System.arraycopy(data, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(data, at + remove, out, at + insert.length, data.length - at - remove);
        return out;
    }
}
