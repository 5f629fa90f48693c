package dev.framewire.core.network;

import dev.framewire.core.fn.AsyncFunction;

import java.util.List;

/**
 * An asynchronous transform: its function starts the work for one item and returns a
 * {@link java.util.concurrent.CompletableFuture}. At most {@link #maxInFlight()} futures are outstanding at once
 * (the node then stops taking input, which back-pressures upstream). Results are emitted in input order.
 * A future completed with {@code null} drops the item; one completed exceptionally (or a function that throws)
 * makes an error outcome.
 */
public final class AsyncTransformNode extends Node {
    private final AsyncFunction<Object, Object> function;
    private final int maxInFlight;

    AsyncTransformNode(String name, Class<?> inType, Class<?> outType, AsyncFunction<Object, Object> function,
                       int maxInFlight) {
        super(name, NodeKind.ASYNC_TRANSFORM, List.of(in(name, "in", inType)), List.of(out(name, "out", outType)));
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("async transform '" + name + "' needs maxInFlight >= 1, got " + maxInFlight);
        }
        this.function = function;
        this.maxInFlight = maxInFlight;
    }

    public AsyncFunction<Object, Object> function() {
        return function;
    }

    public int maxInFlight() {
        return maxInFlight;
    }

    @Override
    Node renamed(String newName) {
        return new AsyncTransformNode(newName, input().type(), output().type(), function, maxInFlight);
    }
}
