package dev.framewire.core.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * How to run: immutable; each {@code with...} returns a copy.
 *
 * <ul>
 *   <li>{@link #timeout()}: how long the whole run may take (default: no limit);</li>
 *   <li>{@link #failFast()}: stop at the first error outcome and throw (default: off, errors flow to the sinks);</li>
 *   <li>{@link #channelCapacity()}: messages an edge buffers before its producer waits (default 1024): room for
 *       batches of small messages, which is what makes hand-offs between threads cheap;</li>
 *   <li>{@link #frameCapacity()}: messages carrying off-heap frames an edge buffers (default 4), the bound on memory
 *       for image pipelines: at most about {@code frame-carrying edges x (frameCapacity + 1)} frames are alive;</li>
 *   <li>{@link #recordLatency()}: per-item timing and latency histograms (default on; adaptive sampling keeps its
 *       cost low, see the run report);</li>
 *   <li>{@link #maxRecordedErrors()}: errors kept in the report (all are counted).</li>
 * </ul>
 */
public final class RunOptions {
    private static final RunOptions DEFAULTS = new RunOptions(null, false, 1024, 4, true, 10_000);

    private final Duration timeout;
    private final boolean failFast;
    private final int channelCapacity;
    private final int frameCapacity;
    private final boolean recordLatency;
    private final int maxRecordedErrors;

    private RunOptions(Duration timeout, boolean failFast, int channelCapacity, int frameCapacity, boolean recordLatency,
                       int maxRecordedErrors) {
        this.timeout = timeout;
        this.failFast = failFast;
        this.channelCapacity = channelCapacity;
        this.frameCapacity = frameCapacity;
        this.recordLatency = recordLatency;
        this.maxRecordedErrors = maxRecordedErrors;
    }

    public static RunOptions defaults() {
        return DEFAULTS;
    }

    /** The time limit, or {@code null} for none. */
    public Duration timeout() {
        return timeout;
    }

    public boolean failFast() {
        return failFast;
    }

    public int channelCapacity() {
        return channelCapacity;
    }

    public int frameCapacity() {
        return frameCapacity;
    }

    public boolean recordLatency() {
        return recordLatency;
    }

    public int maxRecordedErrors() {
        return maxRecordedErrors;
    }

    /** @param timeout positive, or {@code null} for no limit */
    public RunOptions withTimeout(Duration timeout) {
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        return new RunOptions(timeout, failFast, channelCapacity, frameCapacity, recordLatency, maxRecordedErrors);
    }

    public RunOptions withFailFast(boolean failFast) {
        return new RunOptions(timeout, failFast, channelCapacity, frameCapacity, recordLatency, maxRecordedErrors);
    }

    /** @param capacity messages per edge, 1..2^24 (rounded up to a power of two by the thread engine) */
    public RunOptions withChannelCapacity(int capacity) {
        if (capacity < 1 || capacity > (1 << 24)) {
            throw new IllegalArgumentException("channel capacity must be in 1..2^24, got " + capacity);
        }
        return new RunOptions(timeout, failFast, capacity, frameCapacity, recordLatency, maxRecordedErrors);
    }

    /** @param capacity frame-carrying messages per edge, at least 1 */
    public RunOptions withFrameCapacity(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("frame capacity must be at least 1, got " + capacity);
        }
        return new RunOptions(timeout, failFast, channelCapacity, capacity, recordLatency, maxRecordedErrors);
    }

    public RunOptions withRecordLatency(boolean record) {
        return new RunOptions(timeout, failFast, channelCapacity, frameCapacity, record, maxRecordedErrors);
    }

    public RunOptions withMaxRecordedErrors(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("maxRecordedErrors must be >= 0, got " + max);
        }
        return new RunOptions(timeout, failFast, channelCapacity, frameCapacity, recordLatency, max);
    }

    @Override
    public String toString() {
        return "RunOptions[timeout=" + timeout + ", failFast=" + failFast + ", channelCapacity=" + channelCapacity
                + ", frameCapacity=" + frameCapacity + ", recordLatency=" + recordLatency
                + ", maxRecordedErrors=" + maxRecordedErrors + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunOptions r && Objects.equals(timeout, r.timeout) && failFast == r.failFast
                && channelCapacity == r.channelCapacity && frameCapacity == r.frameCapacity
                && recordLatency == r.recordLatency && maxRecordedErrors == r.maxRecordedErrors;
    }

    @Override
    public int hashCode() {
        return Objects.hash(timeout, failFast, channelCapacity, frameCapacity, recordLatency, maxRecordedErrors);
    }
}
