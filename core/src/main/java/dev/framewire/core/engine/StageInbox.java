package dev.framewire.core.engine;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bounded hand-off between the coordinator's thread for one node and the threads that compute the node's items:
 * a queue of items with one end marker per consumer thread, a count of the items in flight (queued or being
 * computed), and the closing rule that makes a {@link #put} racing {@link #close} safe.
 *
 * <p>Concurrency: {@link #put} and {@link #endOfInput} are called by one coordinator thread; {@link #take} by the
 * consumer threads; {@link #done}, {@link #inFlight}, {@link #close} and {@link #releaseQueued} by any thread. When
 * {@code close} races a {@code put}, the item is either taken back by {@code put}, which throws (the caller still
 * owns it), or left in the queue for {@link #releaseQueued}: never both, never neither.
 */
final class StageInbox {
    /** One item and its sequence number. */
    record Task(long sequence, Object item) {
    }

    private static final Task END = new Task(-1, null);

    private final BlockingQueue<Task> queue;
    private final AtomicLong inFlight = new AtomicLong();
    private volatile boolean closed;

    /** @param capacity items (and end markers) the queue holds before {@link #put} blocks */
    StageInbox(int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /**
     * Queues an item, blocking while the queue is full.
     *
     * @throws InterruptedException if interrupted, or the inbox is closed: the caller keeps the item
     */
    void put(long sequence, Object item) throws InterruptedException {
        if (closed) {
            throw new InterruptedException("stage closed");
        }
        Task task = new Task(sequence, item);
        inFlight.incrementAndGet();
        try {
            queue.put(task);
        } catch (InterruptedException e) {
            inFlight.decrementAndGet();
            throw e;
        }
        // close() may have drained the queue just before this put: take the task back, or releaseQueued() has it
        if (closed && queue.remove(task)) {
            inFlight.decrementAndGet();
            throw new InterruptedException("stage closed");
        }
    }

    /** Queues one end marker per consumer thread. */
    void endOfInput(int consumers) throws InterruptedException {
        for (int i = 0; i < consumers; i++) {
            queue.put(END);
        }
    }

    /** The next item, waiting for one; {@code null} once this consumer reached its end marker. */
    Task take() throws InterruptedException {
        Task task = queue.take();
        return task == END ? null : task;
    }

    /** One taken item is finished (its outcome reported, or it failed). */
    void done() {
        inFlight.decrementAndGet();
    }

    /** Items put and not yet {@linkplain #done done}. */
    long inFlight() {
        return inFlight.get();
    }

    /** Refuses further puts. */
    void close() {
        closed = true;
    }

    /** Releases the frames of every item still queued (after the consumers stopped). */
    void releaseQueued() {
        Task left;
        while ((left = queue.poll()) != null) {
            if (left != END) {
                FrameOwnership.release(left.item());
            }
        }
    }

    /**
     * Interrupts a stage's consumer threads and waits up to 10 s for each; a thread stuck in code that ignores
     * interruption is left behind (they are daemons) rather than hanging the run's close.
     */
    static void stopConsumers(List<Thread> threads) {
        for (Thread t : threads) {
            t.interrupt();
        }
        for (Thread t : threads) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
