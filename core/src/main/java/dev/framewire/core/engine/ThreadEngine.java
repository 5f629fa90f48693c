package dev.framewire.core.engine;

import dev.framewire.core.network.Network;

import java.util.Objects;
import java.util.function.Supplier;

/** Runs a network on threads. (Being written: this commit lands the API first.) */
public final class ThreadEngine implements Engine {
    private final Supplier<? extends TransformExecutor> executors;

    /** The thread engine computing every node in this JVM. */
    public ThreadEngine() {
        this(() -> (node, context) -> null);
    }

    /** The thread engine computing transforms through a fresh executor from {@code executors} per run. */
    public ThreadEngine(Supplier<? extends TransformExecutor> executors) {
        this.executors = Objects.requireNonNull(executors, "executors");
    }

    @Override
    public String name() {
        return "threads";
    }

    @Override
    public RunReport run(Network network, RunOptions options) {
        throw new UnsupportedOperationException("the thread engine lands in the next commit");
    }
}
