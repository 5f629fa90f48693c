package dev.framewire.core.process;

import java.util.concurrent.locks.LockSupport;

/**
 * How one side of a handshake between the coordinator and a child waits for the other (a child becoming ready, its
 * channels opening, a child finishing a run): it parks an eighth of the time it has waited so far, within bounds.
 *
 * <p>Why: the same handshake takes a kept child a few milliseconds and a new JVM hundreds. A park that doubles
 * notices the other side up to a whole wait late (a 3 ms handshake ended after 6), which a warm engine pays in
 * every run; a short fixed park wakes thousands of times while a JVM boots. Parking in proportion to the wait so far
 * bounds the lateness to about an eighth of the wait, with a few dozen wake-ups for a short handshake and a
 * hundred or so for a long one.
 *
 * <p>One instance per wait; not thread-safe.
 */
final class HandshakeWait {
    private static final int FRACTION = 8;

    private final long minParkNanos;
    private final long maxParkNanos;
    private final long start = System.nanoTime();

    /** Parks at least {@code minParkNanos} and at most {@code maxParkNanos} per call. */
    HandshakeWait(long minParkNanos, long maxParkNanos) {
        if (minParkNanos < 1 || maxParkNanos < minParkNanos) {
            throw new IllegalArgumentException("bad handshake wait " + minParkNanos + "/" + maxParkNanos);
        }
        this.minParkNanos = minParkNanos;
        this.maxParkNanos = maxParkNanos;
    }

    /** The coordinator's waits: from 20 µs, at most 5 ms (a new JVM takes hundreds of milliseconds). */
    static HandshakeWait coordinator() {
        return new HandshakeWait(20_000, 5_000_000);
    }

    /** The next park, after {@code waitedNanos} of waiting. */
    long parkNanos(long waitedNanos) {
        return Math.min(maxParkNanos, Math.max(minParkNanos, waitedNanos / FRACTION));
    }

    /** Call when the other side was not there yet. */
    void idle() {
        LockSupport.parkNanos(parkNanos(System.nanoTime() - start));
    }
}
