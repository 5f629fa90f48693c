package dev.framewire.benchmarks.ipc;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@link IpcLatencyBenchmark} and {@link IpcThroughputBenchmark} share, so the two measure the same channels
 * the same way: the transports and payload sizes, the run configuration (JMH reads these annotations from the
 * superclass; the mode and time unit stay on each suite), and one {@link Transport} per trial whose peer prints its
 * one-way latency summary when the trial ends.
 */
@State(Scope.Thread)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {IpcJvm.OPEN_REFLECT, IpcJvm.OPEN_LANG, IpcJvm.OPEN_NIO, IpcJvm.EXPORT_NIO_CH,
        IpcJvm.EXPORT_REF, IpcJvm.EXPORT_MISC, IpcJvm.NO_ANALYTICS})
public abstract class TransportBenchmarkBase {
    @Param({"chronicle", "arena", "threads", "socket"})
    public String transport;

    /** 64 B, 4 KB, 1 MB and a 36 MB frame (4000x3000 BGR). */
    @Param({"64", "4096", "1048576", "36000000"})
    public int payloadBytes;

    Transport channel;
    /** The next message's sequence number. */
    long sequence;

    @Setup(Level.Trial)
    public void open() throws Exception {
        channel = Transport.open(transport, payloadBytes);
        sequence = 0;
    }

    /** Runs before the peer is stopped: a suite that leaves messages in flight waits for them here. */
    void beforeFinish() throws Exception {
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        try {
            beforeFinish();
            System.out.println();
            System.out.println("[" + transport + ", " + payloadBytes + " B] " + channel.finish());
        } finally {
            channel.close();
        }
    }
}
