package dev.framewire.analyzers.kernels;

import dev.framewire.analyzers.KernelBackend;
import dev.framewire.analyzers.kernels.RandomFrames.Content;
import dev.framewire.core.frame.Frame;
import dev.framewire.core.frame.PixelOrder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The three implementations agree bit for bit: the pure-Java kernels against SPEC.md written plainly
 * ({@link NaiveKernels}), and the native kernels (AVX2 and forced scalar) against the pure-Java ones, on seeded
 * frames of awkward shapes, every pixel order, padded strides and content from noise to flat.
 */
class KernelParityTest {
    private static final int[][] SHAPES = {
            {1, 1}, {1, 9}, {9, 1}, {2, 2}, {3, 3}, {7, 5}, {8, 3}, {9, 4}, {15, 2}, {16, 16}, {17, 13},
            {31, 7}, {33, 9}, {64, 1}, {1, 64}, {100, 75}, {257, 191}};

    record Case(int width, int height, int padding, PixelOrder order, Content content) {
        long seed() {
            return 31L * (31L * (31L * width + height) + padding) + order.ordinal() * 7L + content.ordinal();
        }

        Frame frame() {
            return RandomFrames.create(width, height, padding, order, content, seed());
        }

        @Override
        public String toString() {
            return width + "x" + height + " " + order + " " + content + (padding > 0 ? " padded by " + padding : "");
        }
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (int[] shape : SHAPES) {
            for (PixelOrder order : PixelOrder.values()) {
                for (Content content : Content.values()) {
                    cases.add(new Case(shape[0], shape[1], (shape[0] + content.ordinal()) % 2 == 0 ? 0 : 13, order, content));
                }
            }
        }
        return cases;
    }

    @BeforeAll
    static void nativeKernelsAreBuiltIntoThisJar() {
        assertThat(KernelBackend.NATIVE.isAvailable())
                .as("native kernels load on linux-x86_64 (%s)", NativeLibrary.loadFailure())
                .isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void javaKernelsComputeWhatSpecSays(Case c) {
        try (Frame frame = c.frame()) {
            NaiveKernels naive = new NaiveKernels(frame);
            long[] naiveHistogram = new long[256];
            double[] naiveExposure = naive.exposure(naiveHistogram);

            Outputs java = Outputs.of(JavaKernels.INSTANCE, frame);
            assertThat(bits(java.sharpness)).isEqualTo(bits(new double[] {naive.laplacianVariance()}));
            assertThat(bits(java.exposure)).isEqualTo(bits(naiveExposure));
            assertThat(java.histogram).isEqualTo(naiveHistogram);
            assertThat(bits(java.composition)).isEqualTo(bits(naive.composition()));
            java.assertFusedAgreesWithSeparate();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void nativeKernelsEqualJavaBitForBit(Case c) {
        try (Frame frame = c.frame()) {
            Outputs java = Outputs.of(JavaKernels.INSTANCE, frame);
            Outputs vector = Outputs.of(NativePhotoKernels.instance(), frame);
            Outputs scalar = withScalarPath(() -> Outputs.of(NativePhotoKernels.instance(), frame));
            for (Outputs nativeOutputs : List.of(vector, scalar)) {
                nativeOutputs.assertBitIdentical(java);
                nativeOutputs.assertFusedAgreesWithSeparate();
            }
        }
    }

    @Test
    void sumsOfSquaredLaplaciansBeyond64BitsStayExact() {
        // A 0/255 checkerboard: every interior Laplacian is +-4 * 255000, edges 3x, corners 2x. S2 > 2^63.
        int n = 3100;
        try (Frame frame = checkerboard(n)) {
            BigInteger unit = BigInteger.valueOf(255_000L * 255_000L);
            long interior = (long) (n - 2) * (n - 2);
            long edges = 4L * (n - 2);
            BigInteger s2 = unit.multiply(BigInteger.valueOf(16 * interior + 9 * edges + 4 * 4));
            assertThat(s2.bitLength()).isGreaterThan(63);
            double pixels = (double) n * n;
            double expected = BigInteger.valueOf((long) n * n).multiply(s2).doubleValue() / (pixels * pixels) / 1e6;

            double[] java = new double[1];
            double[] nat = new double[1];
            JavaKernels.INSTANCE.sharpness(frame, java);
            NativePhotoKernels.instance().sharpness(frame, nat);
            assertThat(java[0]).isEqualTo(expected);
            assertThat(nat[0]).isEqualTo(expected);
        }
    }

    @Test
    void clippingLimitsAreStrictAtTwoPercentAndNinetyEightPercent() {
        // Gray V has Y = V: 5 < 0.02 * 255 = 5.1 <= 6 is a shadow limit, 249 <= 0.98 * 255 = 249.9 < 250 a highlight one.
        try (Frame frame = Frame.allocate(4, 1, PixelOrder.GRAY)) {
            frame.set(0, 0, 0, 5);
            frame.set(1, 0, 0, 6);
            frame.set(2, 0, 0, 249);
            frame.set(3, 0, 0, 250);
            for (PhotoKernels kernels : List.of(JavaKernels.INSTANCE, NativePhotoKernels.instance())) {
                double[] out = new double[3];
                long[] histogram = new long[256];
                kernels.exposure(frame, out, histogram);
                assertThat(out[1]).as("shadows").isEqualTo(0.25);
                assertThat(out[2]).as("highlights").isEqualTo(0.25);
                assertThat(new long[] {histogram[5], histogram[6], histogram[249], histogram[250]}).containsOnly(1L);
            }
        }
    }

    @Test
    void aPercentileBetweenAFlatMajorityAndTheFirstEdgeInterpolatesAcrossBins() {
        // One gray row 0 x17, 10, 20, 20: 17 pixels have E = 0 (ranks 0..16), then E = 40, 80, 40 on the 0..255 scale.
        // lo = floor(0.85 * 19) = 16 is the last zero, lo + 1 the first edge: t = 0 + 40 * 0.15, strong = the 3 edges.
        int[] values = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 20, 20};
        try (Frame frame = Frame.allocate(values.length, 1, PixelOrder.GRAY)) {
            for (int x = 0; x < values.length; x++) {
                frame.set(x, 0, 0, values[x]);
            }
            double[] naive = new NaiveKernels(frame).composition();
            assertThat(naive[0]).isCloseTo(6.0, within(1e-12));
            assertThat(naive[1]).isEqualTo(3);
            for (PhotoKernels kernels : List.of(JavaKernels.INSTANCE, NativePhotoKernels.instance())) {
                double[] out = new double[4];
                kernels.composition(frame, out);
                assertThat(bits(out)).as("%s", kernels).isEqualTo(bits(naive));
            }
        }
    }

    private static Frame checkerboard(int n) {
        Frame frame = Frame.allocate(n, n, PixelOrder.GRAY);
        byte[] row = new byte[n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                row[x] = (byte) ((x + y) % 2 == 0 ? 0 : 255);
            }
            frame.copyRowFrom(y, row, 0);
        }
        return frame;
    }

    private static <T> T withScalarPath(java.util.function.Supplier<T> body) {
        NativeKernels.fw_force_scalar(1);
        try {
            return body.get();
        } finally {
            NativeKernels.fw_force_scalar(0);
        }
    }

    static long[] bits(double[] values) {
        return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
    }

    /** Everything one implementation says about one frame. */
    record Outputs(double[] sharpness, double[] exposure, long[] histogram, double[] composition, double[] all,
                   long[] allHistogram, double[] exposureWithoutHistogram, double[] allWithoutHistogram) {
        static Outputs of(PhotoKernels kernels, Frame frame) {
            double[] sharpness = new double[1];
            double[] exposure = new double[3];
            long[] histogram = new long[256];
            double[] composition = new double[4];
            double[] all = new double[PhotoKernels.ALL_SLOTS];
            long[] allHistogram = new long[256];
            kernels.sharpness(frame, sharpness);
            kernels.exposure(frame, exposure, histogram);
            kernels.composition(frame, composition);
            kernels.analyzeAll(frame, all, allHistogram);
            double[] exposureWithoutHistogram = new double[3];
            double[] allWithoutHistogram = new double[PhotoKernels.ALL_SLOTS];
            kernels.exposure(frame, exposureWithoutHistogram, null);
            kernels.analyzeAll(frame, allWithoutHistogram, null);
            return new Outputs(sharpness, exposure, histogram, composition, all, allHistogram, exposureWithoutHistogram,
                    allWithoutHistogram);
        }

        void assertBitIdentical(Outputs expected) {
            assertThat(bits(sharpness)).as("sharpness").isEqualTo(bits(expected.sharpness));
            assertThat(bits(exposure)).as("exposure").isEqualTo(bits(expected.exposure));
            assertThat(histogram).as("histogram").isEqualTo(expected.histogram);
            assertThat(bits(composition)).as("composition").isEqualTo(bits(expected.composition));
            assertThat(bits(all)).as("analyze_all").isEqualTo(bits(expected.all));
            assertThat(allHistogram).as("analyze_all histogram").isEqualTo(expected.allHistogram);
            assertThat(bits(exposureWithoutHistogram)).as("exposure without histogram")
                    .isEqualTo(bits(expected.exposureWithoutHistogram));
            assertThat(bits(allWithoutHistogram)).as("analyze_all without histogram")
                    .isEqualTo(bits(expected.allWithoutHistogram));
        }

        void assertFusedAgreesWithSeparate() {
            double[] separate = new double[PhotoKernels.ALL_SLOTS];
            separate[PhotoKernels.ALL_LAPLACIAN_VAR] = sharpness[0];
            System.arraycopy(exposure, 0, separate, PhotoKernels.ALL_MEAN, 3);
            System.arraycopy(composition, 0, separate, PhotoKernels.ALL_THRESHOLD, 4);
            assertThat(bits(all)).as("fused kernel equals the three separate ones").isEqualTo(bits(separate));
            assertThat(allHistogram).isEqualTo(histogram);
            assertThat(bits(exposureWithoutHistogram)).as("skipping the histogram changes no statistic")
                    .isEqualTo(bits(exposure));
            assertThat(bits(allWithoutHistogram)).as("skipping the histogram changes no fused output")
                    .isEqualTo(bits(all));
        }
    }
}
