package dev.framewire.core.engine;

import dev.framewire.core.internal.ParkCap;

import java.util.concurrent.locks.LockSupport;

/**
 * How a run's thread waits for input or room: a short spin, then parking for a time that doubles up to a cap, and
 * the cap follows how long this thread's waits have lately been ({@link ParkCap}: from 500 us for short waits up to
 * 4 ms for long ones).
 *
 * <p>Why this shape, measured on a shared 2-core machine running more threads than cores: spinning long or yielding
 * only takes the core from the thread being waited for (yielding was the worst: a third of samples sat in
 * {@code Thread.yield}, and it cost 40% of throughput); parking hands the core over, and the doubling lets a waiting
 * thread sleep through the time its producer needs to fill a batch. No signal is needed from the other side, so the
 * hot path of a channel carries no unpark call; the cap bounds the latency a parked thread adds. Interruption makes
 * {@code park} return at once, so a stopping run is never held by a parked thread.
 *
 * <p>One instance per thread; not thread-safe.
 */
final class IdleStrategy {
    private static final int SPINS = 50;
    private static final long MIN_PARK_NANOS = 10_000;
    private static final long SHORT_CAP_NANOS = 500_000;
    private static final long LONG_CAP_NANOS = 4_000_000;

    private final ParkCap cap = new ParkCap(SHORT_CAP_NANOS, LONG_CAP_NANOS);
    private int spins;
    private long parkNanos = MIN_PARK_NANOS;

    void idle() {
        if (spins < SPINS) {
            spins++;
            Thread.onSpinWait();
        } else {
            LockSupport.parkNanos(parkNanos);
            cap.parked(parkNanos);
            parkNanos = Math.min(parkNanos << 1, cap.capNanos());
        }
    }

    /** Call before a new wait. */
    void reset() {
        if (spins > 0) {
            cap.waitEnded();
        }
        spins = 0;
        parkNanos = MIN_PARK_NANOS;
    }
}
