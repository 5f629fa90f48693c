package dev.framewire.benchmarks.support;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.RNG;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.bytedeco.opencv.global.opencv_core.CV_16SC3;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.add;
import static org.bytedeco.opencv.global.opencv_core.flip;
import static org.bytedeco.opencv.global.opencv_core.noArray;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * Reproducible folders of benchmark photos: JPEGs (quality 92) of a chosen size, made from the real photographs in
 * this module's {@code photos/} resources by a seeded random crop, an optional mirror, a resize (INTER_AREA when
 * shrinking, INTER_CUBIC when enlarging) and mild seeded Gaussian noise (sigma 2 levels, like sensor noise, so that no
 * two files are alike and the JPEGs carry realistic entropy).
 *
 * <p>Files live in {@code <cacheRoot>/<W>x<H>-seed<S>-v<N>/photo-00000.jpg, photo-00001.jpg, ...}; photo {@code i}
 * depends only on the seed, {@code i} and the size, so asking for more photos later adds files without changing the
 * existing ones, and a second call finds them cached. The same seed gives byte-identical files with the same OpenCV
 * build on the same kind of CPU (OpenCV's resize and libjpeg-turbo may pick other SIMD paths elsewhere).
 *
 * <p><b>Threads and processes.</b> Each file is written to a temporary name and atomically moved into place, so
 * concurrent generators of the same folder (threads or JVMs) at worst both write identical content; a reader never
 * sees a partial file.
 */
public final class BenchmarkPhotos {
    /** The seed every suite uses unless it has a reason not to, so their numbers refer to the same photos. */
    public static final long DEFAULT_SEED = 20261122L;
    /** A 12-megapixel camera photo. */
    public static final PhotoSize LARGE = new PhotoSize(4000, 3000);
    /** A VGA-sized photo. */
    public static final PhotoSize SMALL = new PhotoSize(640, 480);

    /** Bump when the generation changes, so old caches are not mistaken for new output. */
    static final int GENERATOR_VERSION = 1;
    static final List<String> SOURCES = List.of(
            "picosdeeuropa_by_Aitzol_Berasategi.jpg", "Kleiber_by_Lukas_Baubkus.jpg", "coffee.jpg", "chelsea.jpg");
    private static final int JPEG_QUALITY = 92;
    private static final double NOISE_SIGMA = 2.0;
    private static final double MIN_CROP = 0.7;

    static {
        Loader.load(opencv_imgcodecs.class); // before any Pointer is created
    }

    private BenchmarkPhotos() {
    }

    /** Width and height of generated photos, written {@code 4000x3000}. */
    public record PhotoSize(int width, int height) {
        private static final Pattern FORMAT = Pattern.compile("(\\d{1,5})x(\\d{1,5})");

        public PhotoSize {
            if (width < 16 || height < 16) {
                throw new IllegalArgumentException("photo size must be at least 16x16, got " + width + "x" + height);
            }
        }

        /** Parses {@code "4000x3000"}. @throws IllegalArgumentException naming the text otherwise */
        public static PhotoSize parse(String text) {
            Matcher m = FORMAT.matcher(Objects.requireNonNull(text, "text").strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("photo size must look like 4000x3000, got \"" + text + "\"");
            }
            return new PhotoSize(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }

        @Override
        public String toString() {
            return width + "x" + height;
        }
    }

    /** {@link #ensure(Path, PhotoSize, int, long)} with the {@link #DEFAULT_SEED}. */
    public static List<Path> ensure(Path cacheRoot, PhotoSize size, int count) {
        return ensure(cacheRoot, size, count, DEFAULT_SEED);
    }

    /**
     * Makes sure the folder for this size and seed holds at least {@code count} photos, generating the missing ones.
     *
     * @return the first {@code count} photos, in name order
     * @throws UncheckedIOException if the folder cannot be written
     */
    public static List<Path> ensure(Path cacheRoot, PhotoSize size, int count, long seed) {
        Objects.requireNonNull(size, "size");
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        Path folder = folder(cacheRoot, size, seed);
        List<Path> photos = new ArrayList<>(count);
        Sources sources = null;
        try {
            Files.createDirectories(folder);
            for (int i = 0; i < count; i++) {
                Path photo = folder.resolve(String.format("photo-%05d.jpg", i));
                if (!Files.isRegularFile(photo)) {
                    if (sources == null) {
                        sources = new Sources();
                    }
                    writeAtomically(photo, generate(sources, size, seed, i));
                }
                photos.add(photo);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write benchmark photos to " + folder, e);
        } finally {
            if (sources != null) {
                sources.close();
            }
        }
        return photos;
    }

    /** Where photos of this size and seed are cached under {@code cacheRoot}. */
    public static Path folder(Path cacheRoot, PhotoSize size, long seed) {
        return Objects.requireNonNull(cacheRoot, "cacheRoot").resolve(size + "-seed" + seed + "-v" + GENERATOR_VERSION);
    }

    /** Encoded JPEG bytes of photo {@code index}; a pure function of its arguments (for one OpenCV build and CPU). */
    static byte[] generate(Sources sources, PhotoSize size, long seed, int index) {
        Random random = new Random(mix(seed, index));
        Mat source = sources.get(index % SOURCES.size());
        double aspect = (double) size.width() / size.height();
        // the largest window of the target aspect that fits the source, scaled by a random factor, at a random place
        double fitWidth = Math.min(source.cols(), source.rows() * aspect);
        double scale = MIN_CROP + (1 - MIN_CROP) * random.nextDouble();
        int cropWidth = Math.max(1, (int) Math.round(fitWidth * scale));
        int cropHeight = Math.max(1, Math.min(source.rows(), (int) Math.round(cropWidth / aspect)));
        int x = random.nextInt(source.cols() - cropWidth + 1);
        int y = random.nextInt(source.rows() - cropHeight + 1);
        boolean mirror = random.nextBoolean();
        long noiseSeed = random.nextLong();

        Mat crop = new Mat(source, new Rect(x, y, cropWidth, cropHeight));
        Mat resized = new Mat();
        Mat noise = new Mat(size.height(), size.width(), CV_16SC3);
        Mat noisy = new Mat();
        BytePointer jpeg = new BytePointer();
        IntPointer params = new IntPointer(IMWRITE_JPEG_QUALITY, JPEG_QUALITY);
        try {
            boolean enlarging = size.width() > cropWidth;
            resize(crop, resized, new Size(size.width(), size.height()), 0, 0, enlarging ? INTER_CUBIC : INTER_AREA);
            if (mirror) {
                flip(resized, resized, 1);
            }
            RNG rng = new RNG(noiseSeed);
            Mat mean = new Mat(new double[] {0});
            Mat sigma = new Mat(new double[] {NOISE_SIGMA});
            rng._fill(noise, RNG.NORMAL, mean, sigma);
            mean.deallocate();
            sigma.deallocate();
            rng.deallocate();
            add(resized, noise, noisy, noArray(), CV_8U); // saturating
            if (!imencode(".jpg", noisy, jpeg, params)) {
                throw new IllegalStateException("OpenCV could not encode a JPEG");
            }
            byte[] bytes = new byte[(int) jpeg.limit()];
            jpeg.get(bytes);
            return bytes;
        } finally {
            crop.deallocate();
            resized.deallocate();
            noise.deallocate();
            noisy.deallocate();
            jpeg.deallocate();
            params.deallocate();
        }
    }

    /** SplitMix64 finaliser of (seed, index): neighbouring indices get unrelated random streams. */
    private static long mix(long seed, int index) {
        long z = seed + 0x9E3779B97F4A7C15L * (index + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path temporary = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
        try {
            Files.write(temporary, bytes);
            readableByAll(temporary); // temporary files start private; these are shared data
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void readableByAll(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its default permissions apply
        }
    }

    /** The source photos, decoded once per {@link #ensure} call that needs them. Not thread-safe. */
    static final class Sources implements AutoCloseable {
        private final Mat[] decoded = new Mat[SOURCES.size()];

        Mat get(int index) {
            if (decoded[index] == null) {
                byte[] bytes = resource(SOURCES.get(index));
                BytePointer data = new BytePointer(bytes);
                Mat buffer = new Mat(1, bytes.length, CV_8UC1, data);
                try {
                    Mat image = imdecode(buffer, IMREAD_COLOR);
                    if (image.empty()) {
                        throw new IllegalStateException("cannot decode resource photos/" + SOURCES.get(index));
                    }
                    decoded[index] = image;
                } finally {
                    buffer.deallocate();
                    data.deallocate();
                }
            }
            return decoded[index];
        }

        @Override
        public void close() {
            for (Mat mat : decoded) {
                if (mat != null) {
                    mat.deallocate();
                }
            }
        }

        private static byte[] resource(String name) {
            try (InputStream in = BenchmarkPhotos.class.getResourceAsStream("/photos/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource photos/" + name);
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * {@code BenchmarkPhotos <cacheRoot> <WxH> <count> [seed]}: generates (or finds cached) photos and prints their
     * folder, so scripts can prepare a data set.
     */
    public static void main(String[] args) {
        if (args.length < 3 || args.length > 4) {
            System.err.println("usage: BenchmarkPhotos <cacheRoot> <WxH> <count> [seed]   e.g. target/bench-photos 4000x3000 20");
            System.exit(2);
        }
        try {
            PhotoSize size = PhotoSize.parse(args[1]);
            int count = Integer.parseInt(args[2]);
            long seed = args.length == 4 ? Long.parseLong(args[3]) : DEFAULT_SEED;
            List<Path> photos = ensure(Path.of(args[0]), size, count, seed);
            System.out.println(photos.get(0).getParent());
        } catch (IllegalArgumentException | UncheckedIOException e) {
            System.err.println("BenchmarkPhotos: " + e.getMessage());
            System.exit(2);
        }
    }
}
