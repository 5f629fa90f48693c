package dev.framewire.core.fn;

import java.io.Serializable;
import java.util.concurrent.CompletableFuture;

/**
 * An asynchronous transform for I/O-bound work: starts the work for one item and returns at once. Completing the
 * future with {@code null} drops the item; completing it exceptionally makes an error outcome for the item.
 * Engines bound how many futures are outstanding per node, so no thread is held per item.
 */
@FunctionalInterface
public interface AsyncFunction<T, R> extends Serializable {
    CompletableFuture<R> apply(T item);
}
