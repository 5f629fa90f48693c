package dev.framewire.core.engine;

import dev.framewire.core.network.Network;
import dev.framewire.core.network.SinkFunction;
import dev.framewire.core.network.SinkNode;
import dev.framewire.core.network.TransformNode;

import java.util.Map;

/**
 * SPI: decides how the {@link ThreadEngine} computes its {@link TransformNode}s, everything else (sources, channels,
 * broadcast, merges, splits, sinks, ordering, error outcomes, fail-fast, timeouts, reports) staying the thread
 * engine's. The process engine implements it with child JVMs: {@code new ThreadEngine(ProcessExecutor::new)}.
 *
 * <p>Lifecycle, per run, all on the calling thread unless noted:
 * <ol>
 *   <li>{@link #start} once, before any item flows: prepare, or refuse (throw, naming the node and the reason);</li>
 *   <li>{@link #open} once per transform node; return {@code null} to let the thread engine run that node itself
 *       (in this JVM, with its replicas);</li>
 *   <li>items flow through the returned {@link TransformStage}s (see there for the threading contract);</li>
 *   <li>{@link #reportExtensions()} after the stages closed, for the run report;</li>
 *   <li>{@link #close()} once, always (success, failure, timeout, interruption): when it returns, nothing of the run
 *       (thread, process, file) may be left.</li>
 * </ol>
 */
public interface TransformExecutor extends AutoCloseable {

    /**
     * Prepares for a run of {@code network}.
     *
     * @throws Exception to refuse the run before anything starts; the message should name the node and the reason
     */
    default void start(Network network, RunOptions options) throws Exception {
    }

    /**
     * The stage computing {@code node}, or {@code null} to let the thread engine run it in this JVM.
     *
     * @param context where the stage delivers results; valid for the whole run
     */
    TransformStage open(TransformNode node, StageContext context) throws Exception;

    /**
     * The function the coordinator calls for sink {@code node}: by default the node's own. The process engine wraps
     * it to journal deliveries, so that a resumed run delivers nothing twice.
     */
    default SinkFunction<Object> sink(SinkNode node) {
        return node.function();
    }

    /** Engine-specific figures for {@link RunReport#extensions()}, gathered after the stages closed. */
    default Map<String, Object> reportExtensions() {
        return Map.of();
    }

    /** Ends everything this executor started. Must not throw for a run that already failed. */
    @Override
    default void close() {
    }
}
