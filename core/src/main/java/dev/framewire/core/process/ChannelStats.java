package dev.framewire.core.process;

import org.HdrHistogram.Histogram;

/**
 * What one end of a channel moved: items, payload bytes, and a latency histogram in nanoseconds (time to append
 * for a writer; one-way latency from append to read for a reader, comparable across processes because both use
 * the system-wide monotonic clock).
 *
 * <p>Written by the channel's one thread; read by others only after that thread stopped (the engine reads it
 * after joining its workers), so it needs no synchronization.
 */
public final class ChannelStats {
    private final String channel;
    private long items;
    private long bytes;
    private final Histogram latencyNanos = new Histogram(2);

    ChannelStats(String channel) {
        this.channel = channel;
    }

    void record(long messageBytes, long nanos) {
        items++;
        bytes += messageBytes;
        latencyNanos.recordValue(Math.max(0, nanos));
    }

    public String channel() {
        return channel;
    }

    public long items() {
        return items;
    }

    public long bytes() {
        return bytes;
    }

    /** The histogram itself; copy it before handing it to another thread that may keep it. */
    public Histogram latencyNanos() {
        return latencyNanos;
    }

    @Override
    public String toString() {
        return channel + ": " + items + " items, " + bytes + " bytes, p50 " + latencyNanos.getValueAtPercentile(50)
                + " ns, p99 " + latencyNanos.getValueAtPercentile(99) + " ns";
    }
}
