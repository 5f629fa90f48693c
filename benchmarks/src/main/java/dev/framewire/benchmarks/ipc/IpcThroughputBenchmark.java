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
 * Messages per second streamed to a peer with a bounded window of unacknowledged messages (256 or 256 MB, whichever
 * is fewer): the sender waits only when the window is full. Multiply by the payload for bytes per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {IpcJvm.OPEN_REFLECT, IpcJvm.OPEN_LANG, IpcJvm.OPEN_NIO, IpcJvm.EXPORT_NIO_CH,
        IpcJvm.EXPORT_REF, IpcJvm.EXPORT_MISC, IpcJvm.NO_ANALYTICS})
public class IpcThroughputBenchmark {
    @Param({"chronicle", "arena", "threads", "socket"})
    public String transport;

    @Param({"64", "4096", "1048576", "36000000"})
    public int payloadBytes;

    private Transport channel;
    private long sequence;
    private int window;

    @Setup(Level.Trial)
    public void open() throws Exception {
        channel = Transport.open(transport, payloadBytes);
        sequence = 0;
        window = ChronicleTransport.window(payloadBytes);
    }

    @Benchmark
    public long send() throws Exception {
        long s = sequence++;
        while (s - channel.acknowledged() > window) {
            Thread.onSpinWait();
        }
        channel.send(s);
        return s;
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        try {
            channel.awaitAck(sequence - 1);
            System.out.println();
            System.out.println("[" + transport + ", " + payloadBytes + " B] " + channel.finish());
        } finally {
            channel.close();
        }
    }
}
