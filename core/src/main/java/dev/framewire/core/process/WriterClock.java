package dev.framewire.core.process;

import net.openhft.chronicle.core.time.TimeProvider;

/**
 * The time a channel writer's queue sees: it stands still, and moves one roll cycle ahead before an append that its
 * {@link RollPolicy} wants in a new file. A Chronicle Queue chooses the file of an append from the time, so with the
 * wall clock a queue of one-second cycles made a file every second on every channel, whatever it carried; with this
 * clock the writer decides. Readers need no such clock: they move to the next file at the end-of-file marker the
 * writer leaves when it moves on, and find it in the queue's directory listing.
 *
 * <p>Thread safety: {@link #startAfter}, {@link #beforeAppend} and {@link #appended} are called under the writer's
 * lock; the queue may read the time from any thread.
 */
final class WriterClock implements TimeProvider {
    private final long cycleMillis;
    private final RollPolicy policy;
    private volatile long millis;
    private long bytesInFile;
    private long fileStartedNanos = System.nanoTime();

    WriterClock(long cycleMillis, RollPolicy policy) {
        if (cycleMillis < 1) {
            throw new IllegalArgumentException("cycle of " + cycleMillis + " ms");
        }
        this.cycleMillis = cycleMillis;
        this.policy = policy;
        this.millis = System.currentTimeMillis();
    }

    /**
     * A queue that already holds files up to cycle {@code lastCycle}: never append to an earlier one. Cycle {@code c}
     * starts at {@code c} cycles after the epoch, which is 0 for the queues framewire makes.
     */
    void startAfter(int lastCycle) {
        if (lastCycle != Integer.MIN_VALUE) {
            millis = Math.max(millis, (lastCycle + 1L) * cycleMillis);
        }
    }

    /** Before an append at {@code nowNanos}: the next cycle, so a new file, if the policy wants one. */
    void beforeAppend(long nowNanos) {
        if (policy.due(bytesInFile, nowNanos - fileStartedNanos)) {
            millis += cycleMillis;
            bytesInFile = 0;
            fileStartedNanos = nowNanos;
        }
    }

    /** An append of {@code bytes} went into the current file. */
    void appended(long bytes) {
        bytesInFile += bytes;
    }

    @Override
    public long currentTimeMillis() {
        return millis;
    }
}
