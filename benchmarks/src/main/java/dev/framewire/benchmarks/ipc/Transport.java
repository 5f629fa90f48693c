package dev.framewire.benchmarks.ipc;

/**
 * One way of handing a payload from a sender to an echo peer, which acknowledges every message with its sequence
 * number and records its one-way latency (the sender's {@link System#nanoTime()} travels with the message; the
 * clock is system-wide, so this holds across processes).
 *
 * <p>Single sender thread.
 */
interface Transport extends AutoCloseable {
    /** Sends message {@code sequence} (sequences start at 0 and grow by 1). */
    void send(long sequence) throws Exception;

    /** The highest sequence acknowledged so far, -1 before the first; busy-polls without blocking. */
    long acknowledged() throws Exception;

    /** Stops the peer and returns its one-way latency summary ("p50 ... ns"). */
    String finish() throws Exception;

    @Override
    void close() throws Exception;

    /** Waits until {@code sequence} is acknowledged. */
    default void awaitAck(long sequence) throws Exception {
        while (acknowledged() < sequence) {
            Thread.onSpinWait();
        }
    }

    static Transport open(String kind, int payloadBytes) throws Exception {
        return switch (kind) {
            case "chronicle" -> new ChronicleTransport(payloadBytes, false);
            case "arena" -> new ChronicleTransport(payloadBytes, true);
            case "threads" -> new ThreadTransport(payloadBytes);
            case "socket" -> new SocketTransport(payloadBytes);
            default -> throw new IllegalArgumentException("unknown transport " + kind);
        };
    }

    /** A one-line summary of one-way latencies. */
    static String summary(org.HdrHistogram.Histogram h) {
        return String.format("one-way latency over %d messages: p50 %.1f us, p99 %.1f us, p99.9 %.1f us, max %.1f us",
                h.getTotalCount(), h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3,
                h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3);
    }
}
