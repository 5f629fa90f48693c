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

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Items per second through the photo scorer's shape with trivial functions: one source broadcast to three
 * transforms, joined by MergeSynch, into a sink. Score is source items/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BroadcastMergeSynchOverheadBenchmark {

    @Param({"sequential", "threads"})
    public String engine;

    private Network network;
    private Engine runner;
    private final LongAdder delivered = new LongAdder();

    @Setup(Level.Trial)
    public void wire() {
        NetworkBuilder b = Network.builder("broadcast3");
        var source = b.source("source", Long.class, OverheadInputs.items());
        var a = b.transform("a", source.out(), Long.class, x -> x);
        var c = b.transform("b", source.out(), Long.class, x -> x);
        var d = b.transform("c", source.out(), Long.class, x -> x);
        var merged = b.mergeSynch("merge", a.out(), c.out(), d.out());
        b.sink("sink", merged.out(), m -> delivered.increment());
        network = b.build();
        runner = OverheadInputs.engine(engine);
    }

    @Benchmark
    @OperationsPerInvocation(OverheadInputs.ITEMS)
    public long broadcastThreeThenMergeSynch() {
        return network.run(runner, RunOptions.defaults()).node("sink").itemsOut();
    }
}
