package dev.framewire.examples.ipc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Pins the calling thread to one CPU with {@code taskset -cp CPU TID}. Linux schedules Java threads as tasks
 * with their own id, read from {@code /proc/thread-self}; only that thread is pinned (GC and JIT threads keep
 * roaming), and threads it starts later inherit the mask.
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
        String tid;
        try {
            tid = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.of("no /proc/thread-self to find the thread id (" + e.getMessage() + ")");
        }
        try {
            Process p = new ProcessBuilder("taskset", "-cp", Integer.toString(cpu), tid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.of("taskset did not answer within 10 s");
            }
            return p.exitValue() == 0 ? Optional.empty() : Optional.of("taskset exited with " + p.exitValue());
        } catch (IOException e) {
            return Optional.of("taskset is not installed (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while pinning");
        }
    }
}
