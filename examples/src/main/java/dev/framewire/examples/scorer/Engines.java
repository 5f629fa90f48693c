package dev.framewire.examples.scorer;

import dev.framewire.core.engine.RunOptions;
import dev.framewire.core.engine.RunReport;
import dev.framewire.core.network.Network;
import dev.framewire.core.process.ProcessOptions;

/** The one place that maps a {@code --mode} to an engine call; the network is the same for all three. */
public final class Engines {
    private Engines() {
    }

    public static RunReport run(Network network, EngineMode mode, RunOptions options) {
        return switch (mode) {
            case SEQUENTIAL -> network.runSequential(options);
            case THREADS -> network.runThreads(options);
            case PROCESSES -> network.runProcesses(ProcessOptions.defaults(), options);
        };
    }
}
