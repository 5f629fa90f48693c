package dev.framewire.core.engine;

import dev.framewire.core.network.Network;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Runs a network on threads: one thread per node (a transform with {@code workers(n)} has n replica threads, a
 * dispatcher and a collector), connected by bounded single-producer single-consumer channels
 * ({@link RunOptions#channelCapacity()} messages, of which at most {@link RunOptions#frameCapacity()} carry frames,
 * per edge).
 *
 * <ul>
 *   <li><b>Back-pressure:</b> a producer waits while its channel is full, so a slow sink slows the source; memory
 *       stays within {@code edges x channelCapacity} messages and live frames within about
 *       {@code frame-carrying edges x (frameCapacity + 1)}.</li>
 *   <li><b>Order:</b> every node emits in sequence order, replicas included (a reorder window of
 *       {@code 2 x workers} items).</li>
 *   <li><b>Frames</b> are reference-counted per edge and released after their last reader, also when the run stops
 *       early (see {@code FrameOwnership}).</li>
 *   <li><b>Errors</b> become error outcomes flowing to the sinks; fail-fast stops the run at the first.</li>
 *   <li><b>Stopping:</b> on timeout, fail-fast, or interruption of the caller, every thread of the run is
 *       interrupted and joined before {@code run} returns. Node functions that block should be interruptible;
 *       one that ignores interruption keeps its (daemon) thread until it returns.</li>
 * </ul>
 *
 * <p>How transforms compute is pluggable: a {@link TransformExecutor} may take over any {@code TRANSFORM} node
 * (the process engine runs them in child JVMs), the rest of the run staying here; a stage with no threads of its own
 * ({@link PolledStage}) is driven by the node's one thread, without a collector. The engine object is stateless
 * and may run several networks at once.
 */
public final class ThreadEngine implements Engine {
    private final Supplier<? extends TransformExecutor> executors;
    private final String name;

    /** The thread engine computing every node in this JVM. */
    public ThreadEngine() {
        this(() -> (node, context) -> null);
    }

    /** The thread engine computing transforms through a fresh executor from {@code executors} per run. */
    public ThreadEngine(Supplier<? extends TransformExecutor> executors) {
        this("threads", executors);
    }

    /** As above, reporting runs under {@code name} (the process engine's coordinator is this engine). */
    public ThreadEngine(String name, Supplier<? extends TransformExecutor> executors) {
        this.executors = Objects.requireNonNull(executors, "executors");
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public RunReport run(Network network, RunOptions options) {
        network.checkRunnable();
        Objects.requireNonNull(options, "options");
        return new ThreadRun(network, options, executors.get(), name()).execute();
    }
}
