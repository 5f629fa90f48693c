package dev.framewire.benchmarks.ipc;

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
 * Latency of handing one payload to a peer and getting its acknowledgement: a round trip, sampled by JMH
 * (p50/p99/p99.9 of the round trip); the peer also prints the one-way latency percentiles of the payload leg at the
 * end of each trial ("one-way latency over N messages: ..."), measured with the system-wide monotonic clock.
 *
 * <p>{@code chronicle}: framewire's channel between two JVMs, the payload encoded into the queue; {@code arena}: the
 * payload copied into a recycled arena slot and its offset sent through the queue (the engine's way for frames); {@code threads}: two threads of one JVM passing a
 * reference; {@code socket}: a Unix-domain socket between two JVMs (the OS baseline).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {IpcJvm.OPEN_REFLECT, IpcJvm.OPEN_LANG, IpcJvm.OPEN_NIO, IpcJvm.EXPORT_NIO_CH,
        IpcJvm.EXPORT_REF, IpcJvm.EXPORT_MISC, IpcJvm.NO_ANALYTICS})
public class IpcLatencyBenchmark {
    @Param({"chronicle", "arena", "threads", "socket"})
    public String transport;

    /** 64 B, 4 KB, 1 MB and a 36 MB frame (4000x3000 BGR). */
    @Param({"64", "4096", "1048576", "36000000"})
    public int payloadBytes;

    private Transport channel;
    private long sequence;

    @Setup(Level.Trial)
    public void open() throws Exception {
        channel = Transport.open(transport, payloadBytes);
        sequence = 0;
    }

    @Benchmark
    public long roundTrip() throws Exception {
        long s = sequence++;
        channel.send(s);
        channel.awaitAck(s);
        return s;
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        try {
            System.out.println();
            System.out.println("[" + transport + ", " + payloadBytes + " B] " + channel.finish());
        } finally {
            channel.close();
        }
    }
}
