package dev.framewire.benchmarks.ipc;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;

import java.util.concurrent.TimeUnit;

/**
 * Messages per second streamed to a peer with a bounded window of unacknowledged messages (256 or 256 MB, whichever
 * is fewer): the sender waits only when the window is full. Multiply by the payload for bytes per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class IpcThroughputBenchmark extends TransportBenchmarkBase {
    private int window;

    @Setup(Level.Trial)
    public void sizeWindow() {
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

    /** The window may still be in flight; wait for the last message so the peer's summary covers them all. */
    @Override
    void beforeFinish() throws Exception {
        channel.awaitAck(sequence - 1);
    }
}
