package dev.framewire.core.engine;

import dev.framewire.core.network.Node;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.List;

/**
 * Counters of one node, or of one thread of a node. <b>Single writer:</b> only the thread that owns it updates it;
 * it is read after that thread has been joined (which orders the reads after the writes).
 */
final class NodeMetrics {
    long in;
    long out;
    long dropped;
    long errors;
    long busyNanos;
    long waitNanos;
    long blockedNanos;
    final Histogram latency;

    NodeMetrics(boolean recordLatency) {
        this.latency = recordLatency ? new Histogram(3) : null;
    }

    void busy(long nanos) {
        busyNanos += nanos;
        if (latency != null && nanos >= 0) {
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
