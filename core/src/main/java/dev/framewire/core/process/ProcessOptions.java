package dev.framewire.core.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the process engine runs a network. Immutable; each {@code with...} returns a copy.
 *
 * @param runDirectoryParent where the private run directory is created
 * @param keepRunDirectory   leave the run directory (queues, logs, crash reports) in place after the run
 * @param jvmOptions         options for child JVMs; {@code null} means the coordinator's own (its
 *                           {@code RuntimeMXBean} input arguments), whatever launched it
 * @param maxRestarts        how many times one node's children may be restarted after dying before the run fails
 * @param startupTimeout     how long a child may take to become ready
 * @param largestPayload     the largest item (a frame) expected on the shared payload channel, in bytes; it sizes
 *                           the queue's mappings so that items are read in place
 */
public record ProcessOptions(Path runDirectoryParent, boolean keepRunDirectory, List<String> jvmOptions,
                             int maxRestarts, Duration startupTimeout, long largestPayload) {

    public ProcessOptions {
        Objects.requireNonNull(runDirectoryParent, "runDirectoryParent");
        Objects.requireNonNull(startupTimeout, "startupTimeout");
        jvmOptions = jvmOptions == null ? null : List.copyOf(jvmOptions);
        if (maxRestarts < 0) {
            throw new IllegalArgumentException("maxRestarts must be >= 0, got " + maxRestarts);
        }
        if (largestPayload < 1) {
            throw new IllegalArgumentException("largestPayload must be positive, got " + largestPayload);
        }
    }

    /** Defaults: run directory in /dev/shm, removed at the end; the coordinator's JVM options; 3 restarts per node. */
    public static ProcessOptions defaults() {
        return new ProcessOptions(RunDirectory.defaultParent(), false, null, 3, Duration.ofSeconds(60), 64L << 20);
    }

    public ProcessOptions withRunDirectoryParent(Path parent) {
        return new ProcessOptions(parent, keepRunDirectory, jvmOptions, maxRestarts, startupTimeout, largestPayload);
    }

    public ProcessOptions withKeepRunDirectory(boolean keep) {
        return new ProcessOptions(runDirectoryParent, keep, jvmOptions, maxRestarts, startupTimeout, largestPayload);
    }

    public ProcessOptions withJvmOptions(List<String> options) {
        return new ProcessOptions(runDirectoryParent, keepRunDirectory, options, maxRestarts, startupTimeout, largestPayload);
    }

    public ProcessOptions withMaxRestarts(int restarts) {
        return new ProcessOptions(runDirectoryParent, keepRunDirectory, jvmOptions, restarts, startupTimeout, largestPayload);
    }

    public ProcessOptions withStartupTimeout(Duration timeout) {
        return new ProcessOptions(runDirectoryParent, keepRunDirectory, jvmOptions, maxRestarts, timeout, largestPayload);
    }

    public ProcessOptions withLargestPayload(long bytes) {
        return new ProcessOptions(runDirectoryParent, keepRunDirectory, jvmOptions, maxRestarts, startupTimeout, bytes);
    }
}
