package dev.framewire.examples.scorer;

import dev.framewire.core.engine.RunOptions;
import dev.framewire.core.engine.RunReport;
import dev.framewire.core.network.Network;
import dev.framewire.core.process.ProcessEngine;
import dev.framewire.core.process.ProcessOptions;

/** The one place that maps a {@code --mode} to an engine call; the network is the same for all three. */
public final class Engines {
    private Engines() {
    }

    public static RunReport run(Network network, EngineMode mode, RunOptions options) {
        return switch (mode) {
            case SEQUENTIAL -> network.runSequential(options);
            case THREADS -> network.runThreads(options);
            case PROCESSES -> {
                skipPosixBinding();
                yield network.runProcesses(ProcessOptions.defaults(), options);
            }
        };
    }

    /**
     * A process engine with the options of {@code --mode processes} that keeps its child JVMs between runs, for a
     * caller that scores several folders in one JVM (a benchmark, a service): the caller owns it and closes it.
     */
    public static ProcessEngine warmProcessEngine() {
        return warmProcessEngine(ProcessOptions.defaults());
    }

    /** As {@link #warmProcessEngine()}, with {@code options} (other child JVM flags, say). */
    public static ProcessEngine warmProcessEngine(ProcessOptions options) {
        skipPosixBinding();
        return ProcessEngine.warm(options);
    }

    private static void skipPosixBinding() {
        // this command's process uses Chronicle Queue only for the engine's channels, which are never msync'ed:
        // skip binding POSIX calls through jnr-ffi (some three hundred classes loaded and stubs generated at
        // start-up); children do the same
        net.openhft.posix.PosixAPI.useNoOpPosixApi();
    }
}
