package dev.framewire.core.engine;

/**
 * The longest park of a waiting thread's next wait: a quarter of its typical wait, between a short and a long cap.
 *
 * <p>Why: a parking thread that doubles its park up to a fixed cap wakes up once per cap for as long as it waits. A
 * cap short enough for waits of a millisecond (small photos) makes a thread that waits tens of milliseconds (a 12 MP
 * photo computed in a child JVM) wake dozens of times a wait for nothing: in a process run those wake-ups were most of
 * the coordinator's context switches. A quarter of the typical wait keeps the latency a late wake-up adds to a
 * fraction of the time the thread waits anyway.
 *
 * <p>The typical wait is a running average (weight 1/8) of the time parked in each of the last waits; a wait that
 * ended before the first park counts as zero. Held by one {@link IdleStrategy}, apart
 * so that the rule can be tested without parking. One instance per waiting thread; not thread-safe.
 */
final class ParkCap {
    private final long shortCapNanos;
    private final long longCapNanos;
    private long parkedNanos;
    private long typicalWaitNanos;
    private long capNanos;

    ParkCap(long shortCapNanos, long longCapNanos) {
        if (shortCapNanos < 1 || longCapNanos < shortCapNanos) {
            throw new IllegalArgumentException("bad park caps " + shortCapNanos + "/" + longCapNanos);
        }
        this.shortCapNanos = shortCapNanos;
        this.longCapNanos = longCapNanos;
        this.capNanos = shortCapNanos;
    }

    /** The longest park for the current wait. */
    long capNanos() {
        return capNanos;
    }

    /** The current wait parked for {@code nanos} more (the time asked of {@code parkNanos}). */
    void parked(long nanos) {
        parkedNanos += nanos;
    }

    /** The current wait is over: it counts towards the typical wait, which sets the cap of the next one. */
    void waitEnded() {
        typicalWaitNanos += (parkedNanos - typicalWaitNanos) >> 3;
        capNanos = Math.max(shortCapNanos, Math.min(longCapNanos, typicalWaitNanos >> 2));
        parkedNanos = 0;
    }
}
