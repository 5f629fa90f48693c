package dev.framewire.core.engine;

import java.util.concurrent.locks.LockSupport;

/**
 * How a thread waits for input or room: spin, then yield, then park for a time that doubles up to a cap; the cap may
 * follow how long this thread's waits have lately been ({@link ParkCap}).
 *
 * <p>Why this shape, measured on a shared 2-core machine running more threads than cores: spinning long or yielding
 * only takes the core from the thread being waited for (in a run's own threads, yielding was the worst: a third of
 * samples sat in {@code Thread.yield}, and it cost 40% of throughput); parking hands the core over, and the doubling
 * lets a waiting thread sleep through the time its producer needs to fill a batch. No signal is needed from the other
 * side, so the hot path of a channel carries no unpark call; the cap bounds the latency a parked thread adds.
 * Interruption makes {@code park} return at once, so a stopping run is never held by a parked thread.
 *
 * <p>One instance per waiting thread; not thread-safe.
 */
public final class IdleStrategy {
    private final int spins;
    private final int yields;
    private final long minParkNanos;
    private final ParkCap cap;
    private int count;
    private boolean waited;
    private long parkNanos;

    /**
     * A strategy whose longest park follows the waits: a quarter of the typical wait, between {@code shortCapNanos}
     * and {@code longCapNanos}. A thread that waits tens of milliseconds (for a 12 MP photo's outcome) then wakes a
     * few times a wait rather than dozens, and one that waits a millisecond (small photos) still wakes up in time.
     */
    public IdleStrategy(int spins, int yields, long minParkNanos, long shortCapNanos, long longCapNanos) {
        if (spins < 0 || yields < 0 || minParkNanos < 1 || shortCapNanos < minParkNanos
                || longCapNanos < shortCapNanos) {
            throw new IllegalArgumentException("bad idle strategy " + spins + "/" + yields + "/" + minParkNanos + "/"
                    + shortCapNanos + "/" + longCapNanos);
        }
        this.spins = spins;
        this.yields = yields;
        this.minParkNanos = minParkNanos;
        this.cap = new ParkCap(shortCapNanos, longCapNanos);
        this.parkNanos = minParkNanos;
    }

    /**
     * For a run's own threads (dispatchers, collectors, sources, merges, sinks): 50 spins, no yield, then parks from
     * 10 µs up to 500 µs, or up to 4 ms when the waits are long. Before the cap followed the waits, a coordinator's
     * threads waiting for children on 12 MP photos woke about 1 700 times a second each.
     */
    static IdleStrategy forRunners() {
        return new IdleStrategy(50, 0, 10_000, 500_000, 4_000_000);
    }

    /** Spin a few microseconds, yield a little, then park up to a millisecond. */
    private static IdleStrategy backoff() {
        return new IdleStrategy(2_000, 50, 10_000, 1_000_000, 1_000_000);
    }

    /**
     * For a waiter among {@code busyProcesses} processes that compete for the cores (a run's coordinator and its
     * children): {@link #backoff()} when there are more cores than that, so a spin cannot take a core from a
     * worker; otherwise no spinning and a few yields before parking (from 20 us, doubling to 1 ms, or up to 4 ms
     * when the waits are long), which bounds the latency it adds to a fraction of the time the thread waits anyway.
     */
    public static IdleStrategy forProcesses(int busyProcesses) {
        if (Runtime.getRuntime().availableProcessors() > busyProcesses) {
            return backoff();
        }
        return new IdleStrategy(0, 5, 20_000, 1_000_000, 4_000_000);
    }

    /** Call when a wait found nothing to do. */
    public void idle() {
        waited = true;
        if (count < spins) {
            count++;
            Thread.onSpinWait();
        } else if (count - spins < yields) {
            count++;
            Thread.yield();
        } else {
            LockSupport.parkNanos(parkNanos);
            cap.parked(parkNanos);
            parkNanos = Math.min(cap.capNanos(), parkNanos * 2);
        }
    }

    /** Call when work was found, or before a new wait: the last wait is over, and the next starts spinning again. */
    public void reset() {
        if (waited) {
            cap.waitEnded();
            waited = false;
        }
        count = 0;
        parkNanos = minParkNanos;
    }
}
