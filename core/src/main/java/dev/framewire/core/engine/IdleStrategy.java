package dev.framewire.core.engine;

import java.util.concurrent.locks.LockSupport;

/**
 * How a run's thread waits for input or room: a few spins, a few yields, then parking for a time that doubles up to
 * a cap. On a machine with fewer cores than threads, parking soon is what lets the thread being waited for run; the
 * cap bounds the latency a parked thread adds. No signalling is needed from the other side, so the hot path of a
 * channel carries no unpark calls. One instance per thread (it keeps the current backoff). Interruption makes
 * {@code park} return at once, so a stopping run is never held by a parked thread.
 */
final class IdleStrategy {
    private static final int SPINS = 20;
    private static final int YIELDS = 5;
    private static final long MIN_PARK_NANOS = 1_000;
    private static final long MAX_PARK_NANOS = 500_000;

    private int attempts;
    private long parkNanos = MIN_PARK_NANOS;

    void idle() {
        if (attempts < SPINS) {
            attempts++;
            Thread.onSpinWait();
        } else if (attempts < SPINS + YIELDS) {
            attempts++;
            Thread.yield();
        } else {
            LockSupport.parkNanos(parkNanos);
            parkNanos = Math.min(parkNanos << 1, MAX_PARK_NANOS);
        }
    }

    void reset() {
        attempts = 0;
        parkNanos = MIN_PARK_NANOS;
    }
}
