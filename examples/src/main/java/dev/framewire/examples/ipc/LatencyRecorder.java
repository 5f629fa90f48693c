package dev.framewire.examples.ipc;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.DataFormatException;

/**
 * Records one run on the receiving side, in nanoseconds. Two histograms:
 * <ul>
 *   <li>{@code fromIntended}: receive time minus the <em>intended</em> send time of the schedule. A sender that
 *       falls behind (a stalled channel, a full queue, a descheduled thread) still stamps the time it should have
 *       sent at, so the wait it caused is charged to every message that waited: coordinated omission is accounted
 *       for explicitly, not guessed afterwards with {@code recordValueWithExpectedInterval}.</li>
 *   <li>{@code fromSent}: receive time minus the actual send time: the channel's service time alone, the figure
 *       that naive benchmarks report.</li>
 * </ul>
 * Both ends use {@code System.nanoTime()}, which on Linux is CLOCK_MONOTONIC: one clock for every process of
 * the machine, so cross-process differences are meaningful. Not thread-safe: one receiving thread.
 */
final class LatencyRecorder {
    static final long HIGHEST_NANOS = 600_000_000_000L;

    final Histogram fromIntended = new Histogram(HIGHEST_NANOS, 3);
    final Histogram fromSent = new Histogram(HIGHEST_NANOS, 3);
    long messages;
    long firstReceiveNanos;
    long lastReceiveNanos;

    void record(Received message, long receiveNanos) {
        if (messages == 0) {
            firstReceiveNanos = receiveNanos;
        }
        lastReceiveNanos = receiveNanos;
        messages++;
        fromIntended.recordValue(clamp(receiveNanos - message.intendedNanos));
        fromSent.recordValue(clamp(receiveNanos - message.sentNanos));
    }

    private static long clamp(long nanos) {
        return Math.max(0, Math.min(HIGHEST_NANOS, nanos));
    }

    /**
     * Received messages per second between the first and the last recorded message; unknown ({@code NaN}) below
     * three messages, where two arrivals in a burst would claim any rate at all.
     */
    double messagesPerSecond() {
        long span = lastReceiveNanos - firstReceiveNanos;
        return messages < 3 || span <= 0 ? Double.NaN : (messages - 1) * 1e9 / span;
    }

    /** Writes the recording to {@code file} atomically (the other side polls for it). */
    void save(Path file) {
        String text = "messages=" + messages + "\nfirst=" + firstReceiveNanos + "\nlast=" + lastReceiveNanos
                + "\nfromIntended=" + encode(fromIntended) + "\nfromSent=" + encode(fromSent) + "\n";
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, text);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static LatencyRecorder load(Path file) {
        Map<String, String> fields = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    fields.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        LatencyRecorder r = new LatencyRecorder();
        try {
            r.messages = Long.parseLong(fields.get("messages"));
            r.firstReceiveNanos = Long.parseLong(fields.get("first"));
            r.lastReceiveNanos = Long.parseLong(fields.get("last"));
            r.fromIntended.add(decode(fields.get("fromIntended")));
            r.fromSent.add(decode(fields.get("fromSent")));
        } catch (RuntimeException | DataFormatException e) {
            throw new IllegalStateException(file + ": unreadable run result (" + e + ")");
        }
        return r;
    }

    private static String encode(Histogram h) {
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int n = h.encodeIntoCompressedByteBuffer(buffer);
        byte[] bytes = new byte[n];
        buffer.flip().get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static Histogram decode(String text) throws DataFormatException {
        return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(text)), 0);
    }
}
