package dev.framewire.core.engine;

import dev.framewire.core.network.AsyncTransformNode;
import dev.framewire.core.network.ItemError;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Runs an async transform: {@code submit} starts the work on the dispatcher's thread and returns; the future's
 * completion (on whatever thread completes it) delivers the result. The coordinator's window bounds the futures
 * outstanding to {@link AsyncTransformNode#maxInFlight()}; no thread is held per item.
 */
final class AsyncStage implements TransformStage {
    private final AsyncTransformNode node;
    private final StageContext context;

    AsyncStage(AsyncTransformNode node, StageContext context) {
        this.node = node;
        this.context = context;
    }

    @Override
    public int maxInFlight() {
        return node.maxInFlight();
    }

    @Override
    public void submit(long sequence, Object item) {
        CompletableFuture<Object> future;
        try {
            future = node.function().apply(item);
            if (future == null) {
                throw new IllegalStateException("returned a null future");
            }
        } catch (Throwable t) {
            NodeLogic.rethrowFatal(t);
            FrameOwnership.release(item);
            context.failed(sequence, t);
            return;
        }
        future.whenComplete((result, failure) -> {
            if (failure != null) {
                FrameOwnership.release(item);
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                context.failed(sequence, ItemError.describe(cause));
            } else {
                FrameOwnership.releaseConsumed(item, result);
                context.completed(sequence, result);
            }
        });
    }

    @Override
    public void close() {
        // futures belong to the user's executors; results arriving after close are ignored by the coordinator
    }
}
