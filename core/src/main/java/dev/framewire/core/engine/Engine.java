package dev.framewire.core.engine;

import dev.framewire.core.network.Network;

/**
 * Runs a {@link Network}. Engines interpret the same immutable network; switching engine is one call.
 * Every engine keeps the same semantics: sequence numbers, drops, error outcomes flowing to sinks, fail-fast,
 * timeout naming busy nodes, and nothing of the run (thread, process) left behind when {@code run} returns.
 */
public interface Engine {

    /** A short name for reports: {@code sequential}, {@code threads}, {@code processes}. */
    String name();

    /**
     * Runs the network to the end of all its sources.
     *
     * @return what happened, per node
     * @throws RunFailedException      under fail-fast, at the first error; or when the run cannot go on
     * @throws RunTimeoutException     when {@link RunOptions#timeout()} passes first
     * @throws RunInterruptedException when the calling thread is interrupted (its interrupt flag is set again)
     * @throws IllegalArgumentException if the network cannot run (it has nested-network boundaries)
     */
    RunReport run(Network network, RunOptions options);
}
