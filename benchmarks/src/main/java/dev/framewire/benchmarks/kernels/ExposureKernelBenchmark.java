package dev.framewire.benchmarks.kernels;

import dev.framewire.analyzers.ExposureAnalyzer;
import dev.framewire.analyzers.ExposureResult;
import dev.framewire.analyzers.KernelBackend;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

import static org.bytedeco.opencv.global.opencv_core.mean;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.calcHist;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

/**
 * Exposure statistics of one photo, single-threaded: mean luminance, clipped shadows and highlights and the 256-bin
 * histogram. Native kernel, pure-Java twin, and the OpenCV chain (cvtColor to gray, calcHist, mean; the clip
 * fractions are read off the histogram's end bins). OpenCV's gray is rounded to 8 bits first, so its bins can
 * differ by one from the exact ones.
 */
public class ExposureKernelBenchmark extends KernelBenchmarkBase {
    private final ExposureAnalyzer nativeKernel = ExposureAnalyzer.using(KernelBackend.NATIVE);
    private final ExposureAnalyzer javaKernel = ExposureAnalyzer.using(KernelBackend.JAVA);
    private Mat gray;
    private Mat histogram;
    private Mat noMask;
    private IntPointer channels;
    private IntPointer bins;
    private FloatPointer range;

    @Setup(Level.Trial)
    public void allocate() {
        gray = scratch(new Mat());
        histogram = scratch(new Mat());
        noMask = scratch(new Mat());
        channels = scratch(new IntPointer(1).put(0));
        bins = scratch(new IntPointer(1).put(256));
        range = scratch(new FloatPointer(0f, 256f));
    }

    @Benchmark
    public ExposureResult nativeKernel(PhotoFrameState photo) {
        return nativeKernel.analyze(photo.frame);
    }

    @Benchmark
    public ExposureResult javaKernel(PhotoFrameState photo) {
        return javaKernel.analyze(photo.frame);
    }

    @Benchmark
    public void opencvChain(PhotoFrameState photo, Blackhole sink) {
        cvtColor(photo.mat, gray, COLOR_BGR2GRAY);
        calcHist(gray, 1, channels, noMask, histogram, 1, bins, range);
        double pixels = gray.total();
        FloatPointer counts = new FloatPointer(histogram.data());
        double shadows = 0;
        for (int b = 0; b <= 5; b++) { // gray <= 5 is Y < 5.1 after rounding
            shadows += counts.get(b);
        }
        double highlights = 0;
        for (int b = 250; b < 256; b++) {
            highlights += counts.get(b);
        }
        sink.consume(mean(gray).get(0) / 255);
        sink.consume(shadows / pixels);
        sink.consume(highlights / pixels);
    }
}
