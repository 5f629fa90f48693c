package dev.framewire.benchmarks.kernels;

import dev.framewire.analyzers.CompositionAnalyzer;
import dev.framewire.analyzers.ExposureAnalyzer;
import dev.framewire.analyzers.KernelBackend;
import dev.framewire.analyzers.PhotoAnalysis;
import dev.framewire.analyzers.PhotoAnalyzer;
import dev.framewire.analyzers.SharpnessAnalyzer;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * All three analyses of one photo, single-threaded: the fused native call ({@code fw_analyze_all}, which converts
 * each row to luminance once and feeds all three), the three native analyzers one after the other (what fusing
 * saves), and the fused pure-Java twin. Compare with {@link MemoryBandwidthBenchmark} on the same photo.
 */
public class FusedAnalyzerBenchmark extends KernelBenchmarkBase {
    private final PhotoAnalyzer fusedNative = PhotoAnalyzer.using(KernelBackend.NATIVE);
    private final PhotoAnalyzer fusedJava = PhotoAnalyzer.using(KernelBackend.JAVA);
    private final SharpnessAnalyzer sharpness = SharpnessAnalyzer.using(KernelBackend.NATIVE);
    private final ExposureAnalyzer exposure = ExposureAnalyzer.using(KernelBackend.NATIVE);
    private final CompositionAnalyzer composition = CompositionAnalyzer.using(KernelBackend.NATIVE);

    @Benchmark
    public PhotoAnalysis nativeFused(PhotoFrameState photo) {
        return fusedNative.analyze(photo.frame);
    }

    @Benchmark
    public PhotoAnalysis nativeSeparate(PhotoFrameState photo) {
        return new PhotoAnalysis(sharpness.analyze(photo.frame), exposure.analyze(photo.frame),
                composition.analyze(photo.frame));
    }

    @Benchmark
    public PhotoAnalysis javaFused(PhotoFrameState photo) {
        return fusedJava.analyze(photo.frame);
    }
}
