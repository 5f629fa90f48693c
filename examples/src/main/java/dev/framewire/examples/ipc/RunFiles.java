package dev.framewire.examples.ipc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The handshake between sender and receiver, through files in the sweep's private directory: the receiver
 * creates {@code ready-N} once run N's channel is open, and writes {@code result-N.txt} after the run's end
 * message. Files work the same whether the receiver is a thread or another JVM.
 */
final class RunFiles {
    private RunFiles() {
    }

    static Path ready(Path runDir, RunPlan plan) {
        return runDir.resolve("ready-" + plan.index());
    }

    static Path result(Path runDir, RunPlan plan) {
        return runDir.resolve("result-" + plan.index() + ".txt");
    }

    /**
     * Waits for {@code file} to exist.
     *
     * @param problem returns a reason to give up early (the receiver died), or null to keep waiting
     * @throws IllegalStateException when the reason appears or the timeout passes
     */
    static void await(Path file, long timeoutNanos, Supplier<String> problem) {
        long deadline = System.nanoTime() + timeoutNanos;
        while (!Files.exists(file)) {
            String reason = problem.get();
            if (reason != null && !Files.exists(file)) {
                // checked again: a receiver may write its last file and exit between the two checks
                throw new IllegalStateException(reason);
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("gave up after " + timeoutNanos / 1_000_000_000 + " s waiting for the receiver to write " + file.getFileName());
            }
            LockSupport.parkNanos(1_000_000);
        }
    }
}
