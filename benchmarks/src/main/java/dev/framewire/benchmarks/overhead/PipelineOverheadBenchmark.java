package dev.framewire.benchmarks.overhead;

import dev.framewire.core.engine.Engine;
import dev.framewire.core.engine.RunOptions;
import dev.framewire.core.network.Network;
import dev.framewire.core.network.NetworkBuilder;
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
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Items per second through source, three trivial transforms and a sink: the per-item cost of the engine alone.
 * Score is items/s (one operation = one item).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PipelineOverheadBenchmark {

    @Param({"sequential", "threads"})
    public String engine;

    /** Per-item latency histograms on (the default) or off. */
    @Param({"true"})
    public boolean recordLatency;

    /** Messages per edge; the engine's default unless overridden with {@code -p channelCapacity=N}. */
    @Param({"0"})
    public int channelCapacity;

    private Network network;
    private Engine runner;
    private RunOptions options;
    private final LongAdder delivered = new LongAdder();

    @Setup(Level.Trial)
    public void wire() {
        List<Long> items = OverheadInputs.items();
        NetworkBuilder b = Network.builder("pipeline");
        var source = b.source("source", Long.class, items);
        var first = b.transform("first", source.out(), Long.class, x -> x);
        var second = b.transform("second", first.out(), Long.class, x -> x);
        var third = b.transform("third", second.out(), Long.class, x -> x);
        b.sink("sink", third.out(), x -> delivered.increment());
        network = b.build();
        runner = OverheadInputs.engine(engine);
        options = RunOptions.defaults().withRecordLatency(recordLatency);
        if (channelCapacity > 0) {
            options = options.withChannelCapacity(channelCapacity);
        }
    }

    @Benchmark
    @OperationsPerInvocation(OverheadInputs.ITEMS)
    public long threeStagePipeline() {
        return network.run(runner, options).node("sink").itemsOut();
    }
}
