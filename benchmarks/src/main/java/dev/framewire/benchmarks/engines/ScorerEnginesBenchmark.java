package dev.framewire.benchmarks.engines;

import dev.framewire.analyzers.decode.PhotoDecoder;
import dev.framewire.benchmarks.support.BenchmarkPhotos;
import dev.framewire.core.engine.RunReport;
import dev.framewire.core.frame.Frame;
import dev.framewire.core.network.Network;
import dev.framewire.core.process.ProcessEngine;
import dev.framewire.examples.input.InputException;
import dev.framewire.examples.input.PhotoInput;
import dev.framewire.examples.input.PhotoInputs;
import dev.framewire.examples.scorer.EngineMode;
import dev.framewire.examples.scorer.Engines;
import dev.framewire.examples.scorer.FailedPhoto;
import dev.framewire.examples.scorer.PhotoOutcome;
import dev.framewire.examples.scorer.ScorerNetwork;
import dev.framewire.examples.scorer.ScoringWeights;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The photo scorer, end to end (decode, three analyzers, MergeSynch, verdict, a counting sink), on a folder of
 * {@value #PHOTOS} seeded JPEGs from {@link BenchmarkPhotos}, under each engine: photos per second. The baseline,
 * {@code engine=baselineDecodeOnly}, decodes the same folder and nothing else, on the calling thread, so the ratio says what the analyzers and the
 * framework add on top of the decoder (and what the engine's parallelism buys back on two cores).
 *
 * <p>{@code engine=processes} keeps one {@link ProcessEngine#warm warm} process engine per trial (made in the trial's
 * set-up, closed in its tear-down), so its child JVMs start once, in the first warm-up invocation, and the
 * measurement is the steady state of a long-lived scorer; {@code engine=processesCold} starts and ends the children in
 * every invocation, as a one-off {@code framewire score --mode processes} does, so the difference is what cold start
 * costs per folder of {@value #PHOTOS}.
 *
 * <p>One invocation scores the whole folder; the score is per photo ({@code @OperationsPerInvocation}).
 * Photos are cached under the system property {@code framewire.benchPhotos} (default {@code target/bench-photos}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(ScorerEnginesBenchmark.PHOTOS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
        "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
        "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED", "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
        "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "-Dchronicle.analytics.disable=true"})
public class ScorerEnginesBenchmark {
    static final int PHOTOS = 12;

    @Param({"640x480", "4000x3000"})
    public String size;

    /**
     * The engine, or {@code baselineDecodeOnly}: decode the folder on the calling thread and nothing else;
     * {@code processes} is a warm engine kept for the trial, {@code processesCold} new children every invocation.
     */
    @Param({"baselineDecodeOnly", "sequential", "threads", "processes", "processesCold"})
    public String engine;

    static final String DECODE_ONLY = "baselineDecodeOnly";
    static final String PROCESSES_COLD = "processesCold";

    /** The warm process engine of this trial ({@code engine=processes}), else null. */
    private ProcessEngine warm;

    private List<Path> files;
    private List<PhotoInput> inputs;
    private ScorerNetwork.Settings settings;
    private final PhotoDecoder decoder = PhotoDecoder.create();

    @Setup(Level.Trial)
    public void photos() {
        Path cache = Path.of(System.getProperty("framewire.benchPhotos", "target/bench-photos"));
        files = BenchmarkPhotos.ensure(cache, BenchmarkPhotos.PhotoSize.parse(size), PHOTOS);
        inputs = inputs(files);
        if (engine.equals(DECODE_ONLY)) {
            return;
        }
        EngineMode mode = engine.equals(PROCESSES_COLD) ? EngineMode.PROCESSES
                : EngineMode.valueOf(engine.toUpperCase(Locale.ROOT));
        if (engine.equals("processes")) {
            warm = Engines.warmProcessEngine();
        }
        int workers = mode == EngineMode.SEQUENTIAL ? 1 : Runtime.getRuntime().availableProcessors();
        settings = new ScorerNetwork.Settings(mode, workers, ScoringWeights.DEFAULT, 100_000_000L, null,
                Duration.ofMinutes(5), 2 * workers + 2);
    }

    @TearDown(Level.Trial)
    public void closeEngine() {
        if (warm != null) {
            warm.close();
            warm = null;
        }
    }

    @Benchmark
    public Object scoreFolder(Blackhole bh) throws Exception {
        if (engine.equals(DECODE_ONLY)) {
            decodeOnly(bh);
            return null;
        }
        LongAdder scored = new LongAdder();
        List<String> failures = new ArrayList<>();
        Network network = ScorerNetwork.build(inputs, settings,
                List.of(new ScorerNetwork.NamedSink("count", outcome -> count(outcome, scored, failures))), null);
        RunReport report = warm != null ? ScorerNetwork.run(network, settings, warm) : ScorerNetwork.run(network, settings);
        if (scored.sum() != PHOTOS) {
            throw new IllegalStateException("scored " + scored.sum() + " of " + PHOTOS + " photos under " + engine
                    + "; failures: " + failures);
        }
        return report;
    }

    /** Decoding alone, one photo after another on this thread: what end-to-end is measured against. */
    private void decodeOnly(Blackhole bh) throws Exception {
        for (Path file : files) {
            try (Frame frame = decoder.decode(file)) {
                bh.consume(frame.width());
            }
        }
    }

    /** The photos as the scorer's inputs, in order, found as the command line finds files given by name. */
    static List<PhotoInput> inputs(List<Path> files) {
        try {
            return PhotoInputs.discover(files.stream().map(Path::toString).toList(), false);
        } catch (InputException e) {
            throw new IllegalStateException("benchmark photos: " + e.getMessage(), e);
        }
    }

    /** The counting sink: a scored photo adds one to {@code scored}, a failed one its line to {@code failures}. */
    static void count(PhotoOutcome outcome, LongAdder scored, List<String> failures) {
        if (outcome instanceof FailedPhoto failed) {
            synchronized (failures) {
                failures.add(failed.toString());
            }
        } else {
            scored.increment();
        }
    }
}
