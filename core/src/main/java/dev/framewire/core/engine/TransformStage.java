package dev.framewire.core.engine;

/**
 * SPI: computes one transform node (all its replicas) for the thread engine's coordinator.
 *
 * <p><b>Contract.</b> The coordinator calls {@link #submit} from one thread, in increasing sequence order, and never
 * has more than {@link #maxInFlight()} items submitted whose result was not yet delivered. For every submitted item
 * the stage delivers exactly one result through the {@link StageContext}: {@code completed(seq, value)},
 * {@code completed(seq, null)} for a drop, or {@code failed(seq, ...)} — from any thread, in any order (the
 * coordinator restores sequence order before anything goes downstream, so replicas may finish out of order).
 * Error outcomes and drops arriving from upstream never reach the stage; the coordinator passes them on in order.
 *
 * <p><b>Ownership.</b> {@code submit} hands the item over: frames in it are the stage's to release once computed
 * (the in-JVM stages release frames not carried into the result). A {@code submit} that throws has not taken the
 * item; the coordinator releases it. A result handed to {@code completed} belongs to the
 * coordinator.
 *
 * <p><b>Stopping.</b> {@link #close()} is called once, from a coordinator thread, after every result was delivered,
 * or early when the run stops (fail-fast, timeout, interruption). It may run while another thread is inside
 * {@code submit}: it must make that {@code submit} return (threads of the run are also interrupted), and every item
 * must still be released exactly once (by the stage if it took the item, by the coordinator if {@code submit} threw).
 * It releases what the stage holds and leaves no thread or process behind when it returns. Results delivered after
 * close are ignored.
 */
public interface TransformStage extends AutoCloseable {

    /** Items that may be submitted and not yet completed; at least 1. Constant for the stage's life. */
    int maxInFlight();

    /**
     * Starts computing one item. May block (e.g. waiting for a child process to accept it), but should complete
     * work asynchronously.
     *
     * @throws InterruptedException if interrupted while blocked (the run is stopping)
     * @throws Exception            if the item cannot be handed over; the coordinator makes it an error outcome
     */
    void submit(long sequence, Object item) throws Exception;

    /** No further item will be submitted; results of the submitted ones are still due. */
    default void endOfInput() throws Exception {
    }

    /**
     * The items being computed now, for the timeout message ({@code node#replica} names welcome); {@code null} lets
     * the coordinator list every submitted item without a result. Called from another thread.
     */
    default java.util.List<BusyItem> busy() {
        return null;
    }

    @Override
    void close();
}
