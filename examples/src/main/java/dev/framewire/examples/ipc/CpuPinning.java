package dev.framewire.examples.ipc;

import dev.framewire.core.internal.ThisThread;

import java.util.Optional;

/**
 * Pins the calling thread to one CPU with {@code taskset -cp CPU TID} ({@link ThisThread#apply}); only that thread
 * is pinned (GC and JIT threads keep roaming), and threads it starts later inherit the mask.
 *
 * <p>Where pinning is impossible (no {@code taskset}, no {@code /proc}, fewer CPUs than needed, or the OS
 * refuses) nothing is changed and the reason is returned, so the profiler can say it ran unpinned.
 */
final class CpuPinning {
    private CpuPinning() {
    }

    /** @return empty if pinned, otherwise why not */
    static Optional<String> pinCurrentThread(int cpu) {
        if (cpu >= Runtime.getRuntime().availableProcessors()) {
            return Optional.of("CPU " + cpu + " is not available to this JVM (" + Runtime.getRuntime().availableProcessors() + " CPUs)");
        }
        return ThisThread.apply("taskset", "-cp", Integer.toString(cpu));
    }
}
