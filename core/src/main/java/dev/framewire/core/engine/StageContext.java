package dev.framewire.core.engine;

import dev.framewire.core.network.ItemError;
import dev.framewire.core.network.TransformNode;

/**
 * Given by the thread engine to a {@link TransformStage}: where it delivers results. All methods are thread-safe;
 * each submitted sequence number must be completed exactly once.
 */
public interface StageContext {

    /** The node the stage computes. */
    TransformNode node();

    /** The options of this run. */
    RunOptions options();

    /** The item computed to {@code result}; {@code null} drops it. */
    void completed(long sequence, Object result);

    /** The item failed with {@code message} (one line, e.g. {@code "child exited with signal 9 (SIGKILL)"}). */
    void failed(long sequence, String message);

    /** The item failed by throwing {@code cause}. */
    default void failed(long sequence, Throwable cause) {
        failed(sequence, ItemError.describe(cause));
    }

    /**
     * Stops the whole run with {@code message} (e.g. a child restarted too often, or that cannot start): the run then
     * ends with a {@link RunFailedException} carrying it.
     */
    void abortRun(String message, Throwable cause);
}
