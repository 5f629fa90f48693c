package dev.framewire.core.process;

import dev.framewire.core.engine.Engine;
import dev.framewire.core.engine.RunOptions;
import dev.framewire.core.engine.RunReport;
import dev.framewire.core.engine.ThreadEngine;
import dev.framewire.core.network.Network;

import java.util.Objects;

/**
 * Runs a network with its transforms in child JVMs: the thread engine's coordinator (sources, channels, broadcast,
 * merges, splits, sinks, ordering, error outcomes, fail-fast, timeouts) with each plain transform and its replicas
 * computed by children started with this JVM's java binary, class path and JVM options, exchanging items over
 * memory-mapped Chronicle Queues in a private run directory (frames through a recycled payload arena, read in place;
 * a frame a child makes is written into an arena slot granted with its item, when one is free, and handed on to other
 * children from there: one copy of its pixels between processes).
 *
 * <p>Failure model: an exception in a node fails its item; a child that dies (exit, signal, JVM crash) fails the
 * item it held, is restarted and goes on from the next one; after {@link ProcessOptions#maxRestarts()} deaths of one
 * node the run fails; a child that cannot start fails the run at once with its own words; on timeout every child is
 * killed before {@code run} throws; children exit by themselves if the coordinator dies.
 *
 * <p>Stateless and thread-safe: each run gets its own children and run directory.
 */
public final class ProcessEngine implements Engine {
    private final ProcessOptions options;

    /** Default options and codecs. */
    public ProcessEngine() {
        this(ProcessOptions.defaults());
    }

    public ProcessEngine(ProcessOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public String name() {
        return "processes";
    }

    @Override
    public RunReport run(Network network, RunOptions runOptions) {
        return new ThreadEngine(name(), () -> new ProcessExecutor(options, options.codecs())).run(network, runOptions);
    }
}
