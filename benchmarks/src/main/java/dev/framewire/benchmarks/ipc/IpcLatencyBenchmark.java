package dev.framewire.benchmarks.ipc;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

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
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class IpcLatencyBenchmark extends TransportBenchmarkBase {
    @Benchmark
    public long roundTrip() throws Exception {
        long s = sequence++;
        channel.send(s);
        channel.awaitAck(s);
        return s;
    }
}
