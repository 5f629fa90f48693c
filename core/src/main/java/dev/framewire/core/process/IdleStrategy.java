package dev.framewire.core.process;

import dev.framewire.core.internal.ParkCap;

import java.util.concurrent.locks.LockSupport;

/**
 * How a thread waits for the next message on a channel: spin, then yield, then park for growing periods.
 *
 * <p>Spinning gives the lowest latency but burns a core, which a 2-core machine shared by a coordinator and its
 * children cannot afford while items take milliseconds; the back-off caps the cost of an idle reader. One instance
 * per waiting thread; not thread-safe.
 */
public final class IdleStrategy {
    private final int spins;
    private final int yields;
    private final long minParkNanos;
    private final ParkCap cap;
    private int count;
    private long parkNanos;

    public IdleStrategy(int spins, int yields, long minParkNanos, long maxParkNanos) {
        this(spins, yields, minParkNanos, maxParkNanos, maxParkNanos);
    }

    /**
     * A strategy whose longest park follows the waits ({@link ParkCap}): a quarter of the typical wait, between
     * {@code maxParkNanos} and {@code longCapNanos}. A thread that waits tens of milliseconds for a child's outcome
     * then wakes a few times a wait rather than dozens, and one that waits a millisecond still wakes up in time.
     */
    public IdleStrategy(int spins, int yields, long minParkNanos, long maxParkNanos, long longCapNanos) {
        if (spins < 0 || yields < 0 || minParkNanos < 1 || maxParkNanos < minParkNanos || longCapNanos < maxParkNanos) {
            throw new IllegalArgumentException("bad idle strategy " + spins + "/" + yields + "/" + minParkNanos + "/"
                    + maxParkNanos + "/" + longCapNanos);
        }
        this.spins = spins;
        this.yields = yields;
        this.minParkNanos = minParkNanos;
        this.cap = new ParkCap(maxParkNanos, longCapNanos);
        this.parkNanos = minParkNanos;
    }

    /** Busy-spin only: the lowest latency, a whole core while waiting. For latency benchmarks. */
    public static IdleStrategy busySpin() {
        return new IdleStrategy(Integer.MAX_VALUE, 0, 1, 1);
    }

    /** Spin a few microseconds, yield a little, then park up to a millisecond: the engine's default. */
    public static IdleStrategy backoff() {
        return new IdleStrategy(2_000, 50, 10_000, 1_000_000);
    }

    /**
     * For a waiter among {@code busyProcesses} processes that compete for the cores (a run's coordinator and its
     * children): {@link #backoff()} when there are more cores than that, so a spin cannot take a core from a
     * worker; otherwise no spinning and a few yields before parking (from 20 us, doubling to 1 ms, or up to 4 ms
     * when the waits are long: a quarter of the typical wait), which bounds the latency it adds to a fraction of the
     * time the thread waits anyway.
     */
    public static IdleStrategy forProcesses(int busyProcesses) {
        if (Runtime.getRuntime().availableProcessors() > busyProcesses) {
            return backoff();
        }
        return new IdleStrategy(0, 5, 20_000, 1_000_000, 4_000_000);
    }

    /** Call when a wait found nothing to do. */
    public void idle() {
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

    /** Call when work was found: the next wait starts spinning again. */
    public void reset() {
        if (count > 0) {
            cap.waitEnded();
        }
        count = 0;
        parkNanos = minParkNanos;
    }
}
