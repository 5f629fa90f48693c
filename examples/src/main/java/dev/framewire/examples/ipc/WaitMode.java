package dev.framewire.examples.ipc;

import java.util.concurrent.locks.LockSupport;

/**
 * How a sender waits for its next send time and a receiver for its next message.
 *
 * <ul>
 *   <li>{@code busy}: spin ({@link Thread#onSpinWait()}): the lowest latency, one core burnt per waiting thread;
 *       on a 2-core machine sender and receiver then own both cores.</li>
 *   <li>{@code blocking}: let the core go. Channels with a blocking primitive use it (a blocking socket read,
 *       {@code BlockingQueue.take}); Chronicle Queue has none, so its reader parks for a short, growing time
 *       (1 to 50 µs) between polls, which is what a non-spinning Chronicle tailer does.</li>
 * </ul>
 */
enum WaitMode {
    BUSY("busy"), BLOCKING("blocking");

    private static final long MAX_PARK_NANOS = 50_000;

    final String label;

    WaitMode(String label) {
        this.label = label;
    }

    static WaitMode parse(String text) {
        for (WaitMode mode : values()) {
            if (mode.label.equalsIgnoreCase(text)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("--wait '" + text + "': expected busy or blocking");
    }

    /**
     * Linux wakes a parked thread up to 50 µs late (timer slack); parking stops this long before a deadline and
     * the rest is spun, so the sender's own oversleeping is not charged to the channel being measured.
     */
    private static final long SPIN_BEFORE_DEADLINE_NANOS = 80_000;

    /** Waits until {@code System.nanoTime() >= deadline}: spinning (busy) or parking then spinning the last 80 µs. */
    void waitUntil(long deadline) {
        long remaining;
        while ((remaining = deadline - System.nanoTime()) > 0) {
            if (this == BUSY || remaining <= SPIN_BEFORE_DEADLINE_NANOS) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(remaining - SPIN_BEFORE_DEADLINE_NANOS);
            }
        }
    }

    /**
     * One idle step of a polling loop; {@code idleRounds} counts the empty polls so far.
     * Busy spins; blocking backs off from spinning to parking up to {@value #MAX_PARK_NANOS} ns.
     */
    void idle(int idleRounds) {
        if (this == BUSY || idleRounds < 100) {
            Thread.onSpinWait();
        } else {
            LockSupport.parkNanos(Math.min(MAX_PARK_NANOS, 1_000L << Math.min(6, (idleRounds - 100) / 100)));
        }
    }
}
