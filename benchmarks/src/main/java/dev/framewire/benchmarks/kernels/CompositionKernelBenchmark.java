package dev.framewire.benchmarks.kernels;

import dev.framewire.analyzers.CompositionAnalyzer;
import dev.framewire.analyzers.CompositionResult;
import dev.framewire.analyzers.KernelBackend;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.SORT_ASCENDING;
import static org.bytedeco.opencv.global.opencv_core.SORT_EVERY_ROW;
import static org.bytedeco.opencv.global.opencv_core.bitwise_and;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_core.magnitude;
import static org.bytedeco.opencv.global.opencv_core.sort;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.Sobel;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;

/**
 * Composition of one photo, single-threaded: Sobel magnitude, its 85th percentile, and the share of strong pixels
 * in the power-point and center zones. Native kernel (two passes, exact selection without a sort), pure-Java twin,
 * and the OpenCV chain: cvtColor, two Sobel into CV_32F, magnitude, a full sort for the percentile (OpenCV has no
 * selection function), threshold and zone counts. {@code opencvSobelMagnitudeOnly} stops after the magnitude: a
 * lower bound for any OpenCV chain, whatever percentile method it used.
 */
public class CompositionKernelBenchmark extends KernelBenchmarkBase {
    private final CompositionAnalyzer nativeKernel = CompositionAnalyzer.using(KernelBackend.NATIVE);
    private final CompositionAnalyzer javaKernel = CompositionAnalyzer.using(KernelBackend.JAVA);
    private Mat gray;
    private Mat alongRows;
    private Mat alongColumns;
    private Mat magnitude;
    private Mat sorted;
    private Mat strong;
    private Mat strong8;
    private Mat thirdsMask;
    private Mat centerMask;
    private Mat inZone;

    @Setup(Level.Trial)
    public void allocate(PhotoFrameState photo) {
        gray = scratch(new Mat());
        alongRows = scratch(new Mat());
        alongColumns = scratch(new Mat());
        magnitude = scratch(new Mat());
        sorted = scratch(new Mat());
        strong = scratch(new Mat());
        strong8 = scratch(new Mat());
        inZone = scratch(new Mat());
        int h = photo.frame.height();
        int w = photo.frame.width();
        thirdsMask = scratch(new Mat(h, w, CV_8UC1, Scalar.all(0)));
        centerMask = scratch(new Mat(h, w, CV_8UC1, Scalar.all(0)));
        int mh = h / 8;
        int mw = w / 8;
        for (int ph : new int[] {h / 3, 2 * h / 3}) {
            for (int pw : new int[] {w / 3, 2 * w / 3}) {
                int top = Math.max(0, ph - mh);
                int left = Math.max(0, pw - mw);
                thirdsMask.apply(new Rect(left, top, Math.min(w, pw + mw) - left, Math.min(h, ph + mh) - top))
                        .put(Scalar.all(255));
            }
        }
        centerMask.apply(new Rect(w / 4, h / 4, 3 * w / 4 - w / 4, 3 * h / 4 - h / 4)).put(Scalar.all(255));
    }

    @Benchmark
    public CompositionResult nativeKernel(PhotoFrameState photo) {
        return nativeKernel.analyze(photo.frame);
    }

    @Benchmark
    public CompositionResult javaKernel(PhotoFrameState photo) {
        return javaKernel.analyze(photo.frame);
    }

    @Benchmark
    public Mat opencvSobelMagnitudeOnly(PhotoFrameState photo) {
        cvtColor(photo.mat, gray, COLOR_BGR2GRAY);
        Sobel(gray, alongRows, CV_32F, 0, 1);
        Sobel(gray, alongColumns, CV_32F, 1, 0);
        magnitude(alongRows, alongColumns, magnitude);
        return magnitude;
    }

    @Benchmark
    public void opencvChain(PhotoFrameState photo, Blackhole sink) {
        opencvSobelMagnitudeOnly(photo);
        long n = magnitude.total();
        try (Mat flat = magnitude.reshape(1, 1)) {
            sort(flat, sorted, SORT_EVERY_ROW | SORT_ASCENDING);
        }
        FloatPointer values = new FloatPointer(sorted.data());
        double position = 0.85 * (n - 1);
        long lo = (long) Math.floor(position);
        double low = values.get(lo);
        double high = values.get(Math.min(lo + 1, n - 1));
        double t = low + (high - low) * (position - lo);
        threshold(magnitude, strong, t, 255, THRESH_BINARY);
        strong.convertTo(strong8, CV_8U);
        int strongPixels = countNonZero(strong8);
        bitwise_and(strong8, thirdsMask, inZone);
        int thirds = countNonZero(inZone);
        bitwise_and(strong8, centerMask, inZone);
        int center = countNonZero(inZone);
        sink.consume(t);
        sink.consume(strongPixels == 0 ? 0 : thirds / (double) strongPixels);
        sink.consume(strongPixels == 0 ? 0 : center / (double) strongPixels);
    }
}
