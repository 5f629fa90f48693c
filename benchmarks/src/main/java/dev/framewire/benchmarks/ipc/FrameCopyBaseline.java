package dev.framewire.benchmarks.ipc;

import dev.framewire.core.codec.RawMemory;
import dev.framewire.core.process.PayloadArena;
import dev.framewire.core.process.RunDirectory;
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

import java.util.concurrent.TimeUnit;

/**
 * The yardstick of the IPC target: one memory copy of a payload between two warm off-heap buffers ({@code copy}).
 * Moving a frame between processes should cost no more than this. {@code copyIntoArenaSlot} is the same copy into a
 * warm slot of a {@link PayloadArena} in the default run directory parent (tmpfs where there is one): the one copy
 * the arena transport pays, without the channel, so a gap between the two would be the mapping's (page faults,
 * write-back), not the queue's.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {IpcJvm.OPEN_REFLECT, IpcJvm.OPEN_LANG, IpcJvm.OPEN_NIO, IpcJvm.EXPORT_NIO_CH,
        IpcJvm.EXPORT_REF, IpcJvm.EXPORT_MISC, IpcJvm.NO_ANALYTICS})
public class FrameCopyBaseline {
    @Param({"64", "4096", "1048576", "36000000"})
    public int payloadBytes;

    private long from;
    private long to;
    private RunDirectory run;
    private PayloadArena arena;
    private long slot;

    @Setup(Level.Trial)
    public void allocate() {
        from = RawMemory.allocate(payloadBytes);
        to = RawMemory.allocate(payloadBytes);
        RawMemory.fill(from, payloadBytes, (byte) 1);
        RawMemory.fill(to, payloadBytes, (byte) 2);
        run = RunDirectory.create(RunDirectory.defaultParent());
        arena = PayloadArena.create(run.path().resolve("arena"), payloadBytes, 1);
        slot = arena.address(arena.offsetOf(0));
        RawMemory.fill(slot, payloadBytes, (byte) 2);
    }

    @Benchmark
    public long copy() {
        RawMemory.copy(from, to, payloadBytes);
        return to;
    }

    @Benchmark
    public long copyIntoArenaSlot() {
        RawMemory.copy(from, slot, payloadBytes);
        return slot;
    }

    @TearDown(Level.Trial)
    public void free() {
        RawMemory.free(from);
        RawMemory.free(to);
        arena.close();
        run.delete();
    }
}
