package dev.framewire.core.engine;

import dev.framewire.core.network.Node;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.List;

/**
 * Counters of one node, or of one thread of a node. <b>Single writer:</b> only the thread that owns it updates it;
 * it is read after that thread has been joined (which orders the reads after the writes).
 *
 * <p><b>Adaptive timing.</b> Reading the clock costs some 25-50 ns, more than a trivial node function, so items are
 * timed adaptively: after an item that took at least {@value #SLOW_NANOS} ns every next item is timed (exact busy
 * time and percentiles where they matter: real work, where the clock costs under 1%); after a faster one, only one
 * item in {@value #SAMPLE_INTERVAL} is, and it stands for the items in between (weighted in the busy time and in
 * the histogram). Use {@link #startTiming()} before and {@link #timed(long)} after a node function.
 */
final class NodeMetrics {
    static final long SLOW_NANOS = 5_000;
    static final int SAMPLE_INTERVAL = 16;

    long in;
    long out;
    long dropped;
    long errors;
    long busyNanos;
    long waitNanos;
    long blockedNanos;
    final Histogram latency;
    private int countdown = 1;
    private int weight = 1;

    NodeMetrics(boolean recordLatency) {
        this.latency = recordLatency ? new Histogram(3) : null;
    }

    /** Whether to time the next item (then call {@link #timed(long)} with its duration). */
    boolean startTiming() {
        return latency != null && --countdown <= 0;
    }

    /** Records a sampled item's duration, standing for the items since the previous sample. */
    void timed(long nanos) {
        if (nanos < 0) {
            nanos = 0;
        }
        busyNanos += nanos * weight;
        latency.recordValueWithCount(nanos, weight);
        int next = nanos >= SLOW_NANOS ? 1 : SAMPLE_INTERVAL;
        countdown = next;
        weight = next;
    }

    /** Records one item's duration measured anyway (staged transforms time every item at submit and completion). */
    void busy(long nanos) {
        if (nanos < 0) {
            nanos = 0;
        }
        busyNanos += nanos;
        if (latency != null) {
            latency.recordValue(nanos);
        }
    }

    static NodeReport report(Node node, List<NodeMetrics> parts) {
        long in = 0, out = 0, dropped = 0, errors = 0, busy = 0, wait = 0, blocked = 0;
        Histogram latency = new Histogram(3);
        for (NodeMetrics m : parts) {
            in += m.in;
            out += m.out;
            dropped += m.dropped;
            errors += m.errors;
            busy += m.busyNanos;
            wait += m.waitNanos;
            blocked += m.blockedNanos;
            if (m.latency != null) {
                latency.add(m.latency);
            }
        }
        return new NodeReport(node.name(), node.kind(), node.workers(), in, out, dropped, errors, Duration.ofNanos(busy),
                Duration.ofNanos(wait), Duration.ofNanos(blocked), latency);
    }
}
