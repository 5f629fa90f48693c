package dev.framewire.core.engine;

import dev.framewire.core.network.NodeKind;
import org.HdrHistogram.Histogram;

import java.time.Duration;

/**
 * What one node did in a run.
 *
 * @param name         node name
 * @param kind         node kind
 * @param workers      replicas run
 * @param itemsIn      messages taken from the inputs (values, drops and errors)
 * @param itemsOut     values emitted (for a sink: values consumed without error)
 * @param dropped      items this node dropped
 * @param errors       error outcomes this node created (its function threw, a merge mismatch, a sink failure)
 * @param busy         time spent inside node functions (summed over replicas; for staged transforms — replicas,
 *                     async, executor-run — time from hand-over to result). Items faster than 5 us are timed one
 *                     in 16 and weighted, so for trivial functions this is an estimate
 * @param queueWait    time the node waited for input
 * @param backPressure time the node waited for room downstream
 * @param latency      per-item time in the node function, in nanoseconds (empty when latency recording is off)
 */
public record NodeReport(String name, NodeKind kind, int workers, long itemsIn, long itemsOut, long dropped, long errors,
                         Duration busy, Duration queueWait, Duration backPressure, Histogram latency) {

    /** The latency at {@code percentile} (0..100), or {@link Duration#ZERO} if nothing was recorded. */
    public Duration latencyAt(double percentile) {
        if (latency.getTotalCount() == 0) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(latency.getValueAtPercentile(percentile));
    }

    @Override
    public String toString() {
        return String.format("%-24s %-16s x%-2d in %9d out %9d drop %6d err %6d busy %9.1f ms wait %9.1f ms"
                        + " blocked %9.1f ms p50 %10.3f us p99 %10.3f us",
                name, kind, workers, itemsIn, itemsOut, dropped, errors, millis(busy), millis(queueWait), millis(backPressure),
                latencyAt(50).toNanos() / 1e3, latencyAt(99).toNanos() / 1e3);
    }

    private static double millis(Duration d) {
        return d.toNanos() / 1e6;
    }
}
