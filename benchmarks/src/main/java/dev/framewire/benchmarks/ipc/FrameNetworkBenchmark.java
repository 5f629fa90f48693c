package dev.framewire.benchmarks.ipc;

import dev.framewire.core.codec.RawMemory;
import dev.framewire.core.engine.RunOptions;
import dev.framewire.core.engine.RunReport;
import dev.framewire.core.engine.ThreadEngine;
import dev.framewire.core.frame.Frame;
import dev.framewire.core.frame.PixelOrder;
import dev.framewire.core.network.Network;
import dev.framewire.core.network.NetworkBuilder;
import dev.framewire.core.process.ProcessEngine;
import dev.framewire.core.process.ProcessReport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.util.stream.IntStream;

/**
 * A frame-heavy network under threads and under processes: 4000x3000 BGR frames (36 MB) broadcast to three
 * analyzers that each read a quarter of the bytes, joined by MergeSynch into a sink. One JMH operation is one whole
 * run of {@value #FRAMES} frames, child start-up included; each run also prints its steady-state rate (frames per
 * second between the first and the last frame at the sink), which leaves start-up out.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {IpcJvm.OPEN_REFLECT, IpcJvm.OPEN_LANG, IpcJvm.OPEN_NIO, IpcJvm.EXPORT_NIO_CH,
        IpcJvm.EXPORT_REF, IpcJvm.EXPORT_MISC, IpcJvm.NO_ANALYTICS})
public class FrameNetworkBenchmark {
    static final int FRAMES = 60;
    static final int WIDTH = 4000;
    static final int HEIGHT = 3000;

    @Param({"threads", "processes"})
    public String engine;

    private Frame[] pool;
    private Network network;
    private final long[] firstAndLast = new long[2];

    /** Reads every 4th byte of the frame: a stand-in for an analyzer's pass over the pixels. */
    static double scan(Frame f, int phase) {
        long base = f.address();
        long n = f.byteSize();
        long sum = 0;
        for (long i = phase; i < n; i += 4) {
            sum += RawMemory.getByte(base + i) & 0xFF;
        }
        return sum / (double) (n / 4);
    }

    @Setup(Level.Trial)
    public void build() {
        pool = new Frame[3];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = Frame.allocate(WIDTH, HEIGHT, PixelOrder.BGR);
            RawMemory.fill(pool[i].address(), pool[i].byteSize(), (byte) (40 * i + 1));
        }
        NetworkBuilder b = Network.builder("frames");
        Frame[] frames = pool;
        var source = b.source("frames", Frame.class, () -> IntStream.range(0, FRAMES)
                .mapToObj(i -> frames[i % frames.length].retain()).iterator());
        var sharp = b.transform("sharpness", source.out(), Double.class, f -> scan(f, 0));
        var expo = b.transform("exposure", source.out(), Double.class, f -> scan(f, 1));
        var comp = b.transform("composition", source.out(), Double.class, f -> scan(f, 2));
        var merged = b.mergeSynch("verdict", sharp.out(), expo.out(), comp.out(), Double.class, (s, e, c) -> s + e + c);
        long[] times = firstAndLast;
        b.sink("sink", merged.out(), v -> {
            long now = System.nanoTime();
            if (times[0] == 0) {
                times[0] = now;
            }
            times[1] = now;
        });
        network = b.build();
    }

    @Benchmark
    public RunReport run() {
        firstAndLast[0] = 0;
        RunOptions options = RunOptions.defaults().withTimeout(Duration.ofMinutes(5));
        RunReport report = engine.equals("threads")
                ? network.run(new ThreadEngine(), options)
                : network.run(new ProcessEngine(), options);
        double steady = (FRAMES - 1) / ((firstAndLast[1] - firstAndLast[0]) / 1e9);
        Object extra = report.extensions().get(ProcessReport.KEY);
        System.out.printf("%n[%s] run %d ms, steady state %.1f frames/s%s%n", engine, report.elapsed().toMillis(), steady,
                extra instanceof ProcessReport p ? ", child start-up ms " + p.startupMillis() + ", arena copies "
                        + p.arenaCopies() + " reuses " + p.arenaReuses() : "");
        return report;
    }

    @TearDown(Level.Trial)
    public void free() {
        for (Frame f : pool) {
            f.release();
        }
    }
}
