package dev.framewire.core.network;

import java.io.Serializable;

/**
 * The full form of a sink: values with their sequence numbers, error outcomes, and the end of the stream.
 * Engines call a sink from one thread at a time, in sequence order of its input.
 *
 * <p>An exception thrown by any method is recorded as an error of the sink's node in the
 * {@link dev.framewire.core.engine.RunReport} (and stops the run under fail-fast); the run goes on.
 *
 * @param <T> item type
 */
@FunctionalInterface
public interface SinkFunction<T> extends Serializable {

    /** One item that made it through; the sink owns a frame only during this call. */
    void accept(long sequence, T item) throws Exception;

    /**
     * The item of {@code sequence} failed upstream; by default ignored (it is in the run report anyway).
     * {@code error.sequence()} is its number at the node that failed, usually the same.
     */
    default void onError(long sequence, ItemError error) throws Exception {
    }

    /** The input ended; called once, after the last item, when the run completes normally. */
    default void onEnd() throws Exception {
    }
}
