package dev.framewire.core.process;

import net.openhft.chronicle.core.time.TimeProvider;

/**
 * The time a channel writer's queue sees: it stands still, and moves one roll cycle ahead when the writer wants its
 * next message in a new file ({@link #nextFile}). A Chronicle Queue chooses the file of an append from the time, so
 * with the wall clock a queue of one-second cycles made a file every second on every channel, whatever it carried;
 * with this clock the writer decides (see {@link RollPolicy}). Readers need no such clock: they move to the next file
 * at the end-of-file marker the writer leaves when it moves on, and find it in the queue's directory listing.
 *
 * <p>Thread safety: {@link #nextFile} and {@link #startAfter} are called under the writer's lock; the queue may read
 * the time from any thread.
 */
final class WriterClock implements TimeProvider {
    private final long cycleMillis;
    private volatile long millis;

    WriterClock(long cycleMillis) {
        if (cycleMillis < 1) {
            throw new IllegalArgumentException("cycle of " + cycleMillis + " ms");
        }
        this.cycleMillis = cycleMillis;
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

    /** The next append goes to a new file. */
    void nextFile() {
        millis += cycleMillis;
    }

    @Override
    public long currentTimeMillis() {
        return millis;
    }
}
