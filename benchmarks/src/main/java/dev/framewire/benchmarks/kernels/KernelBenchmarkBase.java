package dev.framewire.benchmarks.kernels;

import org.bytedeco.javacpp.Pointer;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the kernel benchmarks share, so their figures stay comparable: one run configuration (average time in
 * milliseconds, 3 x 1 s warm-up, 5 x 1 s measured, one fork with a 2 GB heap; JMH reads these annotations from the
 * superclass) and the native scratch objects (OpenCV {@code Mat}s, JavaCPP pointers) each one allocates once per trial
 * and must close at its end.
 *
 * <p>The photo itself is {@link PhotoFrameState}, shared by all threads of a benchmark; the scratch objects are
 * written by the OpenCV chains, so they belong to each thread, here.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public abstract class KernelBenchmarkBase {
    private final List<Pointer> scratch = new ArrayList<>();

    /** Registers {@code pointer} (allocated in a trial-level setup) to be closed when the trial ends. */
    protected final <P extends Pointer> P scratch(P pointer) {
        scratch.add(pointer);
        return pointer;
    }

    @TearDown(Level.Trial)
    public void closeScratch() {
        for (Pointer pointer : scratch) {
            pointer.close();
        }
        scratch.clear();
    }
}
